/**
 * Benchmark: the simulated export of 500 mailboxes by the MailboxExport engine, on a virtual
 * clock. It runs the engine's own decisions (src/handlers/mailbox-export/plan.ts: reconcile,
 * settle, planStarts, pollDelay) step by step against simulated WorkMail jobs that each take the
 * same time; no AWS call, no real waiting. Each step is assumed to take STEP_SECONDS (listing the
 * jobs, checking the files, starting jobs) before its jobs start.
 *
 * The floor is what WorkMail's limit of 10 concurrent jobs per organization allows:
 * ceil(N / 10) x job time. The ratio of the wall time to it is the engine's overhead (target
 * at most 1.1). The comparison rows poll at a fixed interval instead, as a hand-written
 * Step Functions loop would, with the same start decisions: the price of their wall time is
 * more steps (Lambda invocations, Step Functions transitions) or more waiting.
 */
import type { MailboxExportJob } from '@aws-sdk/client-workmail';
import {
  ExportReport, MAX_CONCURRENT_JOBS, newReport, planStarts, pollDelay, reconcile, recordStart, recordVerification, settleReport, toVerify,
} from '../src/handlers/mailbox-export/plan';
import { printTable } from './report';

const MAILBOXES = 500;
const STEP_SECONDS = 5;
const JOB_MINUTES = [10, 60, 240];

type Polling = { readonly name: string; readonly delay: (report: ExportReport, jobs: readonly MailboxExportJob[], now: number) => number | undefined };

const POLLINGS: readonly Polling[] = [
  { name: 'engine (5% of the oldest job\'s age, 15 s to 15 min)', delay: pollDelay },
  { name: 'fixed 60 s', delay: (report, jobs, now) => (pollDelay(report, jobs, now) === undefined ? undefined : 60) },
  { name: 'fixed 5 min', delay: (report, jobs, now) => (pollDelay(report, jobs, now) === undefined ? undefined : 300) },
];

interface Outcome {
  readonly wallSeconds: number;
  readonly steps: number;
}

/** Runs the export to its end on a virtual clock (milliseconds from 0). */
function simulate(jobSeconds: number, polling: Polling): Outcome {
  const targets = Array.from({ length: MAILBOXES }, (_, i) => ({ mailbox: `user${i}`, entityId: `u${i}`, entityState: 'ENABLED' }));
  let report = newReport({ marker: 'bench', organizationId: 'm-bench', bucket: 'b', prefix: 'p/' }, targets, 0);
  const jobs: MailboxExportJob[] = [];
  let now = 0;
  for (let steps = 1; ; steps++) {
    for (const job of jobs) {
      if (job.State === 'RUNNING' && job.StartTime!.getTime() + jobSeconds * 1000 <= now) {
        Object.assign(job, { State: 'COMPLETED', EndTime: new Date(job.StartTime!.getTime() + jobSeconds * 1000), S3Path: `b/p/${job.JobId}.zip` });
      }
    }
    report = reconcile(report, jobs);
    for (const { entityId } of toVerify(report)) {
      report = recordVerification(report, entityId, { sizeBytes: 1, verification: { result: 'VERIFIED' } });
    }
    report = settleReport(report, { maxAttempts: 1 }, now);
    const startAt = now + STEP_SECONDS * 1000;
    for (const target of planStarts(report, jobs, now)) {
      const jobId = `job-${jobs.length}`;
      jobs.push({ JobId: jobId, EntityId: target.entityId, State: 'RUNNING', StartTime: new Date(startAt) });
      report = recordStart(report, target.entityId, jobId, startAt);
    }
    report = settleReport(report, { maxAttempts: 1 }, now);
    const delay = polling.delay(report, jobs, now);
    if (delay === undefined) {
      return { wallSeconds: now / 1000, steps };
    }
    now = Math.max(now + STEP_SECONDS * 1000, now + delay * 1000);
  }
}

const duration = (seconds: number) => (seconds >= 3600 ? `${(seconds / 3600).toFixed(2)} h` : `${(seconds / 60).toFixed(1)} min`);

/** Prints the table: for each job time and polling, steps, wall time, floor and their ratio. */
export function exportBenchmark(): void {
  const rows = JOB_MINUTES.flatMap((minutes) => POLLINGS.map((polling) => {
    const floor = Math.ceil(MAILBOXES / MAX_CONCURRENT_JOBS) * minutes * 60;
    const outcome = simulate(minutes * 60, polling);
    return {
      'job time': `${minutes} min`,
      'polling': polling.name,
      'steps': outcome.steps,
      'wall time': duration(outcome.wallSeconds),
      'floor ceil(N/10) x job': duration(floor),
      'ratio': (outcome.wallSeconds / floor).toFixed(3),
    };
  }));
  printTable(`Mailbox export of ${MAILBOXES} mailboxes, 10 concurrent jobs, simulated (${STEP_SECONDS} s per step; target ratio <= 1.1)`, rows);
}

if (require.main === module) {
  exportBenchmark();
}
