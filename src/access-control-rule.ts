import { IResource, Resource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IImpersonationRole, IOrganization, IUser } from './interfaces';
import { OrganizationContext } from './organization-context';
import { AccessControlRuleDefinition, AccessEffect, AccessProtocol } from './policy';
import { ResourceType } from './private/constants';
import { checkSameOrganization } from './private/entities';
import { importByKey } from './private/imports';
import { refuseAdoption } from './private/ownership';
import { accessControlRuleProperties } from './private/rule-definitions';
import {
  ACCESS_CONTROL_RULE_DESCRIPTION,
  invalid,
  IPV4_CIDR,
  RULE_NAME,
  validateEnum,
  validateList,
  validateString,
} from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** An access control rule of a WorkMail organization, created by this stack or imported. */
export interface IAccessControlRule extends IResource {
  /**
   * The rule name, by which WorkMail keys access control rules.
   * @attribute
   */
  readonly accessControlRuleName: string;
}

/** Properties of an {@link AccessControlRule}. Conditions left out match every request. */
export interface AccessControlRuleProps {
  /** The organization the rule controls. */
  readonly organization: IOrganization;

  /**
   * The rule name: 1-64 letters, digits, `_` or `-`, unique in the organization. WorkMail keys
   * rules by name: a rule named `default` replaces the organization's built-in allow-all rule.
   */
  readonly name: string;

  /** Whether matching requests are allowed or denied. A matching DENY rule always wins. */
  readonly effect: AccessEffect;

  /**
   * What the rule is for: 1-255 printable Latin-1 characters.
   * @default - the rule name
   */
  readonly description?: string;

  /**
   * The rule matches requests over these protocols only.
   * @default - any protocol
   */
  readonly protocols?: AccessProtocol[];

  /**
   * The rule matches requests over protocols other than these only.
   * @default - no protocol is excluded
   */
  readonly notProtocols?: AccessProtocol[];

  /**
   * The rule matches requests from these IPv4 CIDR ranges only (at most 1024).
   * @default - any address
   */
  readonly ipRanges?: string[];

  /**
   * The rule matches requests from outside these IPv4 CIDR ranges only (at most 1024).
   * @default - no address is excluded
   */
  readonly notIpRanges?: string[];

  /**
   * The rule matches requests by these users only (at most 10).
   * @default - any user
   */
  readonly users?: IUser[];

  /**
   * The rule matches requests by users other than these only (at most 10).
   * @default - no user is excluded
   */
  readonly notUsers?: IUser[];

  /**
   * The rule matches requests by these impersonation roles only (at most 10).
   * @default - any impersonation role
   */
  readonly impersonationRoles?: IImpersonationRole[];

  /**
   * The rule matches requests by impersonation roles other than these only (at most 10).
   * @default - no impersonation role is excluded
   */
  readonly notImpersonationRoles?: IImpersonationRole[];
}

/**
 * An access control rule of a WorkMail organization (`Custom::WorkMailAccessControlRule`):
 * allows or denies mailbox access by protocol, IPv4 range, user and impersonation role.
 *
 * WorkMail evaluates all rules of the organization: any matching DENY rule denies, else any
 * matching ALLOW rule allows, else access is denied. Test the rules offline with
 * `organization.evaluateAccessControl()`. Renaming a rule puts the new rule before deleting the
 * old one. Changes take up to five minutes to reach connected clients.
 */
export class AccessControlRule extends Resource implements IAccessControlRule {
  /** References a rule made outside this stack by its name (it is not evaluated by the simulators). */
  public static fromAccessControlRuleName(scope: Construct, id: string, accessControlRuleName: string): IAccessControlRule {
    return importByKey(scope, id, 'accessControlRuleName', accessControlRuleName, RULE_NAME);
  }

  /** The rule name. */
  public readonly accessControlRuleName: string;

  constructor(scope: Construct, id: string, props: AccessControlRuleProps) {
    super(scope, id);
    refuseAdoption(this, props, 'WorkMail keys access control rules by name and puts this one whatever was there: there is nothing to take over');
    validateString(this, 'name', props.name, RULE_NAME);
    validateEnum(this, 'effect', props.effect, AccessEffect, 'AccessEffect');
    for (const user of [...props.users ?? [], ...props.notUsers ?? []]) {
      checkSameOrganization(this, 'users', props.organization, user);
    }
    validateString(this, 'description', props.description, ACCESS_CONTROL_RULE_DESCRIPTION);
    validateList(this, 'protocols', props.protocols, { maxItems: 10, items: 'protocols' });
    validateList(this, 'notProtocols', props.notProtocols, { maxItems: 10, items: 'protocols' });
    for (const property of ['protocols', 'notProtocols'] as const) {
      const unknown = (props[property] ?? []).find((protocol) => !Object.values(AccessProtocol).includes(protocol));
      if (unknown !== undefined) {
        throw invalid(this, property, unknown, `it must be one of ${Object.values(AccessProtocol).join(', ')} (use the AccessProtocol enum)`);
      }
    }
    validateList(this, 'ipRanges', props.ipRanges, { maxItems: 1024, items: 'IPv4 CIDR ranges' }, IPV4_CIDR);
    validateList(this, 'notIpRanges', props.notIpRanges, { maxItems: 1024, items: 'IPv4 CIDR ranges' }, IPV4_CIDR);
    const userIds = ids(props.users, (user) => user.userId);
    const notUserIds = ids(props.notUsers, (user) => user.userId);
    const roleIds = ids(props.impersonationRoles, (role) => role.impersonationRoleId);
    const notRoleIds = ids(props.notImpersonationRoles, (role) => role.impersonationRoleId);
    validateList(this, 'users', userIds, { maxItems: 10, items: 'users' });
    validateList(this, 'notUsers', notUserIds, { maxItems: 10, items: 'users' });
    validateList(this, 'impersonationRoles', roleIds, { maxItems: 10, items: 'impersonation roles' });
    validateList(this, 'notImpersonationRoles', notRoleIds, { maxItems: 10, items: 'impersonation roles' });

    this.accessControlRuleName = props.name;
    const definition: AccessControlRuleDefinition = {
      name: props.name,
      effect: props.effect,
      actions: props.protocols,
      notActions: props.notProtocols,
      ipRanges: props.ipRanges,
      notIpRanges: props.notIpRanges,
      userIds,
      notUserIds,
      impersonationRoleIds: roleIds,
      notImpersonationRoleIds: notRoleIds,
    };

    const properties = accessControlRuleProperties(props.organization.organizationId, definition, props.description ?? props.name);
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.ACCESS_CONTROL_RULE,
      organization: props.organization,
      properties,
    });
    OrganizationContext.of(props.organization).rules.accessControlRules.push({ construct: this, physicalId: resource.ref, definition });
  }
}

function ids<T>(entities: T[] | undefined, id: (entity: T) => string): string[] | undefined {
  return entities?.map(id);
}

