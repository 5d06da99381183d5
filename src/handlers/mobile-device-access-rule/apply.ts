/** The WorkMail calls of the mobile device access rule handler. */
import {
  CreateMobileDeviceAccessRuleCommand,
  DeleteMobileDeviceAccessRuleCommand,
  ListMobileDeviceAccessRulesCommand,
  MobileDeviceAccessRule,
  UpdateMobileDeviceAccessRuleCommand,
} from '@aws-sdk/client-workmail';
import { exceedsLimit, RuleRequest } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError, deleting } from '../shared/errors';

/**
 * Creates the rule. An organization at the limit is refused before the call: the SDK takes
 * WorkMail's LimitExceededException for throttling and would retry it for minutes. A
 * redelivered Create whose rule exists already goes through: the client token returns it.
 * `listed` saves listing again when the caller has just listed them.
 */
export async function createRule(request: RuleRequest, clientToken: string, listed?: readonly MobileDeviceAccessRule[]): Promise<string> {
  const rules = listed ?? await listRules(request.OrganizationId);
  if (exceedsLimit(rules, request)) {
    throw new DeploymentError(
      `Cannot create mobile device access rule ${request.Name}: organization ${request.OrganizationId} already has ${rules.length} mobile device access rules `
      + `(${rules.map((rule) => rule.Name).join(', ')}), the most WorkMail allows; the built-in allow-all rule and rules made outside this stack count too. `
      + 'Delete or merge rules.',
    );
  }
  const { MobileDeviceAccessRuleId } = await workMailClient().send(new CreateMobileDeviceAccessRuleCommand({
    ...request, Name: request.Name!, Effect: request.Effect!, ClientToken: clientToken,
  }));
  return MobileDeviceAccessRuleId!;
}

export async function updateRule(request: RuleRequest, ruleId: string): Promise<void> {
  try {
    await workMailClient().send(new UpdateMobileDeviceAccessRuleCommand({
      ...request, Name: request.Name!, Effect: request.Effect!, MobileDeviceAccessRuleId: ruleId,
    }));
  } catch (error) {
    if (isServiceError(error, 'EntityNotFoundException')) {
      throw new DeploymentError(
        `Mobile device access rule ${ruleId} no longer exists in organization ${request.OrganizationId}: it was deleted outside CloudFormation. `
        + 'Give the MobileDeviceAccessRule construct a new id (so that CloudFormation creates a new rule) and deploy again.',
      );
    }
    throw error;
  }
}

export async function listRules(organizationId: string): Promise<MobileDeviceAccessRule[]> {
  const { Rules } = await workMailClient().send(new ListMobileDeviceAccessRulesCommand({ OrganizationId: organizationId }));
  return Rules ?? [];
}

export async function deleteRule(organizationId: string, ruleId: string): Promise<void> {
  await deleting(() => workMailClient().send(new DeleteMobileDeviceAccessRuleCommand({
    OrganizationId: organizationId, MobileDeviceAccessRuleId: ruleId,
  })));
}
