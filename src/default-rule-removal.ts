import { Lazy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization } from './organization';
import { ResourceType } from './private/constants';
import { DefaultRuleRemovalResourceProperties } from './private/rule-properties';
import { WorkMailProvider } from './provider/workmail-provider';
import { Registered } from './rule-registry';

/**
 * Removes one of the organization's built-in allow-all rules once the stack's own rules of that
 * kind exist, and puts it back when it leaves the stack (`Custom::WorkMailDefaultRuleRemoval`).
 */
export class DefaultRuleRemoval extends Construct {
  constructor(scope: Construct, id: string, organization: IOrganization, kind: string, stackRules: () => Registered<unknown>[]) {
    super(scope, id);
    const properties: DefaultRuleRemovalResourceProperties = {
      OrganizationId: organization.organizationId,
      Kind: kind,
      // The references make CloudFormation create the stack's rules first.
      StackRules: Lazy.list({ produce: () => stackRules().map((rule) => rule.physicalId) }, { omitEmpty: true }),
    };
    WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.DEFAULT_RULE_REMOVAL,
      organization,
      properties: { ...properties },
    });
  }
}
