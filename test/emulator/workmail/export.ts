/**
 * Mailbox export jobs, with the Administrator Guide's limits: "up to 10 concurrent mailbox export
 * jobs for a given Amazon WorkMail organization" and "a mailbox export job for a given mailbox as
 * often as once every 24 hours" (both answered with LimitExceededException). A job that
 * completes writes its .zip and the export log (the guide's fields, with the .zip's SHA-384)
 * into the emulator's S3 bucket, when the bucket exists.
 */
import { createHash, randomUUID } from 'crypto';
import { epochSeconds, operation, OperationTable, ServiceError } from '../operation';
import { paginate, PageRequest } from '../pagination';
import { s3Buckets } from '../s3';
import type { EmulatorContext, Organization } from '../state';
import { requireActiveOrganization } from './lookup';

export interface ExportJob {
  readonly jobId: string;
  readonly entityId: string;
  readonly description?: string;
  readonly roleArn: string;
  readonly kmsKeyArn: string;
  readonly bucket: string;
  readonly prefix: string;
  state: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  progress: number;
  startTime: Date;
  endTime?: Date;
  errorInfo?: string;
}

interface ExportState {
  readonly jobs: ExportJob[];
  readonly tokens: Map<string, string>;
}

const exportStates = new WeakMap<Organization, ExportState>();

/**
 * - `steps`: how many ListMailboxExportJobs calls a new job stays RUNNING before it ends;
 * - `failures`: entity id to how many of its next jobs end FAILED (with `errorInfo`);
 * - `corruptLogs`: entity ids whose next completed job writes a log that does not match its .zip.
 * Tests change them; `resetExportSettings` restores the defaults.
 */
export const exportSettings = {
  steps: 2,
  failures: new Map<string, number>(),
  corruptLogs: new Set<string>(),
};

export function resetExportSettings(): void {
  exportSettings.steps = 2;
  exportSettings.failures.clear();
  exportSettings.corruptLogs.clear();
}

export function exportJobs(organization: Organization): ExportJob[] {
  return stateOf(organization).jobs;
}

function stateOf(organization: Organization): ExportState {
  let state = exportStates.get(organization);
  if (state === undefined) {
    state = { jobs: [], tokens: new Map() };
    exportStates.set(organization, state);
  }
  return state;
}

/** Every read moves running jobs forward one step. */
function advance(organization: Organization, ctx: EmulatorContext): void {
  for (const job of exportJobs(organization).filter((j) => j.state === 'RUNNING')) {
    job.progress = Math.min(100, job.progress + Math.ceil(100 / Math.max(1, exportSettings.steps)));
    if (job.progress >= 100) {
      end(job, ctx);
    }
  }
}

function end(job: ExportJob, ctx: EmulatorContext): void {
  job.endTime = new Date();
  const failures = exportSettings.failures.get(job.entityId) ?? 0;
  if (failures > 0) {
    exportSettings.failures.set(job.entityId, failures - 1);
    Object.assign(job, { state: 'FAILED', errorInfo: 'Mailbox export failed: internal error' });
    return;
  }
  job.state = 'COMPLETED';
  const bucket = s3Buckets(ctx.state).get(job.bucket);
  if (bucket === undefined) {
    return;
  }
  // A few kilobytes that differ per mailbox and job, standing in for the MIME items.
  const zip = Buffer.from(`PK\u0003\u0004${job.entityId}/${job.jobId}/`.repeat(20 + (job.jobId.charCodeAt(0) % 50)));
  const corrupt = exportSettings.corruptLogs.delete(job.entityId);
  const log = {
    totalNonExportableItems: '2',
    totalMessages: String(zip.length % 97),
    sha384Hash: createHash('sha384').update(corrupt ? Buffer.from('something else') : zip).digest('hex'),
    totalBytes: String(zip.length * 3),
    totalFolders: '15',
    startTime: String(job.startTime.getTime()),
    endTime: String(job.endTime.getTime()),
  };
  bucket.set(`${job.prefix}${job.jobId}.zip`, { body: zip });
  bucket.set(`${job.prefix}${job.jobId}.log`, { body: Buffer.from(JSON.stringify(log, undefined, 2)) });
}

function summary(job: ExportJob) {
  return {
    JobId: job.jobId,
    EntityId: job.entityId,
    Description: job.description,
    S3BucketName: job.bucket,
    S3Path: `${job.bucket}/${job.prefix}${job.jobId}.zip`,
    EstimatedProgress: job.progress,
    State: job.state,
    StartTime: epochSeconds(job.startTime),
    EndTime: epochSeconds(job.endTime),
  };
}

interface StartInput {
  readonly ClientToken: string;
  readonly OrganizationId: string;
  readonly EntityId: string;
  readonly Description?: string;
  readonly RoleArn: string;
  readonly KmsKeyArn: string;
  readonly S3BucketName: string;
  readonly S3Prefix: string;
}

export const exportOperations: OperationTable = {
  StartMailboxExportJob: operation<StartInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const state = stateOf(organization);
    const known = state.tokens.get(input.ClientToken);
    if (known !== undefined) {
      return { JobId: known };
    }
    // Users and resources have mailboxes; groups do not.
    const owner = organization.entities.get(input.EntityId);
    if (owner === undefined || owner.kind === 'GROUP' || owner.state === 'DELETED') {
      throw new ServiceError('EntityNotFoundException', `Entity ${input.EntityId} does not exist.`);
    }
    // The guide: a disabled user "immediately becomes inaccessible" and its mailbox is
    // disassociated; the emulator takes the strict reading and refuses to export it.
    if (owner.state === 'DISABLED') {
      throw new ServiceError('EntityStateException', `Entity ${input.EntityId} is disabled and has no mailbox to export.`);
    }
    if (state.jobs.filter((job) => job.state === 'RUNNING').length >= 10) {
      throw new ServiceError('LimitExceededException', 'The organization already runs 10 mailbox export jobs.');
    }
    const now = new Date();
    if (state.jobs.some((job) => job.entityId === input.EntityId && now.getTime() - job.startTime.getTime() < 24 * 3600 * 1000)) {
      throw new ServiceError('LimitExceededException', `Mailbox ${input.EntityId} was exported less than 24 hours ago.`);
    }
    const job: ExportJob = {
      jobId: randomUUID(),
      entityId: input.EntityId,
      description: input.Description,
      roleArn: input.RoleArn,
      kmsKeyArn: input.KmsKeyArn,
      bucket: input.S3BucketName,
      prefix: input.S3Prefix,
      state: 'RUNNING',
      progress: 0,
      startTime: now,
    };
    state.jobs.push(job);
    state.tokens.set(input.ClientToken, job.jobId);
    return { JobId: job.jobId };
  }),

  ListMailboxExportJobs: operation<PageRequest & { readonly OrganizationId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    advance(organization, ctx);
    const page = paginate(exportJobs(organization), input);
    return { Jobs: page.items.map(summary), NextToken: page.nextToken };
  }),

  CancelMailboxExportJob: operation<{ readonly ClientToken: string; readonly OrganizationId: string; readonly JobId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const job = exportJobs(organization).find((j) => j.jobId === input.JobId);
    if (job === undefined) {
      throw new ServiceError('EntityNotFoundException', `Mailbox export job ${input.JobId} does not exist.`);
    }
    if (job.state === 'RUNNING') {
      Object.assign(job, { state: 'CANCELLED', endTime: new Date() });
    }
    return {};
  }),

  DescribeMailboxExportJob: operation<{ readonly OrganizationId: string; readonly JobId: string }>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    const job = exportJobs(organization).find((j) => j.jobId === input.JobId);
    if (job === undefined) {
      throw new ServiceError('EntityNotFoundException', `Mailbox export job ${input.JobId} does not exist.`);
    }
    const { JobId, ...rest } = summary(job);
    return { ...rest, RoleArn: job.roleArn, KmsKeyArn: job.kmsKeyArn, S3Prefix: job.prefix, ErrorInfo: job.errorInfo };
  }),
};
