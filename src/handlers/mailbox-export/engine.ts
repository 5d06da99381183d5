/**
 * One step of a mailbox export, run by the export's state machine until the export is over:
 * read the report, bring it up to date with WorkMail's jobs, check each newly completed export
 * against its log, start what the limits allow, write the report, publish the metrics, and say
 * how long to wait.
 */
import {
  jobError, listEntities, listJobs, readExportFiles, readReport, startJob, verifyExportKey, writeReport,
} from './apply';
import {
  ExportReport, jobErrorsToRead, Limits, newReport, planStarts, pollDelay, progress, reconcile, recordJobError, recordRefusal, recordStart,
  recordVerification, reportKey, resumeReport, selectTargets, settleReport, toVerify, verify,
} from './plan';
import { EXPORT_METRIC_NAMESPACE, ExportExecutionInput, ExportMetric, ExportRun, ExportStep } from '../../private/export-properties';
import { isServiceError } from '../shared/errors';

/** Steps per execution before the run goes on in a new one (an execution keeps at most 25,000 history events). */
export const STEPS_PER_EXECUTION = 1000;

/** Errors of StartMailboxExportJob that concern one mailbox only: recorded, and the others go on. */
const REFUSALS = ['EntityNotFoundException', 'EntityStateException', 'InvalidParameterException', 'MailboxNotFoundException'];

/** Runs one step. `deadline` (epoch ms): no new file check starts after it; the next step goes on. */
export async function exportStep(input: ExportExecutionInput, deadline: number): Promise<ExportStep> {
  const { run } = input;
  const limits: Limits = { maxAttempts: run.maxAttempts };
  const key = reportKey(run.prefix, run.marker);
  const now = Date.now();
  let report = await currentReport(run, key, now);
  if (report.state === 'CANCELLED') {
    // A step of the run that was stopped ends; a run started since (the export added again) resumes.
    if (input.startedAt === undefined || Date.parse(input.startedAt) <= Date.parse(report.updatedAt)) {
      return { next: 'DONE', delaySeconds: 0, iteration: (input.step?.iteration ?? 0) + 1 };
    }
    report = resumeReport(report);
  }
  const jobs = await listJobs(run.organizationId);
  report = reconcile(report, jobs);
  for (const { entityId, jobId } of jobErrorsToRead(report)) {
    report = recordJobError(report, entityId, await jobError(run.organizationId, jobId) ?? 'WorkMail gave no reason');
  }
  let checksLeft = true;
  for (const { entityId, attempt } of toVerify(report)) {
    if (Date.now() > deadline) {
      checksLeft = false;
      break;
    }
    report = recordVerification(report, entityId, verify(await readExportFiles(run.bucket, attempt.s3Key!)));
  }
  report = settleReport(report, limits, now);
  report = await startJobs(run, report, jobs, now);
  report = settleReport(report, limits, now);
  await writeReport(report, key, run.kmsKeyArn);
  publishMetrics(run, report);

  const iteration = (input.step?.iteration ?? 0) + 1;
  const delay = checksLeft ? pollDelay(report, jobs, now) : 0;
  if (delay === undefined) {
    return { next: 'DONE', delaySeconds: 0, iteration };
  }
  // The new execution gets this step as its input: it counts its steps from 0.
  return iteration >= STEPS_PER_EXECUTION ? { next: 'CONTINUE', delaySeconds: delay, iteration: 0 } : { next: 'WAIT', delaySeconds: delay, iteration };
}

/**
 * The report of this export; a new one at the first step; re-selected when the mailbox list
 * changed (mailboxes kept keep their history).
 */
async function currentReport(run: ExportRun, key: string, now: number): Promise<ExportReport> {
  const existing = await readReport(run.bucket, key);
  if (existing !== undefined && sameList(existing.requested, run.mailboxes)) {
    return existing;
  }
  const targets = selectTargets(run.mailboxes, await listEntities(run.organizationId));
  const header = { marker: run.marker, organizationId: run.organizationId, bucket: run.bucket, prefix: run.prefix, requested: run.mailboxes };
  const fresh = newReport(header, targets, now);
  if (existing === undefined) {
    return fresh;
  }
  return {
    ...fresh,
    startedAt: existing.startedAt,
    mailboxes: fresh.mailboxes.map((record) => existing.mailboxes.find((old) => old.entityId === record.entityId) ?? record),
  };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Starts the planned jobs; a mailbox WorkMail refuses is recorded as refused, with its reason. */
async function startJobs(run: ExportRun, report: ExportReport, jobs: Parameters<typeof planStarts>[1], now: number): Promise<ExportReport> {
  const starts = planStarts(report, jobs, now);
  if (starts.length > 0) {
    await verifyExportKey(run.kmsKeyArn);
  }
  let result = report;
  for (const target of starts) {
    const attempts = result.mailboxes.find((record) => record.entityId === target.entityId)!.attempts.length;
    try {
      result = recordStart(result, target.entityId, await startJob(run, target.entityId, attempts + 1), now);
    } catch (error) {
      if (isServiceError(error, 'LimitExceededException')) {
        break; // a job started elsewhere took the slot: the next step tries again
      }
      if (!(error instanceof Error) || !REFUSALS.includes(error.name)) {
        throw error;
      }
      const state = target.entityState === 'ENABLED' ? '' : ` (the ${target.entityState === 'DISABLED' ? 'user or resource is disabled' : 'entity is not enabled'})`;
      result = recordRefusal(result, target.entityId, `WorkMail refused to export this mailbox${state}: ${error.name}: ${error.message}`);
    }
  }
  return result;
}

/**
 * The export's metrics, in CloudWatch's embedded metric format: one log line that CloudWatch
 * Logs turns into metrics, without a metrics API call or permission.
 */
function publishMetrics(run: ExportRun, report: ExportReport): void {
  const p = progress(report);
  const values: Record<string, number> = {
    [ExportMetric.MAILBOXES]: p.total,
    [ExportMetric.EXPORTED]: p.exported,
    [ExportMetric.RUNNING]: p.running,
    [ExportMetric.FAILED]: p.failed,
    [ExportMetric.REFUSED]: p.refused,
    [ExportMetric.VERIFICATION_FAILURES]: p.verificationFailures,
    [ExportMetric.EXPORTED_BYTES]: p.bytes,
  };
  console.log(JSON.stringify({
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: EXPORT_METRIC_NAMESPACE,
        Dimensions: [['OrganizationId', 'Prefix']],
        Metrics: Object.keys(values).map((name) => ({ Name: name, Unit: name === ExportMetric.EXPORTED_BYTES ? 'Bytes' : 'Count' })),
      }],
    },
    OrganizationId: run.organizationId,
    Prefix: run.prefix,
    ...values,
  }));
}
