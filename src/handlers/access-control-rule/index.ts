/** `Custom::WorkMailAccessControlRule`: puts (upserts by name) and deletes an access control rule. */
import { currentRule, deleteRule, putRule } from './apply';
import { physicalId, putRequest, ruleOf, shouldDelete } from './plan';
import { AccessControlRuleResourceProperties } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { logOperation } from '../shared/log';
import { completed } from '../shared/rules';

type Event = ResourceEvent<AccessControlRuleResourceProperties>;

export const accessControlRuleHandler: ResourceHandler<AccessControlRuleResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const properties = event.ResourceProperties;
    switch (event.RequestType) {
      case 'Create':
      case 'Update':
        // Put is an upsert: a redelivered Create or Update writes the same rule again.
        await putRule(putRequest(properties));
        return { PhysicalResourceId: physicalId(properties) };
      case 'Delete': {
        const rule = ruleOf(event.PhysicalResourceId);
        if (rule && shouldDelete(properties, await currentRule(rule.organizationId, rule.name))) {
          await deleteRule(rule.organizationId, rule.name);
        } else if (rule) {
          logOperation('workmail', 'DeleteAccessControlRule', 'skipped: the rule is gone or now belongs to another resource');
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};
