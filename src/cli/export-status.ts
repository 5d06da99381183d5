/** Reports mailbox export jobs without starting any: what a deployment would report, at any time. */
import { MailboxExportJob, paginateListMailboxExportJobs, WorkMailClient } from '@aws-sdk/client-workmail';
import { listAll } from '../handlers/shared/paginate';

export interface ExportStatus {
  readonly jobs: MailboxExportJob[];
  /** 0 when every job completed, 2 while any runs, 1 when any failed or was cancelled. */
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
