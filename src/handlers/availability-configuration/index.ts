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
import { AvailabilitySettings, claimTag, parseAvailabilitySettings, physicalId, planDelete, planWrite } from './plan';
import { AvailabilityConfigurationResourceProperties } from '../../private/entity-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { deleting, isServiceError } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { adoptionRefused, adoptsExisting, claim, ownerOf, stillOwned } from '../shared/ownership';
import { readSecretString } from '../shared/secrets';

export const availabilityConfigurationHandler: ResourceHandler<AvailabilityConfigurationResourceProperties> = {
  async onEvent(event: ResourceEvent<AvailabilityConfigurationResourceProperties>): Promise<OnEventResult> {
    const settings = parseAvailabilitySettings(event.ResourceProperties);
    const workMail = workMailClient();
    const { organizationId: OrganizationId, domainName: DomainName } = settings;
    const tag = claimTag(settings);
    if (event.RequestType === 'Delete') {
      if (planDelete(settings, event.PhysicalResourceId)) {
        await deleting(async () => {
          if (await stillOwned(OrganizationId, tag, event, 'DeleteAvailabilityConfiguration')) {
            await workMail.send(new DeleteAvailabilityConfigurationCommand({ OrganizationId, DomainName }));
          }
        });
      }
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    const provider = await providerOf(settings);
    if (planWrite(settings, event.PhysicalResourceId) === 'update') {
      await workMail.send(new UpdateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider }));
    } else {
      try {
        // The client token makes a redelivered Create succeed on the configuration it made.
        await workMail.send(new CreateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider, ClientToken: clientToken(event) }));
      } catch (error) {
        if (!isServiceError(error, 'NameAvailabilityException')) {
          throw error;
        }
        if (!adoptsExisting(event.ResourceProperties)) {
          throw adoptionRefused(
            `The availability configuration of organization ${OrganizationId} for ${DomainName}`,
            'AvailabilityConfiguration',
            'leave it out of the stack; WorkMail allows one per domain and keeps it',
          );
        }
        // Taken over: the stack's provider replaces the one found (whose EWS password cannot be read back).
        await claim(OrganizationId, tag, ownerOf(event), 'availability configuration');
        await workMail.send(new UpdateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider }));
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
