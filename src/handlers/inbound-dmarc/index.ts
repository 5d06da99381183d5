/** `Custom::WorkMailInboundDmarcSettings`: PutInboundDmarcSettings; Delete puts back the value it found. */
import { DescribeInboundDmarcSettingsCommand, PutInboundDmarcSettingsCommand } from '@aws-sdk/client-workmail';
import { enforcedOf, organizationOf, physicalId, planCreate, planDelete, RECORD_TAG } from './plan';
import { InboundDmarcResourceProperties } from '../../private/settings-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { deleting } from '../shared/errors';
import { adoptionRefused, adoptsExisting, logLeftAlone, ownerOf, readOwnerTag, removeOwnerTag, settleMove, writeOwnerTag } from '../shared/ownership';

type Event = ResourceEvent<InboundDmarcResourceProperties>;

export const inboundDmarcHandler: ResourceHandler<InboundDmarcResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const organizationId = event.ResourceProperties.OrganizationId;
    switch (event.RequestType) {
      case 'Create':
      case 'Update': {
        // A new organization id is a new physical id: it is taken over like a Create, and
        // CloudFormation then deletes the old one, which restores the old organization's value.
        const current = await enforced(organizationId);
        if (event.PhysicalResourceId !== physicalId(organizationId)) {
          await takeOver(organizationId, event, current);
        }
        // A switch that holds the value already (adopted as it is) is not written.
        if (current !== enforcedOf(event.ResourceProperties)) {
          await put(organizationId, enforcedOf(event.ResourceProperties));
        }
        return { PhysicalResourceId: physicalId(organizationId) };
      }
      case 'Delete': {
        const recorded = organizationOf(event.PhysicalResourceId);
        if (recorded !== undefined) {
          await deleting(() => restore(recorded, event));
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },

  async isComplete() {
    return { IsComplete: true };
  },
};

async function takeOver(organizationId: string, event: Event, current: boolean): Promise<void> {
  const record = planCreate(await readOwnerTag(organizationId, RECORD_TAG), ownerOf(event), current, adoptsExisting(event.ResourceProperties));
  if (record === 'refuse') {
    throw adoptionRefused(
      `The inbound DMARC setting of organization ${organizationId} (enforced: ${current}, set outside this stack)`,
      'InboundDmarc',
      'leave dmarcEnforcement out of the stack; the organization keeps its setting',
    );
  }
  await writeOwnerTag(organizationId, RECORD_TAG, record);
}

async function restore(organizationId: string, event: Event): Promise<void> {
  const record = await readOwnerTag(organizationId, RECORD_TAG);
  const moved = await settleMove(organizationId, RECORD_TAG, record, ownerOf(event));
  if (moved !== undefined) {
    logLeftAlone('PutInboundDmarcSettings', moved);
    return;
  }
  const plan = planDelete(record, ownerOf(event), enforcedOf(event.ResourceProperties), await enforced(organizationId));
  if (typeof plan === 'string') {
    logLeftAlone('PutInboundDmarcSettings', plan);
  } else if (plan.put !== undefined) {
    await put(organizationId, plan.put);
  }
  if (record !== undefined && (plan === 'changed' || typeof plan !== 'string')) {
    await removeOwnerTag(organizationId, RECORD_TAG);
  }
}

async function enforced(organizationId: string): Promise<boolean> {
  const { Enforced } = await workMailClient().send(new DescribeInboundDmarcSettingsCommand({ OrganizationId: organizationId }));
  return Enforced ?? true;
}

async function put(organizationId: string, value: boolean): Promise<void> {
  await workMailClient().send(new PutInboundDmarcSettingsCommand({ OrganizationId: organizationId, Enforced: value }));
}
