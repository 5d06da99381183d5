/**
 * `Custom::WorkMailDefaultRuleRemoval`: removes the organization's built-in allow-all access
 * control or mobile device access rule after the stack's own rules exist, and puts an allow-all
 * rule back when the removal leaves the stack.
 */
import { allowsEveryDevice, checkKind, defaultMobileRules, physicalId, removalOf } from './plan';
import {
  DEFAULT_ACCESS_CONTROL_RULE,
  DEFAULT_ACCESS_CONTROL_RULE_DESCRIPTION,
  DefaultRuleKind,
  DefaultRuleRemovalResourceProperties,
} from '../../private/rule-properties';
import { deleteRule as deleteAccessControlRule, putRule } from '../access-control-rule/apply';
import { createRule, deleteRule as deleteMobileRule, listRules } from '../mobile-device-access-rule/apply';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { completed } from '../shared/rules';

type Event = ResourceEvent<DefaultRuleRemovalResourceProperties>;

export const defaultRuleRemovalHandler: ResourceHandler<DefaultRuleRemovalResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const properties = event.ResourceProperties;
    switch (event.RequestType) {
      case 'Create':
      case 'Update':
        checkKind(properties.Kind);
        // An Update in the same organization has nothing to do: the default is gone already,
        // and the stack's new rules are not defaults. Another organization gets a new id.
        if (event.RequestType === 'Create' || physicalId(properties) !== event.PhysicalResourceId) {
          await removeDefault(properties);
        }
        return { PhysicalResourceId: physicalId(properties) };
      case 'Delete': {
        const removal = removalOf(event.PhysicalResourceId);
        if (removal) {
          await restoreDefault(removal.organizationId, removal.kind, clientToken(event));
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};

async function removeDefault(properties: DefaultRuleRemovalResourceProperties): Promise<void> {
  if (properties.Kind === DefaultRuleKind.ACCESS_CONTROL) {
    await deleteAccessControlRule(properties.OrganizationId, DEFAULT_ACCESS_CONTROL_RULE);
    return;
  }
  const rules = await listRules(properties.OrganizationId);
  for (const ruleId of defaultMobileRules(rules, properties.StackRules ?? [])) {
    await deleteMobileRule(properties.OrganizationId, ruleId);
  }
}

/** Leaves the organization as the stack found it: allowing everything unless other rules say otherwise. */
async function restoreDefault(organizationId: string, kind: string, token: string): Promise<void> {
  // A deleted organization has no rules to restore.
  await deleting(async () => {
    if (kind === DefaultRuleKind.ACCESS_CONTROL) {
      await putRule({
        OrganizationId: organizationId,
        Name: DEFAULT_ACCESS_CONTROL_RULE,
        Effect: 'ALLOW',
        Description: DEFAULT_ACCESS_CONTROL_RULE_DESCRIPTION,
      });
      return;
    }
    const rules = await listRules(organizationId);
    if (!allowsEveryDevice(rules)) {
      await createRule({ OrganizationId: organizationId, Name: 'default', Effect: 'ALLOW', Description: 'Allows every device (restored by cdk-workmail)' }, token, rules);
    }
  });
}
