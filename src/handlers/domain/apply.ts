/** Runs the domain plans' operations against WorkMail and SES. */
import {
  DeregisterMailDomainCommand,
  GetMailDomainCommand,
  GetMailDomainResponse,
  RegisterMailDomainCommand,
  UpdateDefaultMailDomainCommand,
} from '@aws-sdk/client-workmail';
import { Operation } from './plan';
import { describeOrganization } from '../organization/apply';
import { sesClient, sesSdk, workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';

/** The domain an operation acts on. */
export interface Target {
  readonly organizationId: string;
  readonly domainName: string;
}

export async function apply(operation: Operation, target: Target): Promise<void> {
  const workMail = workMailClient();
  switch (operation.kind) {
    case 'RegisterMailDomain':
      await workMail.send(new RegisterMailDomainCommand({
        OrganizationId: target.organizationId,
        DomainName: target.domainName,
        ClientToken: operation.clientToken,
      }));
      return;
    case 'SetMailFromDomain': {
      const { SetIdentityMailFromDomainCommand } = sesSdk();
      // Without MailFromDomain, SES goes back to its own amazonses.com MAIL FROM domain.
      await sesClient().send(new SetIdentityMailFromDomainCommand({
        Identity: target.domainName,
        MailFromDomain: operation.mailFromDomain,
        BehaviorOnMXFailure: 'UseDefaultValue',
      }));
      return;
    }
    case 'DeregisterMailDomain':
      await deregister(target);
      return;
    case 'UpdateDefaultMailDomain':
      await workMail.send(new UpdateDefaultMailDomainCommand({
        OrganizationId: target.organizationId,
        DomainName: operation.domainName,
      }));
      return;
  }
}

export async function runAll(plan: readonly Operation[], target: Target): Promise<void> {
  for (const operation of plan) {
    await apply(operation, target);
  }
}

/** GetMailDomain, or undefined when the domain (or its whole organization) is gone. */
export async function getMailDomain(target: Target): Promise<GetMailDomainResponse | undefined> {
  try {
    return await workMailClient().send(new GetMailDomainCommand({
      OrganizationId: target.organizationId,
      DomainName: target.domainName,
    }));
  } catch (error) {
    if (isServiceError(error, 'MailDomainNotFoundException') || isServiceError(error, 'OrganizationNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

/** The MAIL FROM domain SES has for the domain's identity, if any. */
export async function mailFromDomain(domainName: string): Promise<string | undefined> {
  const { GetIdentityMailFromDomainAttributesCommand } = sesSdk();
  const { MailFromDomainAttributes } = await sesClient().send(new GetIdentityMailFromDomainAttributesCommand({
    Identities: [domainName],
  }));
  return MailFromDomainAttributes?.[domainName]?.MailFromDomain?.toLowerCase() || undefined;
}

/** The organization's test domain `<alias>.awsapps.com`, which is always verified. */
export async function testDomain(organizationId: string): Promise<string> {
  const organization = await describeOrganization(organizationId);
  if (organization?.Alias === undefined) {
    throw new DeploymentError(`WorkMail organization ${organizationId} no longer exists: its default domain cannot be changed.`);
  }
  return `${organization.Alias.toLowerCase()}.awsapps.com`;
}

async function deregister(target: Target): Promise<void> {
  try {
    await workMailClient().send(new DeregisterMailDomainCommand({
      OrganizationId: target.organizationId,
      DomainName: target.domainName,
    }));
  } catch (error) {
    if (isServiceError(error, 'MailDomainNotFoundException') || isServiceError(error, 'OrganizationNotFoundException')) {
      return; // already gone: that is what Delete asks for
    }
    if (isServiceError(error, 'MailDomainInUseException')) {
      throw new DeploymentError(
        `Refusing to deregister WorkMail domain ${target.domainName}: users, groups, resources or aliases still have addresses on it `
        + `(${(error as Error).message}). Change their primary addresses and remove their aliases on ${target.domainName} `
        + '(or remove those entities), then delete again.',
      );
    }
    if (isServiceError(error, 'InvalidCustomSesConfigurationException')) {
      throw new DeploymentError(
        `WorkMail cannot deregister domain ${target.domainName}: ${(error as Error).message}. `
        + 'Its SES configuration was customised in a way WorkMail cannot undo: revert the SES setting the message names, then delete again.',
      );
    }
    throw error;
  }
}
