/** `Custom::WorkMailInboundDmarcSettings`: PutInboundDmarcSettings; Delete restores WorkMail's default. */
import { PutInboundDmarcSettingsCommand } from '@aws-sdk/client-workmail';
import { enforcedFor, organizationOf, physicalId } from './plan';
import { InboundDmarcResourceProperties } from '../../private/settings-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { workMailClient } from '../shared/clients';
import { deleting } from '../shared/errors';

export const inboundDmarcHandler: ResourceHandler<InboundDmarcResourceProperties> = {
  async onEvent(event: ResourceEvent<InboundDmarcResourceProperties>): Promise<OnEventResult> {
    const enforced = enforcedFor(event.RequestType, event.ResourceProperties);
    if (event.RequestType !== 'Delete') {
      const organizationId = event.ResourceProperties.OrganizationId;
      await put(organizationId, enforced);
      // A new organization id is a new physical id: CloudFormation then deletes the old one,
      // which restores the default in the old organization.
      return { PhysicalResourceId: physicalId(organizationId) };
    }
    const organizationId = organizationOf(event.PhysicalResourceId);
    if (organizationId !== undefined) {
      await deleting(() => put(organizationId, enforced));
    }
    return { PhysicalResourceId: event.PhysicalResourceId };
  },

  async isComplete() {
    return { IsComplete: true };
  },
};

async function put(organizationId: string, enforced: boolean): Promise<void> {
  await workMailClient().send(new PutInboundDmarcSettingsCommand({ OrganizationId: organizationId, Enforced: enforced }));
}
