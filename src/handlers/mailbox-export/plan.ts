/**
 * The mailbox export engine's decisions: pure, no SDK. Which mailboxes an export covers, which
 * jobs to start now within WorkMail's limits, how an export file checks against its log, when
 * to look again, and when the export is over. The engine (engine.ts) runs them once per step of
 * the Step Functions run; the report object they produce is the export's only state.
 */
import { createHash } from 'crypto';
import type { MailboxExportJob } from '@aws-sdk/client-workmail';
import { DeploymentError } from '../shared/errors';

/** "You can run up to 10 concurrent mailbox export jobs for a given Amazon WorkMail organization." */
export const MAX_CONCURRENT_JOBS = 10;
/** "You can run a mailbox export job for a given mailbox as often as once every 24 hours." */
export const EXPORT_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Polling: a twentieth of the oldest running job's age, within these bounds (seconds); every
 * minute while only jobs started elsewhere hold the slots.
 */
export const POLL = { fraction: 0.05, minSeconds: 15, maxSeconds: 900, busySeconds: 60 } as const;

/** A user or resource of the organization, as ListUsers / ListResources report it. */
export interface Entity {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly state?: string;
  /** USER, RESOURCE, SYSTEM_USER, REMOTE_USER, ... */
  readonly role?: string;
  /** Set once the entity was registered to WorkMail: only then did it have a mailbox. */
  readonly enabledDate?: Date;
}

/** A mailbox to export: as the user named it (or the entity id when exporting all) and its entity id. */
export interface Target {
  readonly mailbox: string;
  readonly entityId: string;
  /** ENABLED or DISABLED when the export began. */
  readonly entityState?: string;
}

/** What one export file holds according to WorkMail's export log, and whether the file matches it. */
export type VerificationResult = 'VERIFIED' | 'HASH_MISMATCH' | 'LOG_MISSING' | 'LOG_UNREADABLE' | 'ZIP_MISSING';

export interface Verification {
  readonly result: VerificationResult;
  readonly detail?: string;
}

/** One export job of a mailbox. */
export interface Attempt {
  readonly jobId: string;
  /** RUNNING, COMPLETED, FAILED or CANCELLED, as WorkMail last reported it. */
  readonly jobState: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly endedAt?: string;
  /** WorkMail's reason, for a failed job. */
  readonly error?: string;
  readonly s3Key?: string;
  /** Size of the .zip in S3. */
  readonly sizeBytes?: number;
  /** From the export log: messages and calendar items exported. */
  readonly itemsExported?: number;
  /** From the export log: "unsupported items like notes and contacts". */
  readonly nonExportableItems?: number;
  readonly verification?: Verification;
  /** The job was cancelled because the export was removed: not a failure, and not counted as an attempt. */
  readonly cancelledByRemoval?: boolean;
}

/**
 * - PENDING: waiting for a free slot, or for 24 hours since its last export before a retry;
 * - RUNNING: a job runs; EXPORTED: a job completed and its file matches its log;
 * - FAILED: every allowed attempt failed; REFUSED: WorkMail refused to start a job (reason given);
 * - CANCELLED: the export was removed while its job ran.
 */
export type MailboxState = 'PENDING' | 'RUNNING' | 'EXPORTED' | 'FAILED' | 'REFUSED' | 'CANCELLED';

export interface MailboxRecord extends Target {
  readonly state: MailboxState;
  readonly attempts: readonly Attempt[];
  /** Why it was refused or failed. */
  readonly reason?: string;
}

/** The report object: the export's state, written to the bucket after every step. */
export interface ExportReport {
  readonly version: 1;
  readonly marker: string;
  readonly organizationId: string;
  readonly bucket: string;
  readonly prefix: string;
  /** The mailboxes the export was given; absent: every user and resource mailbox. */
  readonly requested?: readonly string[];
  readonly startedAt: string;
  readonly updatedAt: string;
  /** RUNNING until every mailbox has reached a final state; CANCELLED when the export was removed. */
  readonly state: 'RUNNING' | 'COMPLETED' | 'CANCELLED';
  readonly mailboxes: readonly MailboxRecord[];
}

export interface Limits {
  /** Attempts per mailbox, the first included; a retry waits the 24 hours WorkMail requires. */
  readonly maxAttempts: number;
}

/** Identifies one export (organization, stack resource, destination): the Description of its jobs. */
export function exportMarker(stackId: string, logicalResourceId: string, bucket: string, prefix: string): string {
  const digest = createHash('sha256').update([stackId, logicalResourceId, bucket, prefix].join('\n')).digest('hex').slice(0, 24);
  return `cdk-workmail export ${digest}`;
}

/** Where the engine writes the report of an export: beside the export files. */
export function reportKey(prefix: string, marker: string): string {
  return `${prefix}cdk-workmail-report-${marker.split(' ').pop()}.json`;
}

const isMailbox = (entity: Entity) => entity.role === 'USER' || entity.role === 'RESOURCE';

/**
 * Resolves the requested mailboxes (entity ids, names or email addresses, compared
 * case-insensitively) or, without a list, every user and resource mailbox: enabled ones, and
 * disabled ones that were once enabled (WorkMail keeps their mailbox for 30 days).
 */
export function selectTargets(requested: readonly string[] | undefined, entities: readonly Entity[]): Target[] {
  if (requested === undefined) {
    return entities
      .filter((entity) => isMailbox(entity) && (entity.state === 'ENABLED' || (entity.state === 'DISABLED' && entity.enabledDate !== undefined)))
      .map((entity) => ({ mailbox: entity.id, entityId: entity.id, entityState: entity.state }));
  }
  const unknown: string[] = [];
  const deleted: string[] = [];
  const targets = requested.flatMap((mailbox) => {
    const key = mailbox.toLowerCase();
    const entity = entities.find((e) => e.id === mailbox || e.email?.toLowerCase() === key || e.name?.toLowerCase() === key);
    if (entity === undefined) {
      unknown.push(mailbox);
      return [];
    }
    if (entity.state === 'DELETED') {
      deleted.push(mailbox);
      return [];
    }
    return [{ mailbox, entityId: entity.id, entityState: entity.state }];
  });
  if (unknown.length > 0 || deleted.length > 0) {
    throw new DeploymentError([
      unknown.length > 0 && `no user or resource of the organization has the id, name or email address ${unknown.join(', ')}`,
      deleted.length > 0 && `${deleted.join(', ')} ${deleted.length === 1 ? 'is' : 'are'} deleted and ${deleted.length === 1 ? 'has' : 'have'} no mailbox`,
    ].filter(Boolean).join('; ') + ': correct the mailboxes of the MailboxExport. Nothing was exported.');
  }
  return targets;
}

/** A new report: every mailbox pending. */
export function newReport(
  header: Pick<ExportReport, 'marker' | 'organizationId' | 'bucket' | 'prefix' | 'requested'>, targets: readonly Target[], now: number,
): ExportReport {
  const at = new Date(now).toISOString();
  return {
    version: 1,
    ...header,
    startedAt: at,
    updatedAt: at,
    state: 'RUNNING',
    mailboxes: targets.map((target) => ({ ...target, state: 'PENDING', attempts: [] })),
  };
}

const iso = (date: Date | undefined) => date?.toISOString();
const latest = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/** The S3 key of the export: WorkMail's S3Path without `s3://` and the bucket name. */
export function s3Key(s3Path: string | undefined, bucket: string): string | undefined {
  if (s3Path === undefined) {
    return undefined;
  }
  return s3Path.replace(/^s3:\/\//, '').replace(new RegExp(`^${bucket.replace(/\./g, '\\.')}/`), '');
}

/** Brings each mailbox's running attempt up to date with WorkMail's job list. */
export function reconcile(report: ExportReport, jobs: readonly MailboxExportJob[]): ExportReport {
  const byId = new Map(jobs.map((job) => [job.JobId, job]));
  return {
    ...report,
    mailboxes: report.mailboxes.map((record) => {
      const attempt = latest(record.attempts);
      const job = attempt && attempt.jobState === 'RUNNING' ? byId.get(attempt.jobId) : undefined;
      if (job === undefined || job.State === 'RUNNING') {
        return record;
      }
      const updated: Attempt = {
        ...attempt!,
        jobState: job.State ?? attempt!.jobState,
        endedAt: iso(job.EndTime),
        s3Key: s3Key(job.S3Path, report.bucket),
      };
      return { ...record, attempts: [...record.attempts.slice(0, -1), updated] };
    }),
  };
}

/** Attempts whose job completed and whose file has not been checked yet, by entity id. */
export function toVerify(report: ExportReport): Array<{ readonly entityId: string; readonly attempt: Attempt }> {
  return report.mailboxes.flatMap((record) => {
    const attempt = latest(record.attempts);
    return attempt?.jobState === 'COMPLETED' && attempt.verification === undefined ? [{ entityId: record.entityId, attempt }] : [];
  });
}

/** The fields of WorkMail's export log (the Administrator Guide's example); numbers arrive as strings. */
export interface ExportLog {
  readonly totalMessages?: string;
  readonly totalNonExportableItems?: string;
  readonly sha384Hash?: string;
  readonly totalBytes?: string;
  readonly totalFolders?: string;
  readonly startTime?: string;
  readonly endTime?: string;
}

/** What the engine found in S3 for one completed job. */
export interface ExportFiles {
  /** The .zip's size, when it exists. */
  readonly zipBytes?: number;
  /** SHA-384 of the .zip, hex. */
  readonly zipSha384?: string;
  /** The log's text, when one exists beside the zip. */
  readonly logText?: string;
}

/** Failed jobs whose reason has not been read yet (ListMailboxExportJobs does not give it). */
export function jobErrorsToRead(report: ExportReport): Array<{ readonly entityId: string; readonly jobId: string }> {
  return report.mailboxes.flatMap((record) => {
    const attempt = latest(record.attempts);
    return attempt?.jobState === 'FAILED' && attempt.error === undefined ? [{ entityId: record.entityId, jobId: attempt.jobId }] : [];
  });
}

/** Records WorkMail's reason for a failed job on the mailbox's latest attempt. */
export function recordJobError(report: ExportReport, entityId: string, error: string): ExportReport {
  return updateRecord(report, entityId, (record) => ({
    ...record,
    attempts: [...record.attempts.slice(0, -1), { ...latest(record.attempts)!, error }],
  }));
}

/** Checks a job's .zip against its log: present, hash equal, counts readable. */
export function verify(files: ExportFiles): Pick<Attempt, 'verification' | 'sizeBytes' | 'itemsExported' | 'nonExportableItems'> {
  if (files.zipBytes === undefined) {
    return { verification: { result: 'ZIP_MISSING', detail: 'the job completed but its .zip is not in the bucket' } };
  }
  const sizeBytes = files.zipBytes;
  if (files.logText === undefined) {
    return { sizeBytes, verification: { result: 'LOG_MISSING', detail: 'no export log beside the .zip' } };
  }
  let log: ExportLog;
  try {
    log = JSON.parse(files.logText) as ExportLog;
  } catch {
    return { sizeBytes, verification: { result: 'LOG_UNREADABLE', detail: 'the export log is not JSON' } };
  }
  const count = (value: string | undefined) => (value !== undefined && /^\d+$/.test(String(value)) ? Number(value) : undefined);
  const itemsExported = count(log.totalMessages);
  const nonExportableItems = count(log.totalNonExportableItems);
  const hash = typeof log.sha384Hash === 'string' ? log.sha384Hash.toLowerCase() : undefined;
  if (itemsExported === undefined || hash === undefined || !/^[0-9a-f]{96}$/.test(hash)) {
    return { sizeBytes, verification: { result: 'LOG_UNREADABLE', detail: 'the export log lacks totalMessages or a SHA-384 sha384Hash' } };
  }
  const counts = { sizeBytes, itemsExported, nonExportableItems };
  if (hash !== files.zipSha384?.toLowerCase()) {
    return { ...counts, verification: { result: 'HASH_MISMATCH', detail: `the .zip's SHA-384 is ${files.zipSha384}, the log says ${hash}` } };
  }
  return { ...counts, verification: { result: 'VERIFIED' } };
}

/** Records a verification on the mailbox's latest attempt. */
export function recordVerification(report: ExportReport, entityId: string, result: ReturnType<typeof verify>): ExportReport {
  return updateRecord(report, entityId, (record) => ({
    ...record,
    attempts: [...record.attempts.slice(0, -1), { ...latest(record.attempts)!, ...result }],
  }));
}

/** A job that ended without a verified export. */
const failedAttempt = (attempt: Attempt) =>
  attempt.jobState === 'FAILED' || attempt.jobState === 'CANCELLED'
  || (attempt.jobState === 'COMPLETED' && attempt.verification !== undefined && attempt.verification.result !== 'VERIFIED');

/** A mailbox's state from its attempts. */
export function settle(record: MailboxRecord, limits: Limits): MailboxRecord {
  if (record.state === 'REFUSED' || record.state === 'CANCELLED') {
    return record;
  }
  const attempt = latest(record.attempts);
  if (attempt === undefined) {
    return { ...record, state: 'PENDING' };
  }
  if (attempt.jobState === 'RUNNING' || (attempt.jobState === 'COMPLETED' && attempt.verification === undefined)) {
    return { ...record, state: 'RUNNING' };
  }
  if (!failedAttempt(attempt)) {
    return { ...record, state: 'EXPORTED', reason: undefined };
  }
  if (attempt.cancelledByRemoval) {
    return { ...record, state: 'PENDING' };
  }
  const reason = attempt.verification?.detail ?? attempt.error ?? `job ${attempt.jobId} ended ${attempt.jobState}`;
  const attempts = record.attempts.filter((a) => !a.cancelledByRemoval).length;
  return { ...record, state: attempts >= limits.maxAttempts ? 'FAILED' : 'PENDING', reason };
}

/** When WorkMail lets a mailbox be exported again: 24 hours after its last job of any export. */
export function nextExportTime(entityId: string, jobs: readonly MailboxExportJob[]): number {
  const starts = jobs.filter((job) => job.EntityId === entityId && job.StartTime !== undefined).map((job) => job.StartTime!.getTime());
  return starts.length === 0 ? 0 : Math.max(...starts) + EXPORT_INTERVAL_MS;
}

/**
 * The mailboxes to start now, in report order: pending ones whose 24 hours have passed, as many
 * as the organization's free slots (10 minus every running job, whoever started it).
 */
export function planStarts(report: ExportReport, jobs: readonly MailboxExportJob[], now: number): Target[] {
  const slots = MAX_CONCURRENT_JOBS - jobs.filter((job) => job.State === 'RUNNING').length;
  if (slots <= 0) {
    return [];
  }
  return report.mailboxes
    .filter((record) => record.state === 'PENDING' && nextExportTime(record.entityId, jobs) <= now)
    .slice(0, slots)
    .map(({ mailbox, entityId, entityState }) => ({ mailbox, entityId, entityState }));
}

/** Records a job the engine started. */
export function recordStart(report: ExportReport, entityId: string, jobId: string, now: number): ExportReport {
  return updateRecord(report, entityId, (record) => ({
    ...record,
    state: 'RUNNING',
    attempts: [...record.attempts, { jobId, jobState: 'RUNNING', startedAt: new Date(now).toISOString() }],
  }));
}

/** Records WorkMail's refusal to start a mailbox's job (for example a disabled user); final. */
export function recordRefusal(report: ExportReport, entityId: string, reason: string): ExportReport {
  return updateRecord(report, entityId, (record) => ({ ...record, state: 'REFUSED', reason }));
}

/** Settles every mailbox, and the report once no mailbox can change any more. */
export function settleReport(report: ExportReport, limits: Limits, now: number): ExportReport {
  const mailboxes = report.mailboxes.map((record) => settle(record, limits));
  const open = mailboxes.some((record) => record.state === 'PENDING' || record.state === 'RUNNING');
  return {
    ...report,
    mailboxes,
    updatedAt: new Date(now).toISOString(),
    state: report.state === 'CANCELLED' ? 'CANCELLED' : open ? 'RUNNING' : 'COMPLETED',
  };
}

/**
 * How long to wait before the next step, in seconds: while jobs run, a twentieth of the oldest
 * one's age (jobs take minutes to hours: the engine notices an end within 5% of the job's time,
 * which keeps an export within 5% of the fastest WorkMail allows); with nothing running, until
 * the first mailbox's 24 hours have passed. Undefined: nothing left to do.
 */
export function pollDelay(report: ExportReport, jobs: readonly MailboxExportJob[], now: number): number | undefined {
  if (report.state !== 'RUNNING') {
    return undefined;
  }
  const running = report.mailboxes.filter((record) => record.state === 'RUNNING');
  if (running.length > 0) {
    const oldest = Math.min(...running.map((record) => Date.parse(latest(record.attempts)!.startedAt)));
    const seconds = Math.ceil(POLL.fraction * (now - oldest) / 1000);
    return Math.min(POLL.maxSeconds, Math.max(POLL.minSeconds, seconds));
  }
  const pending = report.mailboxes.filter((record) => record.state === 'PENDING');
  const next = Math.min(...pending.map((record) => nextExportTime(record.entityId, jobs)));
  // Pending mailboxes without a 24-hour wait wait for a slot that jobs started elsewhere hold.
  return next > now ? Math.ceil((next - now) / 1000) : POLL.busySeconds;
}

/** Marks the running mailboxes cancelled and the report over. */
export function cancelReport(report: ExportReport, cancelled: readonly string[], now: number): ExportReport {
  return {
    ...report,
    state: 'CANCELLED',
    updatedAt: new Date(now).toISOString(),
    mailboxes: report.mailboxes.map((record) => {
      if (record.state === 'EXPORTED' || record.state === 'FAILED' || record.state === 'REFUSED') {
        return record;
      }
      const attempt = latest(record.attempts);
      const attempts = attempt !== undefined && cancelled.includes(attempt.jobId)
        ? [...record.attempts.slice(0, -1), { ...attempt, jobState: 'CANCELLED', endedAt: new Date(now).toISOString(), cancelledByRemoval: true }]
        : record.attempts;
      return { ...record, attempts, state: 'CANCELLED', reason: 'the MailboxExport was removed before this mailbox was exported' };
    }),
  };
}

/** An export added again after it was cancelled: its cancelled mailboxes are pending again, their history kept. */
export function resumeReport(report: ExportReport): ExportReport {
  return {
    ...report,
    state: 'RUNNING',
    mailboxes: report.mailboxes.map((record) => (record.state === 'CANCELLED' ? { ...record, state: 'PENDING', reason: undefined } : record)),
  };
}

/** Counts for the summary, the metrics and `cdk-workmail export-status`. */
export interface Progress {
  readonly total: number;
  readonly exported: number;
  readonly running: number;
  readonly pending: number;
  readonly failed: number;
  readonly refused: number;
  readonly cancelled: number;
  /** Bytes of the exported .zip files. */
  readonly bytes: number;
  readonly verificationFailures: number;
}

export function progress(report: ExportReport): Progress {
  const count = (state: MailboxState) => report.mailboxes.filter((record) => record.state === state).length;
  const attempts = report.mailboxes.flatMap((record) => record.attempts);
  return {
    total: report.mailboxes.length,
    exported: count('EXPORTED'),
    running: count('RUNNING'),
    pending: count('PENDING'),
    failed: count('FAILED'),
    refused: count('REFUSED'),
    cancelled: count('CANCELLED'),
    bytes: report.mailboxes.filter((record) => record.state === 'EXPORTED')
      .reduce((sum, record) => sum + (latest(record.attempts)!.sizeBytes ?? 0), 0),
    verificationFailures: attempts.filter((attempt) => attempt.verification !== undefined && attempt.verification.result !== 'VERIFIED').length,
  };
}

/** `3 of 5 mailboxes exported; 1 running; 1 failed` */
export function summary(report: ExportReport): string {
  const p = progress(report);
  const parts = [`${p.exported} of ${p.total} mailboxes exported`];
  for (const [count, word] of [[p.running, 'running'], [p.pending, 'pending'], [p.failed, 'failed'], [p.refused, 'refused'], [p.cancelled, 'cancelled']] as const) {
    if (count > 0) {
      parts.push(`${count} ${word}`);
    }
  }
  return parts.join('; ');
}

function updateRecord(report: ExportReport, entityId: string, change: (record: MailboxRecord) => MailboxRecord): ExportReport {
  return { ...report, mailboxes: report.mailboxes.map((record) => (record.entityId === entityId ? change(record) : record)) };
}
