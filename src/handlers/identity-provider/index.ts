/**
 * `Custom::WorkMailIdentityProvider`: connects an organization to IAM Identity Center
 * (PutIdentityProviderConfiguration); removal restores what was there before.
 */
import { apply, createApplication, currentConfiguration } from './apply';
import {
  applicationForCreate,
  Configuration,
  configurationOf,
  Desired,
  inPlaceApplication,
  Operation,
  OWNER_TAG,
  parseDesired,
  parsePhysicalId,
  physicalId,
  planCreate,
  planDelete,
  Recorded,
} from './plan';
import { IdentityProviderResourceProperties } from '../../private/identity-center-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { claim, ownerOf, ownership, readOwnerTag, stillOwned } from '../shared/ownership';
import { completed } from '../shared/rules';

type Event = ResourceEvent<IdentityProviderResourceProperties>;

export const identityProviderHandler: ResourceHandler<IdentityProviderResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const recorded = parsePhysicalId(event.PhysicalResourceId);
    if (event.RequestType === 'Delete') {
      if (recorded !== undefined) {
        await remove(recorded, parseDesired(event.ResourceProperties), event);
      }
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    const desired = parseDesired(event.ResourceProperties);
    if (event.RequestType === 'Update' && recorded !== undefined && recorded.organizationId === desired.organizationId) {
      // In place, the physical id stays: it records what was there before the stack, which a
      // rollback must not lose. So an Update uses an application the resource already has.
      const configuration = configurationOf(desired, inPlaceApplication(desired, recorded));
      await apply({ kind: 'PutIdentityProviderConfiguration', organizationId: desired.organizationId, configuration });
      return { PhysicalResourceId: event.PhysicalResourceId!, Data: { ApplicationArn: configuration.applicationArn } };
    }
    // Another organization is another configuration: take it over, and CloudFormation then
    // deletes the old resource, which restores the old organization's configuration.
    const owner = ownerOf(event);
    const live = await currentConfiguration(desired.organizationId);
    const known = live && { found: await readOwnerTag(desired.organizationId, OWNER_TAG) };
    const found = ownership(known?.found?.owner, owner);
    const existing = applicationForCreate(desired, live, found);
    const applicationArn = existing ?? await createApplication(desired.instanceArn, desired.applicationName!, clientToken(event));
    const configuration = configurationOf(desired, applicationArn);
    try {
      const plan = planCreate(desired, configuration, live, existing === undefined, found);
      await claim(desired.organizationId, OWNER_TAG, owner, 'identity provider configuration', known);
      await runAll(plan.operations);
      const createdApplicationArn = existing === undefined ? applicationArn : undefined;
      return {
        PhysicalResourceId: physicalId({ organizationId: plan.organizationId, previous: plan.previous, createdApplicationArn }),
        Data: { ApplicationArn: applicationArn },
      };
    } catch (error) {
      // A request that fails leaves no application behind: its physical id will not name it.
      if (existing === undefined) {
        await discardApplication(desired.organizationId, applicationArn);
      }
      throw error;
    }
  },

  isComplete: completed,
};

/**
 * A deleted organization has no configuration left to restore; its created application still
 * goes. A configuration another resource claimed since stays, with the application it uses.
 */
async function remove(recorded: Recorded, written: Desired, event: Event): Promise<void> {
  let live: Configuration | undefined;
  let owned = false;
  await deleting(async () => {
    live = await currentConfiguration(recorded.organizationId);
    owned = await stillOwned(recorded.organizationId, OWNER_TAG, event, 'PutIdentityProviderConfiguration');
  });
  const applicationArn = written.applicationArn ?? recorded.createdApplicationArn;
  // Taken over from the stack with the application it found: nothing of its own to restore or delete.
  if (applicationArn === undefined) {
    return;
  }
  const operations = planDelete(recorded, configurationOf(written, applicationArn), live, owned);
  for (const operation of operations) {
    await (operation.kind === 'DeleteIdentityCenterApplication' ? apply(operation) : deleting(() => apply(operation)));
  }
}

/** Deletes an application this request created, unless the organization uses it (a redelivered request's own). */
async function discardApplication(organizationId: string, applicationArn: string): Promise<void> {
  const live = await currentConfiguration(organizationId).catch(() => undefined);
  if (live?.applicationArn !== applicationArn) {
    await apply({ kind: 'DeleteIdentityCenterApplication', applicationArn });
  }
}

async function runAll(operations: readonly Operation[]): Promise<void> {
  for (const operation of operations) {
    await apply(operation);
  }
}
