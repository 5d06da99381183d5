/** Runs the organization plan's operations against WorkMail and KMS. */
import {
  CreateOrganizationCommand,
  DeleteOrganizationCommand,
  DescribeOrganizationCommand,
  DescribeOrganizationResponse,
  GetMailDomainCommand,
  ListTagsForResourceCommand,
  paginateListOrganizations,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-workmail';
import { Operation, OrganizationSettings } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';
import { verifyKmsKey } from '../shared/kms';
import { listAll } from '../shared/paginate';

/** The organization an operation acts on; absent before CreateOrganization. */
export interface Target {
  readonly organizationId?: string;
  readonly organizationArn?: string;
}

/** Runs one operation. Returns the new organization id for CreateOrganization. */
export async function apply(operation: Operation, settings: OrganizationSettings, target: Target): Promise<string | undefined> {
  const workMail = workMailClient();
  switch (operation.kind) {
    case 'VerifyKmsKey':
      await verifyKmsKey(operation.keyArn, {
        encrypts: 'a WorkMail organization',
        property: 'kmsKey',
        alternative: 'omit kmsKey to use the AWS managed key aws/workmail',
      });
      return undefined;
    case 'CreateOrganization':
      return createOrganization(settings, operation.clientToken);
    case 'TagResource':
      await workMail.send(new TagResourceCommand({ ResourceARN: target.organizationArn, Tags: operation.tags }));
      return undefined;
    case 'UntagResource':
      await workMail.send(new UntagResourceCommand({ ResourceARN: target.organizationArn, TagKeys: operation.tagKeys }));
      return undefined;
    case 'DeleteOrganization':
      await deleteOrganization(settings, target.organizationId!, operation.clientToken);
      return undefined;
  }
}

/** DescribeOrganization, or undefined when WorkMail does not know the organization. */
export async function describeOrganization(organizationId: string): Promise<DescribeOrganizationResponse | undefined> {
  try {
    return await workMailClient().send(new DescribeOrganizationCommand({ OrganizationId: organizationId }));
  } catch (error) {
    if (isServiceError(error, 'OrganizationNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

export async function listTags(organizationArn: string): Promise<Record<string, string>> {
  const { Tags } = await workMailClient().send(new ListTagsForResourceCommand({ ResourceARN: organizationArn }));
  return Object.fromEntries((Tags ?? []).map((tag) => [tag.Key, tag.Value]));
}

/** True once the free test domain `<alias>.awsapps.com` is verified and can carry mail. */
export async function isTestDomainReady(organization: DescribeOrganizationResponse): Promise<boolean> {
  try {
    const domain = await workMailClient().send(new GetMailDomainCommand({
      OrganizationId: organization.OrganizationId,
      DomainName: `${organization.Alias}.awsapps.com`,
    }));
    return domain.OwnershipVerificationStatus === 'VERIFIED';
  } catch (error) {
    if (isServiceError(error, 'MailDomainNotFoundException')) {
      return false;
    }
    throw error;
  }
}

async function createOrganization(settings: OrganizationSettings, clientToken: string): Promise<string> {
  try {
    const { OrganizationId } = await workMailClient().send(new CreateOrganizationCommand({
      Alias: settings.alias,
      KmsKeyArn: settings.kmsKeyArn,
      DirectoryId: settings.directoryId,
      EnableInteroperability: settings.enableInteroperability || undefined,
      ClientToken: clientToken,
    }));
    return OrganizationId!;
  } catch (error) {
    if (isServiceError(error, 'NameAvailabilityException')) {
      throw await aliasTaken(settings.alias);
    }
    throw error;
  }
}

/** Says who holds the alias: an organization of this account can be imported instead. */
async function aliasTaken(alias: string): Promise<DeploymentError> {
  const organizations = await listAll(
    paginateListOrganizations({ client: workMailClient() }, {}),
    (page) => page.OrganizationSummaries,
  );
  const owner = organizations.find((organization) => organization.Alias === alias);
  if (owner) {
    return new DeploymentError(
      `WorkMail organization alias ${alias} is already used by organization ${owner.OrganizationId} (state ${owner.State}) `
      + `in this account: to manage it, import it with Organization.fromOrganizationId(this, 'Organization', '${owner.OrganizationId}'); `
      + 'to create a new organization, choose another alias.',
    );
  }
  return new DeploymentError(
    `WorkMail organization alias ${alias} is taken by another AWS account (aliases are global: they become ${alias}.awsapps.com): choose another alias.`,
  );
}

async function deleteOrganization(settings: OrganizationSettings, organizationId: string, clientToken: string): Promise<void> {
  try {
    await workMailClient().send(new DeleteOrganizationCommand({
      OrganizationId: organizationId,
      DeleteDirectory: settings.deleteDirectory,
      ForceDelete: settings.forceDelete,
      ClientToken: clientToken,
    }));
  } catch (error) {
    if (isServiceError(error, 'OrganizationNotFoundException')) {
      return; // already gone: that is what Delete asks for
    }
    if (isServiceError(error, 'OrganizationStateException')) {
      throw new DeploymentError(
        `WorkMail refused to delete organization ${settings.alias} (${organizationId}): ${(error as Error).message}. `
        + 'If it still has enabled users, disable them first or set forceDelete: true (their mailboxes are deleted with it); '
        + 'if it is still being created, wait until it is Active and delete the stack again.',
      );
    }
    throw error;
  }
}
