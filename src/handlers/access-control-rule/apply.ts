/** The WorkMail calls of the access control rule handler. */
import {
  AccessControlRule,
  DeleteAccessControlRuleCommand,
  ListAccessControlRulesCommand,
  PutAccessControlRuleCommand,
  PutAccessControlRuleRequest,
} from '@aws-sdk/client-workmail';
import { exceedsLimit } from './plan';
import { workMailClient } from '../shared/clients';
import { DeploymentError, deleting } from '../shared/errors';

/**
 * Puts the rule. A new name in an organization at the limit is refused before the call: the SDK
 * takes WorkMail's LimitExceededException for throttling and would retry it for minutes.
 */
export async function putRule(request: PutAccessControlRuleRequest, listed?: readonly AccessControlRule[]): Promise<void> {
  const rules = listed ?? await listRules(request.OrganizationId!);
  if (exceedsLimit(rules, request.Name!)) {
    throw new DeploymentError(
      `Cannot put access control rule ${request.Name}: organization ${request.OrganizationId} already has ${rules.length} access control rules `
      + `(${rules.map((rule) => rule.Name).join(', ')}), the most WorkMail allows; the built-in "default" rule and rules made outside this stack count too. `
      + 'Delete or merge rules, or give this rule the name of the rule it should replace.',
    );
  }
  await workMailClient().send(new PutAccessControlRuleCommand(request));
}

export async function listRules(organizationId: string): Promise<AccessControlRule[]> {
  const { Rules } = await workMailClient().send(new ListAccessControlRulesCommand({ OrganizationId: organizationId }));
  return Rules ?? [];
}

export async function deleteRule(organizationId: string, name: string): Promise<void> {
  await deleting(() => workMailClient().send(new DeleteAccessControlRuleCommand({ OrganizationId: organizationId, Name: name })));
}
