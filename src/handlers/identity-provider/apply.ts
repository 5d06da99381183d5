/** Reads and writes an organization's identity provider configuration and the WorkMail application in Identity Center. */
import {
  CreateIdentityCenterApplicationCommand,
  DeleteIdentityCenterApplicationCommand,
  DeleteIdentityProviderConfigurationCommand,
  DescribeIdentityProviderConfigurationCommand,
  IdentityProviderAuthenticationMode,
  PersonalAccessTokenConfigurationStatus,
  PutIdentityProviderConfigurationCommand,
} from '@aws-sdk/client-workmail';
import { Configuration, Operation } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';

/** The organization's configuration, or undefined when it has none (ResourceNotFoundException). */
export async function currentConfiguration(organizationId: string): Promise<Configuration | undefined> {
  try {
    const live = await workMailClient().send(new DescribeIdentityProviderConfigurationCommand({ OrganizationId: organizationId }));
    return {
      authenticationMode: live.AuthenticationMode!,
      instanceArn: live.IdentityCenterConfiguration?.InstanceArn ?? '',
      applicationArn: live.IdentityCenterConfiguration?.ApplicationArn ?? '',
      tokenStatus: live.PersonalAccessTokenConfiguration?.Status ?? '',
      tokenLifetimeInDays: live.PersonalAccessTokenConfiguration?.LifetimeInDays,
    };
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

/** Creates the WorkMail application in the instance, once per client token. */
export async function createApplication(instanceArn: string, name: string, clientToken: string): Promise<string> {
  const created = await workMailClient().send(new CreateIdentityCenterApplicationCommand({
    InstanceArn: instanceArn, Name: name, ClientToken: clientToken,
  }));
  return created.ApplicationArn!;
}

export async function apply(operation: Operation): Promise<void> {
  switch (operation.kind) {
    case 'PutIdentityProviderConfiguration': {
      const { configuration, organizationId } = operation;
      try {
        await workMailClient().send(new PutIdentityProviderConfigurationCommand({
          OrganizationId: organizationId,
          AuthenticationMode: configuration.authenticationMode as IdentityProviderAuthenticationMode,
          IdentityCenterConfiguration: { InstanceArn: configuration.instanceArn, ApplicationArn: configuration.applicationArn },
          PersonalAccessTokenConfiguration: {
            Status: configuration.tokenStatus as PersonalAccessTokenConfigurationStatus,
            LifetimeInDays: configuration.tokenLifetimeInDays,
          },
        }));
      } catch (error) {
        if (isServiceError(error, 'ResourceNotFoundException')) {
          throw new DeploymentError(
            `WorkMail cannot find the Identity Center application ${configuration.applicationArn} for organization ${organizationId}: `
            + `${(error as Error).message}. It must be a WorkMail application (CreateIdentityCenterApplication, or the console's Enable) `
            + `of instance ${configuration.instanceArn}, in the organization's account and region.`,
          );
        }
        throw error;
      }
      return;
    }
    case 'DeleteIdentityProviderConfiguration':
      await workMailClient().send(new DeleteIdentityProviderConfigurationCommand({ OrganizationId: operation.organizationId }));
      return;
    case 'DeleteIdentityCenterApplication':
      await workMailClient().send(new DeleteIdentityCenterApplicationCommand({ ApplicationArn: operation.applicationArn }));
      return;
  }
}
