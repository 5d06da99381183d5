/**
 * `Custom::WorkMailAvailabilityConfiguration`: where WorkMail looks up free/busy information
 * of an external domain (EWS or a Lambda custom availability provider).
 */
import {
  CreateAvailabilityConfigurationCommand,
  DeleteAvailabilityConfigurationCommand,
  EwsAvailabilityProvider,
  LambdaAvailabilityProvider,
  UpdateAvailabilityConfigurationCommand,
} from '@aws-sdk/client-workmail';
import { AvailabilitySettings, parseAvailabilitySettings, physicalId, planDelete, planWrite } from './plan';
import { AvailabilityConfigurationResourceProperties } from '../../private/entity-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { deleting, DeploymentError, isServiceError } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { readSecretString } from '../shared/secrets';

export const availabilityConfigurationHandler: ResourceHandler<AvailabilityConfigurationResourceProperties> = {
  async onEvent(event: ResourceEvent<AvailabilityConfigurationResourceProperties>): Promise<OnEventResult> {
    const settings = parseAvailabilitySettings(event.ResourceProperties);
    const workMail = workMailClient();
    const { organizationId: OrganizationId, domainName: DomainName } = settings;
    if (event.RequestType === 'Delete') {
      if (planDelete(settings, event.PhysicalResourceId)) {
        await deleting(() => workMail.send(new DeleteAvailabilityConfigurationCommand({ OrganizationId, DomainName })));
      }
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    const provider = await providerOf(settings);
    if (planWrite(settings, event.PhysicalResourceId) === 'update') {
      await workMail.send(new UpdateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider }));
    } else {
      try {
        await workMail.send(new CreateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider, ClientToken: clientToken(event) }));
      } catch (error) {
        if (isServiceError(error, 'NameAvailabilityException')) {
          throw new DeploymentError(
            `Organization ${OrganizationId} already has an availability configuration for ${DomainName}, made outside this stack: `
            + 'WorkMail allows one per domain. Delete it in the WorkMail console (Organization settings, Interoperability) and deploy again.',
          );
        }
        throw error;
      }
    }
    return { PhysicalResourceId: physicalId(settings) };
  },

  async isComplete(): Promise<IsCompleteResult> {
    return { IsComplete: true };
  },
};

/** Exactly one provider; the EWS password is read from Secrets Manager here and goes only to WorkMail. */
interface Provider {
  readonly EwsProvider?: EwsAvailabilityProvider;
  readonly LambdaProvider?: LambdaAvailabilityProvider;
}

async function providerOf(settings: AvailabilitySettings): Promise<Provider> {
  if (settings.ews) {
    const { endpoint, username, passwordSecretArn, passwordSecretVersionId } = settings.ews;
    return {
      EwsProvider: {
        EwsEndpoint: endpoint,
        EwsUsername: username,
        EwsPassword: await readSecretString(passwordSecretArn, passwordSecretVersionId),
      },
    };
  }
  return { LambdaProvider: { LambdaArn: settings.lambdaArn } };
}
