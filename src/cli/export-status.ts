/**
 * Reports a mailbox export without starting anything: from WorkMail's job list, or from the
 * report object the export's engine keeps in the bucket (progress, sizes, verification).
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MailboxExportJob, paginateListMailboxExportJobs, WorkMailClient } from '@aws-sdk/client-workmail';
import { ExportReport, MailboxRecord, progress, summary } from '../handlers/mailbox-export/plan';
import { listAll } from '../handlers/shared/paginate';
import { boundedRetry } from '../handlers/shared/retry';

export interface ExportStatus {
  readonly jobs: MailboxExportJob[];
  /** 1 when any failed or was cancelled, even while others run; else 2 while any runs; 0 when every job completed. */
  readonly exitCode: number;
}

/** Every export job of the organization (all pages); with `marker`, only that export's jobs. */
export async function exportStatus(client: WorkMailClient, organizationId: string, marker?: string): Promise<ExportStatus> {
  const all = await listAll(paginateListMailboxExportJobs({ client }, { OrganizationId: organizationId }), (page) => page.Jobs);
  const jobs = marker === undefined ? all : all.filter((job) => job.Description === marker);
  const exitCode = jobs.some((job) => job.State === 'FAILED' || job.State === 'CANCELLED') ? 1
    : jobs.some((job) => job.State === 'RUNNING') ? 2 : 0;
  return { jobs, exitCode };
}

/** One line per job: entity, state, progress, S3 path. */
export function formatStatus(status: ExportStatus): string {
  const lines = status.jobs.map((job) =>
    [job.EntityId, job.State, `${job.EstimatedProgress ?? 0}%`, job.S3Path ?? '-', job.JobId, job.StartTime?.toISOString() ?? '-'].join('\t'));
  return ['ENTITY\tSTATE\tPROGRESS\tS3 PATH\tJOB\tSTARTED', ...lines].join('\n');
}

/** `s3://bucket/key`, as the MailboxExport's `Report` stack output gives it. */
export function parseReportUrl(url: string): { readonly bucket: string; readonly key: string } | undefined {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+)$/.exec(url);
  return match === null ? undefined : { bucket: match[1], key: match[2] };
}

/** The export's report object; its organization must be the one asked about. */
export async function readExportReport(s3: S3Client, url: { readonly bucket: string; readonly key: string }): Promise<ExportReport> {
  const object = await s3.send(new GetObjectCommand({ Bucket: url.bucket, Key: url.key }));
  return JSON.parse(await object.Body!.transformToString()) as ExportReport;
}

/**
 * 1: a mailbox failed, was refused or cancelled, even while others still run (a failure needs
 * action whatever runs; as for the job list); 2: still running; 0: every mailbox exported and verified.
 */
export function reportExitCode(report: ExportReport): number {
  if (report.mailboxes.some((record) => record.state === 'FAILED' || record.state === 'REFUSED' || record.state === 'CANCELLED')) {
    return 1;
  }
  if (report.state === 'RUNNING') {
    return 2;
  }
  return report.mailboxes.every((record) => record.state === 'EXPORTED') ? 0 : 1;
}

/** The summary line, then one line per mailbox with its last attempt and its verification. */
export function formatReport(report: ExportReport): string {
  const p = progress(report);
  const head = `${report.marker}: ${summary(report)}; ${formatBytes(p.bytes)} exported; `
    + `${p.verificationFailures} verification failure(s); report ${report.state} at ${report.updatedAt}`;
  const lines = report.mailboxes.map((record) => mailboxLine(record).join('\t'));
  return [head, ['MAILBOX', 'STATE', 'ATTEMPTS', 'JOB', 'STARTED', 'ENDED', 'BYTES', 'ITEMS', 'NOT EXPORTABLE', 'VERIFICATION', 'REASON'].join('\t'), ...lines]
    .join('\n');
}

function mailboxLine(record: MailboxRecord): string[] {
  const attempt = record.attempts[record.attempts.length - 1];
  const value = (v: string | number | undefined) => (v === undefined ? '-' : String(v));
  return [
    record.mailbox, record.state, String(record.attempts.length), value(attempt?.jobId), value(attempt?.startedAt), value(attempt?.endedAt),
    value(attempt?.sizeBytes), value(attempt?.itemsExported), value(attempt?.nonExportableItems), value(attempt?.verification?.result),
    value(record.reason),
  ];
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * An S3 client for the report, retrying as the handlers' clients do, with the WorkMail client's
 * region and credentials: `--region` and `--profile` apply to the report's read too.
 */
export function reportClient(workmail: WorkMailClient): S3Client {
  return new S3Client({ ...boundedRetry(), region: workmail.config.region, credentials: workmail.config.credentials });
}

/**
 * Reads the status until it is no longer "running" (exit code 2: a failure ends it too), waiting `intervalSeconds`
 * between reads and telling `progress` each time; returns the last status's exit code.
 */
export async function watch(
  read: () => Promise<{ readonly text: string; readonly summary: string; readonly exitCode: number }>,
  intervalSeconds: number,
  sleep: (ms: number) => Promise<void>,
  out: (text: string) => void,
  progressLine: (text: string) => void,
): Promise<number> {
  for (;;) {
    const status = await read();
    if (status.exitCode !== 2) {
      out(status.text + '\n');
      return status.exitCode;
    }
    progressLine(`${new Date().toISOString()} ${status.summary}\n`);
    await sleep(intervalSeconds * 1000);
  }
}
