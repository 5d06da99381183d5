/**
 * The mailbox export plan: pure, no SDK. Which mailboxes to export, which jobs to start now
 * within WorkMail's limits, and what to report. The jobs themselves are the record: every job
 * this resource starts carries its export marker as Description, so any later request (or the
 * status command) finds them with ListMailboxExportJobs and never starts a mailbox twice.
 */
import { createHash } from 'crypto';
import type { MailboxExportJob } from '@aws-sdk/client-workmail';
import { DeploymentError } from '../shared/errors';

/** "You can run up to 10 concurrent mailbox export jobs for a given Amazon WorkMail organization." */
export const MAX_CONCURRENT_JOBS = 10;
/** "You can run a mailbox export job for a given mailbox as often as once every 24 hours." */
export const EXPORT_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** A user or resource of the organization, as ListUsers / ListResources report it. */
export interface Entity {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
  readonly state?: string;
  /** USER, RESOURCE, SYSTEM_USER, REMOTE_USER, ... */
  readonly role?: string;
}

/** A mailbox to export: as the user named it (or the entity id when exporting all) and its entity id. */
export interface Target {
  readonly mailbox: string;
  readonly entityId: string;
}

export type MailboxState = 'COMPLETED' | 'RUNNING' | 'FAILED' | 'CANCELLED' | 'QUEUED';

export interface MailboxReport extends Target {
  readonly state: MailboxState;
  readonly jobId?: string;
  readonly s3Path?: string;
  /** When the job started (epoch milliseconds). */
  readonly startedAt?: number;
}

/** Identifies one export (organization, stack resource, destination): the Description of its jobs. */
export function exportMarker(stackId: string, logicalResourceId: string, bucket: string, prefix: string): string {
  const digest = createHash('sha256').update([stackId, logicalResourceId, bucket, prefix].join('\n')).digest('hex').slice(0, 24);
  return `cdk-workmail export ${digest}`;
}

/**
 * Resolves the requested mailboxes (entity ids, names or email addresses, compared
 * case-insensitively) or, without a list, every enabled user mailbox and resource.
 */
export function selectTargets(requested: readonly string[] | undefined, entities: readonly Entity[]): Target[] {
  if (requested === undefined) {
    return entities
      .filter((entity) => entity.state === 'ENABLED' && (entity.role === 'USER' || entity.role === 'RESOURCE'))
      .map((entity) => ({ mailbox: entity.id, entityId: entity.id }));
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
    return [{ mailbox, entityId: entity.id }];
  });
  if (unknown.length > 0 || deleted.length > 0) {
    throw new DeploymentError([
      unknown.length > 0 && `no user or resource of the organization has the id, name or email address ${unknown.join(', ')}`,
      deleted.length > 0 && `${deleted.join(', ')} ${deleted.length === 1 ? 'is' : 'are'} deleted and ${deleted.length === 1 ? 'has' : 'have'} no mailbox`,
    ].filter(Boolean).join('; ') + ': correct the mailboxes of the MailboxExport. Nothing was exported.');
  }
  return targets;
}

export interface Step {
  /** Mailboxes whose job starts now. */
  readonly start: Target[];
  readonly reports: MailboxReport[];
}

/**
 * One step of the export. `requestStartedAt` separates jobs of earlier requests (reported as
 * they are) from this one's. A mailbox without a job of this export starts when a slot is free
 * (at most 10 running jobs in the organization, whoever started them) and its last export of
 * any kind is 24 hours old; the rest wait (QUEUED). A mailbox exported by someone else within
 * 24 hours fails the step before anything starts, naming the time it can be exported.
 */
export function planStep(targets: readonly Target[], jobs: readonly MailboxExportJob[], marker: string, now: number): Step {
  const blocked: string[] = [];
  const reports: MailboxReport[] = [];
  const startable: Target[] = [];
  for (const target of targets) {
    const ours = latest(jobs.filter((job) => job.Description === marker && job.EntityId === target.entityId));
    if (ours !== undefined) {
      reports.push(started(target, ours));
      continue;
    }
    const last = latest(jobs.filter((job) => job.EntityId === target.entityId));
    const next = last?.StartTime === undefined ? 0 : last.StartTime.getTime() + EXPORT_INTERVAL_MS;
    if (next > now) {
      blocked.push(`${target.mailbox} (exported by job ${last!.JobId} at ${last!.StartTime!.toISOString()}; next export possible after ${new Date(next).toISOString()})`);
    } else {
      startable.push(target);
    }
  }
  if (blocked.length > 0) {
    throw new DeploymentError(
      `WorkMail exports a mailbox at most once every 24 hours, and ${blocked.join(', ')}: `
      + 'deploy again after that time, or remove these mailboxes from the MailboxExport. No export job was started.',
    );
  }
  const running = jobs.filter((job) => job.State === 'RUNNING').length;
  const start = startable.slice(0, Math.max(0, MAX_CONCURRENT_JOBS - running));
  return {
    start,
    reports: [...reports, ...startable.slice(start.length).map((target) => ({ ...target, state: 'QUEUED' as const }))],
  };
}

/** The job a report stands for, once started. */
export function started(target: Target, job: MailboxExportJob): MailboxReport {
  return { ...target, state: (job.State ?? 'RUNNING') as MailboxState, jobId: job.JobId, s3Path: job.S3Path, startedAt: job.StartTime?.getTime() };
}

/** Jobs of this request (started at or after `since`) that ended without exporting. */
export function failedSince(reports: readonly MailboxReport[], since: number): MailboxReport[] {
  return reports.filter((report) => (report.state === 'FAILED' || report.state === 'CANCELLED') && (report.startedAt ?? 0) >= since);
}

/** Done waiting when every mailbox has ended, or the wait bound has passed. */
export function isSettled(reports: readonly MailboxReport[], now: number, deadline: number): boolean {
  return now >= deadline || reports.every((report) => report.state !== 'RUNNING' && report.state !== 'QUEUED');
}

/** The S3 key of the export: WorkMail's S3Path without `s3://` and the bucket name. */
export function s3Key(s3Path: string | undefined, bucket: string): string {
  if (s3Path === undefined) {
    return '';
  }
  return s3Path.replace(/^s3:\/\//, '').replace(new RegExp(`^${bucket.replace(/\./g, '\\.')}/`), '');
}

/** `3 of 5 mailboxes exported; 1 running; 1 queued` */
export function summary(reports: readonly MailboxReport[]): string {
  const count = (state: MailboxState) => reports.filter((report) => report.state === state).length;
  const parts = [`${count('COMPLETED')} of ${reports.length} mailboxes exported`];
  for (const state of ['RUNNING', 'QUEUED', 'FAILED', 'CANCELLED'] as const) {
    if (count(state) > 0) {
      parts.push(`${count(state)} ${state.toLowerCase()}`);
    }
  }
  return parts.join('; ');
}

/** Per-mailbox attributes (`<mailbox>.JobId`, `.State`, `.S3Key`) and the summary. */
export function attributes(reports: readonly MailboxReport[], bucket: string, perMailbox: boolean): Record<string, string> {
  const data: Record<string, string> = { Summary: summary(reports) };
  if (perMailbox) {
    for (const report of reports) {
      data[`${report.mailbox}.JobId`] = report.jobId ?? '';
      data[`${report.mailbox}.State`] = report.state;
      data[`${report.mailbox}.S3Key`] = s3Key(report.s3Path, bucket);
    }
  }
  return data;
}

/** Jobs that failed: the deployment fails naming each mailbox and WorkMail's reason. */
export function failure(failed: ReadonlyArray<MailboxReport & { readonly reason?: string }>): DeploymentError {
  return new DeploymentError(
    `Mailbox export failed for ${failed.map((report) =>
      `${report.mailbox} (job ${report.jobId} ${report.state}${report.reason ? `: ${report.reason}` : ''})`).join(', ')}. `
    + 'Exported data is kept. WorkMail allows one export per mailbox every 24 hours: after that, export these mailboxes '
    + 'again with a new prefix (a new export).',
  );
}

function latest(jobs: readonly MailboxExportJob[]): MailboxExportJob | undefined {
  return [...jobs].sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0))[0];
}
