import { Lazy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IOrganization } from './interfaces';
import { ResourceType } from './private/constants';
import { DefaultRuleRemovalResourceProperties } from './private/rule-properties';
import { WorkMailProvider } from './provider/workmail-provider';
import { Registered } from './rule-registry';

/** Properties of a {@link DefaultRuleRemoval}. */
export interface DefaultRuleRemovalProps {
  readonly organization: IOrganization;
  /** A `DefaultRuleKind`. */
  readonly kind: string;
  /** The stack's own rules of that kind, read at synth. */
  readonly stackRules: () => Registered<unknown>[];
}

/**
 * Removes one of the organization's built-in allow-all rules once the stack's own rules of that
 * kind exist, and puts it back when it leaves the stack (`Custom::WorkMailDefaultRuleRemoval`).
 */
export class DefaultRuleRemoval extends Construct {
  constructor(scope: Construct, id: string, props: DefaultRuleRemovalProps) {
    super(scope, id);
    WorkMailProvider.of(this).createResource<DefaultRuleRemovalResourceProperties>(this, {
      resourceType: ResourceType.DEFAULT_RULE_REMOVAL,
      organization: props.organization,
      properties: {
        OrganizationId: props.organization.organizationId,
        Kind: props.kind,
        // The references make CloudFormation create the stack's rules first.
        StackRules: Lazy.list({ produce: () => props.stackRules().map((rule) => rule.physicalId) }, { omitEmpty: true }),
      },
    });
  }
}
