/** The WorkMail calls of a mailbox export. */
import { createHash } from 'crypto';
import {
  DescribeMailboxExportJobCommand,
  MailboxExportJob,
  paginateListMailboxExportJobs,
  paginateListResources,
  paginateListUsers,
  StartMailboxExportJobCommand,
} from '@aws-sdk/client-workmail';
import { Entity, Target } from './plan';
import { MailboxExportResourceProperties } from '../../private/export-properties';
import { workMailClient } from '../shared/clients';
import { verifyKmsKey } from '../shared/kms';
import { listAll } from '../shared/paginate';

/** Every user and resource of the organization (all pages). */
export async function listEntities(organizationId: string): Promise<Entity[]> {
  const client = workMailClient();
  const users = await listAll(paginateListUsers({ client }, { OrganizationId: organizationId }), (page) => page.Users);
  const resources = await listAll(paginateListResources({ client }, { OrganizationId: organizationId }), (page) => page.Resources);
  return [
    ...users.map((user) => ({ id: user.Id!, name: user.Name, email: user.Email, state: user.State, role: user.UserRole })),
    ...resources.map((resource) => ({ id: resource.Id!, name: resource.Name, email: resource.Email, state: resource.State, role: 'RESOURCE' })),
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
 * Starts one mailbox's export. The client token is derived from the CloudFormation request and
 * the mailbox, so a redelivered request gets the job it already started.
 */
export async function startJob(
  properties: MailboxExportResourceProperties,
  marker: string,
  target: Target,
  requestToken: string,
): Promise<MailboxExportJob> {
  const client = workMailClient();
  const { JobId } = await client.send(new StartMailboxExportJobCommand({
    ClientToken: createHash('sha256').update(`${requestToken}\n${target.entityId}`).digest('hex'),
    OrganizationId: properties.OrganizationId,
    EntityId: target.entityId,
    Description: marker,
    RoleArn: properties.RoleArn,
    KmsKeyArn: properties.KmsKeyArn,
    S3BucketName: properties.BucketName,
    S3Prefix: properties.Prefix,
  }));
  return describeJob(properties.OrganizationId, JobId!);
}

export async function describeJob(organizationId: string, jobId: string): Promise<MailboxExportJob & { ErrorInfo?: string }> {
  const job = await workMailClient().send(new DescribeMailboxExportJobCommand({ OrganizationId: organizationId, JobId: jobId }));
  return { ...job, JobId: jobId };
}
