/** `Custom::WorkMailRetentionPolicy`: puts an organization's retention policy; Delete restores the previous one. */
import { apply, currentPolicy } from './apply';
import { marked, Operation, parsePhysicalId, parsePolicy, planCreate, planDelete, planPut, Previous } from './plan';
import { readOwnerMarker } from '../../private/ownership-properties';
import { RetentionPolicyResourceProperties } from '../../private/settings-properties';
import { IsCompleteEvent, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { logOperation } from '../shared/log';
import { adoptionRefused, adoptsExisting, logLeftAlone, ownerOf, recordMove, settleMarkedMove } from '../shared/ownership';

type Event = ResourceEvent<RetentionPolicyResourceProperties>;

export const retentionPolicyHandler: ResourceHandler<RetentionPolicyResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const organizationId = event.ResourceProperties.OrganizationId;
    const recorded = parsePhysicalId(event.PhysicalResourceId);
    switch (event.RequestType) {
      case 'Create':
        return { PhysicalResourceId: await record(organizationId, event) };
      case 'Update':
        // Another organization is another singleton: take it over, and CloudFormation then
        // deletes the old resource, which restores the old organization's policy.
        if (recorded === undefined || recorded.organizationId !== organizationId) {
          const physicalResourceId = await record(organizationId, event);
          await put(organizationId, event, parsePhysicalId(physicalResourceId)!.previous);
          return { PhysicalResourceId: physicalResourceId };
        }
        await put(organizationId, event, recorded.previous);
        return { PhysicalResourceId: event.PhysicalResourceId };
      case 'Delete':
        if (recorded !== undefined) {
          // A deleted organization has no policy left to restore.
          await deleting(async () => restore(recorded.organizationId, event, recorded.previous));
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  /**
   * A new policy is put here, after onEvent recorded what was there: a redelivered Create then
   * still finds that policy, not its own. PutRetentionPolicy takes effect within WorkMail's own
   * schedule (up to 48 hours): nothing to wait for after it.
   */
  async isComplete(event: IsCompleteEvent<RetentionPolicyResourceProperties>) {
    if (event.RequestType === 'Create') {
      await put(event.ResourceProperties.OrganizationId, event, parsePhysicalId(event.PhysicalResourceId)?.previous);
    }
    return { IsComplete: true };
  },
};

/** Puts the policy; `previous` is what the resource recorded as found (an adopted policy that holds the properties stays unwritten). */
async function put(organizationId: string, event: Event, previous: Previous | undefined): Promise<void> {
  const operations = planPut(parsePolicy(event.ResourceProperties), ownerOf(event), await currentPolicy(organizationId), previous);
  if (operations.length === 0) {
    logOperation('workmail', 'PutRetentionPolicy', 'skipped: the policy found holds the properties already');
  }
  await runAll(organizationId, operations);
}

/** Records what the organization has (refusing to take over a policy it was not told to adopt). */
async function record(organizationId: string, event: Event): Promise<string> {
  const current = await currentPolicy(organizationId);
  const physicalResourceId = planCreate(organizationId, current, ownerOf(event), adoptsExisting(event.ResourceProperties));
  await recordMove(organizationId, movedId(organizationId), readOwnerMarker(current?.description).owner, ownerOf(event), 'retention policy');
  if (physicalResourceId === undefined) {
    throw adoptionRefused(
      `The retention policy ${current!.name} of organization ${organizationId}`,
      'RetentionPolicy',
      'leave the policy out of the stack; the organization keeps it',
    );
  }
  return physicalResourceId;
}

/** The organization's one policy, as the move record names it. */
const movedId = (organizationId: string) => `${organizationId}|retention-policy`;

async function restore(organizationId: string, event: Event, previous: Previous): Promise<void> {
  const policy = parsePolicy(event.ResourceProperties);
  const current = await currentPolicy(organizationId);
  const plan = planDelete(previous, policy, ownerOf(event), current);
  const move = await settleMarkedMove(organizationId, movedId(organizationId), ownerOf(event));
  if (move.settled !== undefined) {
    // Still the policy this resource wrote: it goes back to the resource it came from, under that one's marker.
    if (move.settled === 'returned' && (plan === 'unknown' || typeof plan !== 'string')) {
      await runAll(organizationId, [{ kind: 'PutRetentionPolicy', id: current?.id, policy: marked(policy, move.from!) }]);
    }
    logLeftAlone('PutRetentionPolicy', move.settled);
  } else if (plan === 'unknown') {
    logOperation('workmail', 'PutRetentionPolicy', 'skipped: what the organization had before is unknown, so the policy stays');
  } else if (typeof plan === 'string') {
    logLeftAlone('PutRetentionPolicy', plan);
  } else {
    await runAll(organizationId, plan);
  }
}

async function runAll(organizationId: string, operations: Operation[]): Promise<void> {
  for (const operation of operations) {
    await apply(organizationId, operation);
  }
}
