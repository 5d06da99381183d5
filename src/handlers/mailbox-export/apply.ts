/** The calls of a mailbox export: WorkMail's export jobs, the files in S3, the Step Functions run. */
import { createHash } from 'crypto';
import type { Readable } from 'stream';
import type * as S3 from '@aws-sdk/client-s3';
import type * as Sfn from '@aws-sdk/client-sfn';
import {
  CancelMailboxExportJobCommand,
  DescribeMailboxExportJobCommand,
  MailboxExportJob,
  paginateListMailboxExportJobs,
  paginateListResources,
  paginateListUsers,
  StartMailboxExportJobCommand,
} from '@aws-sdk/client-workmail';
import { Entity, ExportFiles, ExportReport } from './plan';
import { ExportRun } from '../../private/export-properties';
import { workMailClient } from '../shared/clients';
import { verifyKmsKey } from '../shared/kms';
import { listAll } from '../shared/paginate';
import { boundedRetry } from '../shared/retry';

/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded on first use, as shared/clients.ts does: only the export calls them.
const s3Sdk = (): typeof S3 => require('@aws-sdk/client-s3');
const sfnSdk = (): typeof Sfn => require('@aws-sdk/client-sfn');
/* eslint-enable @typescript-eslint/no-require-imports */

let s3: S3.S3Client | undefined;
let sfn: Sfn.SFNClient | undefined;
const s3Client = () => (s3 ??= new (s3Sdk().S3Client)(boundedRetry()));
const sfnClient = () => (sfn ??= new (sfnSdk().SFNClient)(boundedRetry()));

/** Every user and resource of the organization (all pages). */
export async function listEntities(organizationId: string): Promise<Entity[]> {
  const client = workMailClient();
  const users = await listAll(paginateListUsers({ client }, { OrganizationId: organizationId }), (page) => page.Users);
  const resources = await listAll(paginateListResources({ client }, { OrganizationId: organizationId }), (page) => page.Resources);
  return [
    ...users.map((user) => ({
      id: user.Id!, name: user.Name, email: user.Email, state: user.State, role: user.UserRole, enabledDate: user.EnabledDate,
    })),
    ...resources.map((resource) => ({
      id: resource.Id!, name: resource.Name, email: resource.Email, state: resource.State, role: 'RESOURCE', enabledDate: resource.EnabledDate,
    })),
  ];
}

/** Every export job of the organization (all pages), whoever started it. */
export async function listJobs(organizationId: string): Promise<MailboxExportJob[]> {
  return listAll(paginateListMailboxExportJobs({ client: workMailClient() }, { OrganizationId: organizationId }), (page) => page.Jobs);
}

/** The export service encrypts the files with the key: refuse a key it cannot use before a job starts. */
export async function verifyExportKey(keyArn: string): Promise<void> {
  await verifyKmsKey(keyArn, {
    encrypts: 'a mailbox export',
    property: 'encryptionKey of the MailboxExport',
    alternative: 'omit encryptionKey to let the MailboxExport create one',
  });
}

/**
 * Starts one attempt of one mailbox's export. The client token names the export, the mailbox and
 * the attempt: a step that Step Functions runs again gets the job it already started.
 */
export async function startJob(run: ExportRun, entityId: string, attempt: number): Promise<string> {
  const { JobId } = await workMailClient().send(new StartMailboxExportJobCommand({
    ClientToken: createHash('sha256').update(`${run.marker}\n${entityId}\n${attempt}`).digest('hex'),
    OrganizationId: run.organizationId,
    EntityId: entityId,
    Description: run.marker,
    RoleArn: run.roleArn,
    KmsKeyArn: run.kmsKeyArn,
    S3BucketName: run.bucket,
    S3Prefix: run.prefix,
  }));
  return JobId!;
}

/** WorkMail's reason for a failed job. */
export async function jobError(organizationId: string, jobId: string): Promise<string | undefined> {
  return (await workMailClient().send(new DescribeMailboxExportJobCommand({ OrganizationId: organizationId, JobId: jobId }))).ErrorInfo;
}

export async function cancelJob(organizationId: string, jobId: string): Promise<void> {
  await workMailClient().send(new CancelMailboxExportJobCommand({
    ClientToken: createHash('sha256').update(`cancel\n${jobId}`).digest('hex'),
    OrganizationId: organizationId,
    JobId: jobId,
  }));
}

/** The report object, or undefined before the first step wrote one. */
export async function readReport(bucket: string, key: string): Promise<ExportReport | undefined> {
  try {
    const object = await s3Client().send(new (s3Sdk().GetObjectCommand)({ Bucket: bucket, Key: key }));
    return JSON.parse(await object.Body!.transformToString()) as ExportReport;
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchKey') {
      return undefined;
    }
    throw error;
  }
}

/** Writes the report under the export's key, as WorkMail writes the export files. */
export async function writeReport(report: ExportReport, key: string, kmsKeyArn: string): Promise<void> {
  await s3Client().send(new (s3Sdk().PutObjectCommand)({
    Bucket: report.bucket,
    Key: key,
    Body: JSON.stringify(report, undefined, 1),
    ContentType: 'application/json',
    ServerSideEncryption: 'aws:kms',
    SSEKMSKeyId: kmsKeyArn,
  }));
}

/**
 * The .zip of a completed job and the log WorkMail writes beside it. The Administrator Guide
 * shows the log's content, not its name: it is the object whose key starts with the .zip's key
 * without `.zip` (the job id) and is not the .zip.
 */
export async function readExportFiles(bucket: string, zipKey: string): Promise<ExportFiles> {
  const sdk = s3Sdk();
  const stem = zipKey.replace(/\.zip$/, '');
  const objects = await listAll(sdk.paginateListObjectsV2({ client: s3Client() }, { Bucket: bucket, Prefix: stem }), (page) => page.Contents);
  const zip = objects.find((object) => object.Key === zipKey);
  const log = objects.find((object) => object.Key !== zipKey);
  if (zip === undefined) {
    return {};
  }
  const hash = createHash('sha384');
  const body = (await s3Client().send(new sdk.GetObjectCommand({ Bucket: bucket, Key: zipKey }))).Body as Readable;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
  }
  const logText = log === undefined ? undefined
    : await (await s3Client().send(new sdk.GetObjectCommand({ Bucket: bucket, Key: log.Key! }))).Body!.transformToString();
  return { zipBytes: zip.Size ?? 0, zipSha384: hash.digest('hex'), logText };
}

/** Starts the export's run; the same name again is the same execution (Step Functions keeps names 90 days). */
export async function startExecution(stateMachineArn: string, name: string, input: string): Promise<string> {
  try {
    const { executionArn } = await sfnClient().send(new (sfnSdk().StartExecutionCommand)({ stateMachineArn, name, input }));
    return executionArn!;
  } catch (error) {
    // A redelivered request whose run has already ended: that run is the answer.
    if (error instanceof Error && error.name === 'ExecutionAlreadyExists') {
      return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    }
    throw error;
  }
}

/** The executions of the state machine that still run (all pages). */
export async function runningExecutions(stateMachineArn: string): Promise<Array<{ readonly executionArn: string }>> {
  const sdk = sfnSdk();
  const executions = await listAll(sdk.paginateListExecutions({ client: sfnClient() }, { stateMachineArn, statusFilter: 'RUNNING' }),
    (page) => page.executions);
  return executions.map((execution) => ({ executionArn: execution.executionArn! }));
}

export async function executionStatus(executionArn: string): Promise<string> {
  return (await sfnClient().send(new (sfnSdk().DescribeExecutionCommand)({ executionArn }))).status!;
}

export async function stopExecution(executionArn: string, cause: string): Promise<void> {
  await sfnClient().send(new (sfnSdk().StopExecutionCommand)({ executionArn, cause }));
}
