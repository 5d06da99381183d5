/** `Custom::WorkMailMobileDeviceAccessRule`: creates, updates in place and deletes a mobile device access rule. */
import { createRule, deleteRule, listRules, updateRule } from './apply';
import { claimTag, holdsRequest, ruleRequest } from './plan';
import { MobileDeviceAccessRuleResourceProperties, rulePhysicalId } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { logOperation } from '../shared/log';
import { adoptsExisting, claim, ownerOf, stillOwned } from '../shared/ownership';
import { adoptedId, assignedIdOf, completed, planCreateOrUpdate } from '../shared/rules';

type Event = ResourceEvent<MobileDeviceAccessRuleResourceProperties>;

export const mobileDeviceAccessRuleHandler: ResourceHandler<MobileDeviceAccessRuleResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const request = ruleRequest(event.ResourceProperties);
    switch (event.RequestType) {
      case 'Create':
      case 'Update': {
        const properties = event.ResourceProperties;
        const adoptId = adoptedId(adoptsExisting(properties), properties.MobileDeviceAccessRuleId, 'MobileDeviceAccessRule', 'mobileDeviceAccessRuleId');
        const plan = planCreateOrUpdate(event.RequestType, event.PhysicalResourceId, request.OrganizationId, adoptId);
        let ruleId: string;
        if (plan.kind === 'Create') {
          // Names are not unique: only the token keeps a redelivered Create from making a second rule.
          ruleId = await createRule(request, clientToken(event));
          // Claimed, so that a moved construct's new resource records where it came from.
          await claim(plan.organizationId, claimTag(ruleId), ownerOf(event), 'mobile device access rule');
        } else {
          ruleId = plan.id;
          const live = plan.adopted ? (await listRules(plan.organizationId)).find((rule) => rule.MobileDeviceAccessRuleId === plan.id) : undefined;
          if (plan.adopted) {
            await claim(plan.organizationId, claimTag(plan.id), ownerOf(event), 'mobile device access rule');
          }
          if (holdsRequest(live, request)) {
            // Adopted as it is: nothing to write.
            logOperation('workmail', 'UpdateMobileDeviceAccessRule', 'skipped: the rule holds the properties already');
          } else {
            await updateRule(request, ruleId);
          }
        }
        return { PhysicalResourceId: rulePhysicalId(request.OrganizationId, ruleId), Data: { MobileDeviceAccessRuleId: ruleId } };
      }
      case 'Delete': {
        const rule = assignedIdOf(event.PhysicalResourceId);
        if (rule) {
          await deleting(async () => {
            if (await stillOwned(rule.organizationId, claimTag(rule.id), event, 'DeleteMobileDeviceAccessRule')) {
              await deleteRule(rule.organizationId, rule.id);
            }
          });
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};
