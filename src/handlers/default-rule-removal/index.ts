/**
 * `Custom::WorkMailDefaultRuleRemoval`: removes the organization's built-in allow-all access
 * control or mobile device access rule after the stack's own rules exist, and puts exactly that
 * rule back when the removal leaves the stack.
 */
import {
  builtInAccessControlRule,
  builtInMobileRule,
  checkKind,
  decodeRule,
  encodeRule,
  holdsMobileRule,
  mobileRuleContent,
  physicalId,
  planRemoval,
  planRestore,
  recordTag,
  RemovedRule,
  removalOf,
} from './plan';
import { DEFAULT_ACCESS_CONTROL_RULE, DefaultRuleKind, DefaultRuleRemovalResourceProperties } from '../../private/rule-properties';
import { deleteRule as deleteAccessControlRule, listRules as listAccessControlRules, putRule } from '../access-control-rule/apply';
import { createRule, deleteRule as deleteMobileRule, listRules as listMobileRules } from '../mobile-device-access-rule/apply';
import { RuleRequest } from '../mobile-device-access-rule/plan';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting, DeploymentError } from '../shared/errors';
import { clientToken } from '../shared/idempotency';
import { logLeftAlone, ownerOf, readOwnerTag, removeOwnerTag, settleMove, takeOver, writeOwnerTag } from '../shared/ownership';
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
          await removeDefault(properties, ownerOf(event));
        }
        return { PhysicalResourceId: physicalId(properties) };
      case 'Delete': {
        const removal = removalOf(event.PhysicalResourceId);
        if (removal) {
          // A deleted organization has no rules to restore.
          await deleting(() => restoreDefault(removal.organizationId, removal.kind, event));
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};

async function removeDefault(properties: DefaultRuleRemovalResourceProperties, owner: string): Promise<void> {
  const { OrganizationId: organizationId, Kind: kind } = properties;
  const tag = recordTag(kind);
  const record = await readOwnerTag(organizationId, tag);
  const plan = planRemoval(record, owner, organizationId, kind);
  if (plan === 'take over') {
    await writeOwnerTag(organizationId, tag, takeOver(record, owner, record!.payload));
    return;
  }
  if (kind === DefaultRuleKind.ACCESS_CONTROL) {
    const rules = await listAccessControlRules(organizationId);
    const builtIn = builtInAccessControlRule(rules);
    if (builtIn !== undefined) {
      if (rules.length === 1) {
        throw lastRule(organizationId, 'access control rule', 'blocks all access to its mailboxes', 'AccessControlRules');
      }
      // Recorded before it is removed: a redelivery finds the record and finishes.
      if (plan === 'remove') {
        await writeOwnerTag(organizationId, tag, { owner, payload: encodeRule(builtIn) });
      }
      await deleteAccessControlRule(organizationId, DEFAULT_ACCESS_CONTROL_RULE);
    }
    return;
  }
  const rules = await listMobileRules(organizationId);
  if (rules.length === 1 && plan === 'remove') {
    throw lastRule(organizationId, 'mobile device access rule', 'blocks all mobile access', 'MobileDeviceAccessRules');
  }
  const builtIn = plan === 'remove'
    ? builtInMobileRule(rules, properties.StackRules ?? [])
    : rules.find((rule) => holdsMobileRule([rule], decodeRule(record!.payload)));
  if (builtIn !== undefined) {
    if (plan === 'remove') {
      await writeOwnerTag(organizationId, tag, { owner, payload: encodeRule(mobileRuleContent(builtIn)) });
    }
    await deleteMobileRule(organizationId, builtIn.MobileDeviceAccessRuleId!);
  }
}

/** Puts back exactly the rule the removal recorded, unless someone put it (or another) back meanwhile. */
async function restoreDefault(organizationId: string, kind: string, event: Event): Promise<void> {
  const tag = recordTag(kind);
  const record = await readOwnerTag(organizationId, tag);
  const plan = await settleMove(organizationId, tag, record, ownerOf(event)) ?? planRestore(record, ownerOf(event));
  if (plan !== 'restore') {
    logLeftAlone(kind === DefaultRuleKind.ACCESS_CONTROL ? 'PutAccessControlRule' : 'CreateMobileDeviceAccessRule', plan);
    return;
  }
  const removed: RemovedRule = decodeRule(record!.payload);
  if (kind === DefaultRuleKind.ACCESS_CONTROL) {
    const rules = await listAccessControlRules(organizationId);
    if (rules.some((rule) => rule.Name === removed.Name)) {
      logLeftAlone('PutAccessControlRule', 'changed');
    } else {
      await putRule({ ...removed, OrganizationId: organizationId } as Parameters<typeof putRule>[0]);
    }
  } else {
    const rules = await listMobileRules(organizationId);
    if (holdsMobileRule(rules, removed)) {
      logLeftAlone('CreateMobileDeviceAccessRule', 'changed');
    } else {
      await createRule({ ...removed, OrganizationId: organizationId } as RuleRequest, clientToken(event), rules);
    }
  }
  await removeOwnerTag(organizationId, tag);
}

/** The refusal to remove the only rule of its kind: "deleting all rules blocks" all access (Administrator Guide). */
function lastRule(organizationId: string, kind: string, effect: string, constructs: string): DeploymentError {
  return new DeploymentError(
    `Refusing to remove the built-in ${kind} of organization ${organizationId}: it is the only rule, and an organization `
    + `without ${kind}s ${effect}. Add the ${constructs} that replace it first.`,
  );
}
