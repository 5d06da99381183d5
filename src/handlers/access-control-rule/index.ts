/** `Custom::WorkMailAccessControlRule`: puts (upserts by name) and deletes an access control rule. */
import { deleteRule, listRules, putRule } from './apply';
import { builtInDefaultRule, physicalId, planDelete, planPut, putRequest, ruleOf } from './plan';
import { readOwnerMarker } from '../../private/ownership-properties';
import { AccessControlRuleResourceProperties, DEFAULT_ACCESS_CONTROL_RULE, rulePhysicalId } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { logOperation } from '../shared/log';
import { logLeftAlone, ownerOf, recordMove, settleMarkedMove } from '../shared/ownership';
import { completed } from '../shared/rules';

type Event = ResourceEvent<AccessControlRuleResourceProperties>;

export const accessControlRuleHandler: ResourceHandler<AccessControlRuleResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const properties = event.ResourceProperties;
    switch (event.RequestType) {
      case 'Create':
      case 'Update': {
        const rules = await listRules(properties.OrganizationId);
        const current = rules.find((rule) => rule.Name === properties.Name);
        const plan = planPut(properties, ownerOf(event), current, event.RequestType === 'Update' ? event.PhysicalResourceId : undefined);
        if (plan.put) {
          if (plan.marked) {
            await recordMove(properties.OrganizationId, physicalId(properties), readOwnerMarker(current?.Description).owner, ownerOf(event), 'access control rule');
          }
          await putRule(putRequest(properties, plan.marked ? ownerOf(event) : undefined), rules);
        } else {
          logOperation('workmail', 'PutAccessControlRule', 'skipped: the rule holds the properties already');
        }
        return { PhysicalResourceId: plan.physicalId };
      }
      case 'Delete': {
        const rule = ruleOf(event.PhysicalResourceId);
        if (rule) {
          await deleting(() => removeRule(rule.organizationId, rule.name, rule.found, event));
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};

async function removeRule(organizationId: string, name: string, found: string | undefined, event: Event): Promise<void> {
  const rules = await listRules(organizationId);
  const decision = planDelete(event.ResourceProperties, ownerOf(event), rules.find((rule) => rule.Name === name), found);
  const move = await settleMarkedMove(organizationId, rulePhysicalId(organizationId, name), ownerOf(event));
  if (move.settled === 'returned' && decision === 'delete') {
    await putRule(putRequest(event.ResourceProperties, move.from));
  }
  if (decision !== 'delete' || move.settled !== undefined) {
    logLeftAlone('DeleteAccessControlRule', decision === 'delete' ? move.settled! : decision);
    return;
  }
  if (name === DEFAULT_ACCESS_CONTROL_RULE) {
    // The rule replaced the built-in one of this name: put that back, in one call.
    await putRule(builtInDefaultRule(organizationId));
    return;
  }
  await deleteRule(organizationId, name);
  if (rules.length === 1) {
    // No rule at all blocks every mailbox: give the organization its built-in rule back.
    await putRule(builtInDefaultRule(organizationId));
  }
}
