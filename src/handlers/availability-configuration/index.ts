/**
 * `Custom::WorkMailAvailabilityConfiguration`: where WorkMail looks up free/busy information
 * of an external domain (EWS or a Lambda custom availability provider).
 */
import {
  AvailabilityConfiguration,
  CreateAvailabilityConfigurationCommand,
  DeleteAvailabilityConfigurationCommand,
  EwsAvailabilityProvider,
  LambdaAvailabilityProvider,
  paginateListAvailabilityConfigurations,
  UpdateAvailabilityConfigurationCommand,
} from '@aws-sdk/client-workmail';
import { AvailabilitySettings, claimTag, parseAvailabilitySettings, physicalId, planDelete, planWrite } from './plan';
import { AvailabilityConfigurationResourceProperties } from '../../private/entity-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { deleting, isServiceError } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { logOperation } from '../shared/log';
import { adoptionRefused, adoptsExisting, claim, ownerOf, stillOwned } from '../shared/ownership';
import { listAll } from '../shared/paginate';
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
      return { PhysicalResourceId: physicalId(settings) };
    }
    const adopt = adoptsExisting(event.ResourceProperties);
    // Told to adopt, look first: a configuration that is already the stack's is then not written.
    const found = adopt ? await existing(settings) : undefined;
    if (found !== undefined) {
      await takeOver(settings, event, provider, found);
      return { PhysicalResourceId: physicalId(settings) };
    }
    try {
      // The client token makes a redelivered Create succeed on the configuration it made.
      await workMail.send(new CreateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider, ClientToken: clientToken(event) }));
      // Claimed, so that a moved construct's new resource records where it came from.
      await claim(OrganizationId, tag, ownerOf(event), 'availability configuration');
    } catch (error) {
      if (!isServiceError(error, 'NameAvailabilityException')) {
        throw error;
      }
      if (!adopt) {
        throw adoptionRefused(
          `The availability configuration of organization ${OrganizationId} for ${DomainName}`,
          'AvailabilityConfiguration',
          'leave it out of the stack; WorkMail allows one per domain and keeps it',
        );
      }
      // Made between the listing and the create call.
      await takeOver(settings, event, provider, await existing(settings));
    }
    return { PhysicalResourceId: physicalId(settings) };
  },

  async isComplete(): Promise<IsCompleteResult> {
    return { IsComplete: true };
  },
};

/** The configuration WorkMail has for the domain, if any. */
async function existing(settings: AvailabilitySettings): Promise<AvailabilityConfiguration | undefined> {
  const all = await listAll(paginateListAvailabilityConfigurations({ client: workMailClient() }, { OrganizationId: settings.organizationId }),
    (page) => page.AvailabilityConfigurations);
  return all.find((configuration) => configuration.DomainName?.toLowerCase() === settings.domainName);
}

/**
 * Takes over the configuration found: claims it, and replaces its provider with the stack's,
 * unless it is that Lambda already (an EWS password cannot be read back, so an EWS provider is
 * always written).
 */
async function takeOver(
  settings: AvailabilitySettings,
  event: ResourceEvent<unknown>,
  provider: Provider,
  found: AvailabilityConfiguration | undefined,
): Promise<void> {
  const { organizationId: OrganizationId, domainName: DomainName } = settings;
  await claim(OrganizationId, claimTag(settings), ownerOf(event), 'availability configuration');
  if (provider.LambdaProvider !== undefined && found?.LambdaProvider?.LambdaArn === provider.LambdaProvider.LambdaArn) {
    logOperation('workmail', 'UpdateAvailabilityConfiguration', 'skipped: the configuration found is the one the properties ask for');
    return;
  }
  await workMailClient().send(new UpdateAvailabilityConfigurationCommand({ OrganizationId, DomainName, ...provider }));
}

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
