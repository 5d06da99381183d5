/** `Custom::WorkMailRetentionPolicy`: puts an organization's retention policy; Delete restores the previous one. */
import { apply, currentPolicy } from './apply';
import { Operation, parsePhysicalId, Policy, parsePolicy, planCreate, planDelete, planUpdate } from './plan';
import { RetentionPolicyResourceProperties } from '../../private/settings-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';

type Event = ResourceEvent<RetentionPolicyResourceProperties>;

export const retentionPolicyHandler: ResourceHandler<RetentionPolicyResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const organizationId = event.ResourceProperties.OrganizationId;
    const recorded = parsePhysicalId(event.PhysicalResourceId);
    switch (event.RequestType) {
      case 'Create':
        return create(organizationId, event);
      case 'Update':
        // Another organization is another singleton: take it over, and CloudFormation then
        // deletes the old resource, which restores the old organization's policy.
        if (recorded === undefined || recorded.organizationId !== organizationId) {
          return create(organizationId, event);
        }
        await runAll(organizationId, planUpdate(parsePolicy(event.ResourceProperties), await currentPolicy(organizationId)));
        return { PhysicalResourceId: event.PhysicalResourceId };
      case 'Delete':
        if (recorded !== undefined) {
          await restore(recorded.organizationId, recorded.previous);
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  async isComplete() {
    // PutRetentionPolicy takes effect within WorkMail's own schedule (up to 48 hours): nothing to wait for.
    return { IsComplete: true };
  },
};

async function create(organizationId: string, event: Event): Promise<OnEventResult> {
  // A redelivered Create finds its own policy and records it as the previous one: Delete then
  // keeps that policy, which is the safe side (no rule is lost, none is invented).
  const plan = planCreate(organizationId, parsePolicy(event.ResourceProperties), await currentPolicy(organizationId));
  await runAll(organizationId, plan.operations);
  return { PhysicalResourceId: plan.physicalResourceId };
}

/** A deleted organization has no policy left to restore. */
async function restore(organizationId: string, previous: Policy | undefined): Promise<void> {
  await deleting(async () => runAll(organizationId, planDelete(previous, await currentPolicy(organizationId))));
}

async function runAll(organizationId: string, operations: Operation[]): Promise<void> {
  for (const operation of operations) {
    await apply(organizationId, operation);
  }
}
