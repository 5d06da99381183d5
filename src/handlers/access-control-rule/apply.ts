/** The WorkMail calls of the access control rule handler. */
import {
  AccessControlRule,
  DeleteAccessControlRuleCommand,
  ListAccessControlRulesCommand,
  PutAccessControlRuleCommand,
  PutAccessControlRuleRequest,
} from '@aws-sdk/client-workmail';
import { workMailClient } from '../shared/clients';
import { DeploymentError, isServiceError } from '../shared/errors';
import { deleting } from '../shared/rules';

export async function putRule(request: PutAccessControlRuleRequest): Promise<void> {
  try {
    await workMailClient().send(new PutAccessControlRuleCommand(request));
  } catch (error) {
    if (isServiceError(error, 'LimitExceededException')) {
      throw new DeploymentError(
        `PutAccessControlRule ${request.Name} failed: organization ${request.OrganizationId} already has 10 access control rules, `
        + 'the most WorkMail allows (the built-in "default" rule and rules made outside this stack count too). '
        + 'Delete or merge rules, or give this rule the name of the rule it should replace.',
      );
    }
    throw error;
  }
}

/** The organization's rule of this name; undefined when there is none, or no organization. */
export async function currentRule(organizationId: string, name: string): Promise<AccessControlRule | undefined> {
  try {
    const { Rules } = await workMailClient().send(new ListAccessControlRulesCommand({ OrganizationId: organizationId }));
    return (Rules ?? []).find((rule) => rule.Name === name);
  } catch (error) {
    if (isServiceError(error, 'OrganizationNotFoundException')) {
      return undefined;
    }
    throw error;
  }
}

export async function deleteRule(organizationId: string, name: string): Promise<void> {
  await deleting(() => workMailClient().send(new DeleteAccessControlRuleCommand({ OrganizationId: organizationId, Name: name })));
}
