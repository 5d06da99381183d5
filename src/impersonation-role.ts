import { RemovalPolicy, Resource, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IImpersonationRole, IOrganization, IUser } from './interfaces';
import { AccessEffect, evaluateImpersonationRules, ImpersonationRuleDefinition } from './policy';
import { ResourceType } from './private/constants';
import { adoption, validateAdoptionById } from './private/ownership';
import { ImpersonationRoleResourceProperties, ImpersonationRuleProperties } from './private/rule-properties';
import {
  findDuplicates,
  IMPERSONATION_DESCRIPTION,
  IMPERSONATION_NAME,
  invalid,
  RULE_NAME,
  validateEnum,
  validateList,
  validateString,
} from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** What an impersonation role may do in the mailboxes it impersonates. */
export enum ImpersonationRoleType {
  /** Read and modify mailbox items. */
  FULL_ACCESS = 'FULL_ACCESS',
  /** Read mailbox items only. */
  READ_ONLY = 'READ_ONLY',
}

/** One rule of an {@link ImpersonationRole}. */
export interface ImpersonationRule {
  /** The rule id: 1-64 letters, digits, `_` or `-`, unique in the role. */
  readonly id: string;

  /**
   * The rule name.
   * @default - no name
   */
  readonly name?: string;

  /**
   * What the rule is for.
   * @default - no description
   */
  readonly description?: string;

  /** Whether the role may impersonate the users the rule matches. A matching DENY rule always wins. */
  readonly effect: AccessEffect;

  /**
   * The rule matches these users only (at most 10).
   * @default - every user
   */
  readonly targetUsers?: IUser[];

  /**
   * The rule matches users other than these only (at most 10).
   * @default - no user is excluded
   */
  readonly notTargetUsers?: IUser[];
}

/** Properties of an {@link ImpersonationRole}. */
export interface ImpersonationRoleProps {
  /** The organization the role belongs to. */
  readonly organization: IOrganization;

  /** The role name: 1-64 characters without control characters, `<`, `>` or `\`. */
  readonly name: string;

  /** What the role may do in impersonated mailboxes. */
  readonly roleType: ImpersonationRoleType;

  /**
   * What the role is for: 1-256 characters.
   * @default - no description
   */
  readonly description?: string;

  /**
   * Which users the role may impersonate (at most 10 rules). Without a matching ALLOW rule the
   * role impersonates nobody: to allow every user, add an ALLOW rule without target users.
   */
  readonly rules: ImpersonationRule[];

  /**
   * Take over the live impersonation role `impersonationRoleId`: the deployment updates it to
   * these props instead of creating a role. The adopted role stays when the construct leaves the
   * stack, unless `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * With `adoptExisting`: the id of the role to take over (WorkMail keys impersonation roles by
   * id, not by name), as the console or ListImpersonationRoles shows it.
   *
   * @default - no role is adopted
   */
  readonly impersonationRoleId?: string;

  /**
   * What happens to the role when the construct leaves the stack.
   *
   * @default - RemovalPolicy.DESTROY (it is deleted), or RETAIN with `adoptExisting`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The answer of {@link ImpersonationRole.evaluate}, as the console's "Test role" gives it. */
export interface ImpersonationRoleEvaluation {
  /** Whether the role may impersonate the user. */
  readonly effect: AccessEffect;
  /** The role type. */
  readonly roleType: ImpersonationRoleType;
  /** Ids of the rules that produced the effect. */
  readonly matchedRules: string[];
}

abstract class ImpersonationRoleBase extends Resource implements IImpersonationRole {
  public abstract readonly impersonationRoleId: string;
  public abstract readonly organization: IOrganization;

  public grantAssume(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['workmail:AssumeImpersonationRole'],
      resourceArns: [this.organization.organizationArn],
      conditions: { StringEquals: { 'workmail:ImpersonationRoleId': this.impersonationRoleId } },
    });
  }
}

/**
 * An impersonation role (`Custom::WorkMailImpersonationRole`): lets services act in users'
 * mailboxes over EWS without their credentials. Access control rules apply to it too.
 * Test it offline with `evaluate(user)`.
 */
export class ImpersonationRole extends ImpersonationRoleBase {
  /** Imports an existing impersonation role of `organization`. */
  public static fromImpersonationRoleId(scope: Construct, id: string, organization: IOrganization, impersonationRoleId: string): IImpersonationRole {
    class Import extends ImpersonationRoleBase {
      public readonly impersonationRoleId = impersonationRoleId;
      public readonly organization = organization;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'impersonationRoleId', impersonationRoleId, RULE_NAME);
    return imported;
  }

  public readonly impersonationRoleId: string;
  public readonly organization: IOrganization;

  private readonly roleType: ImpersonationRoleType;
  private readonly rules: ImpersonationRuleDefinition[];

  constructor(scope: Construct, id: string, props: ImpersonationRoleProps) {
    super(scope, id);
    validateString(this, 'name', props.name, IMPERSONATION_NAME);
    validateString(this, 'description', props.description, IMPERSONATION_DESCRIPTION);
    validateEnum(this, 'roleType', props.roleType, ImpersonationRoleType, 'ImpersonationRoleType');
    const ownership = adoption(this, props, RemovalPolicy.DESTROY);
    validateAdoptionById(this, props, {
      kind: 'impersonation role', idProperty: 'impersonationRoleId', liveId: props.impersonationRoleId, source: 'the console or ListImpersonationRoles',
    });
    if (props.rules.length > 10) {
      throw invalid(this, 'rules', `${props.rules.length} rules`, 'an impersonation role takes at most 10 rules: merge some (each lists up to 10 users)');
    }
    props.rules.forEach((rule, i) => this.validateRule(`rules[${i}]`, rule));
    const [duplicate] = findDuplicates(props.rules, (rule) => Token.isUnresolved(rule.id) ? undefined : rule.id);
    if (duplicate) {
      throw invalid(this, 'rules', duplicate.key, 'rule ids must be unique in the role: rename one');
    }

    this.organization = props.organization;
    this.roleType = props.roleType;
    this.rules = props.rules.map((rule) => ({
      impersonationRuleId: rule.id,
      name: rule.name,
      effect: rule.effect,
      targetUsers: rule.targetUsers?.map((user) => user.userId),
      notTargetUsers: rule.notTargetUsers?.map((user) => user.userId),
    }));

    const properties: ImpersonationRoleResourceProperties = {
      OrganizationId: props.organization.organizationId,
      ImpersonationRoleId: props.impersonationRoleId,
      Name: props.name,
      Type: props.roleType,
      Description: props.description,
      Rules: props.rules.map((rule, i): ImpersonationRuleProperties => ({
        ImpersonationRuleId: rule.id,
        Name: rule.name,
        Description: rule.description,
        Effect: rule.effect,
        TargetUsers: this.rules[i].targetUsers as string[] | undefined,
        NotTargetUsers: this.rules[i].notTargetUsers as string[] | undefined,
      })),
      ...ownership.properties,
    };
    const resource = WorkMailProvider.of(this).createResource(this, {
      resourceType: ResourceType.IMPERSONATION_ROLE,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
    this.impersonationRoleId = resource.getAttString('ImpersonationRoleId');
  }

  /**
   * Whether this role may impersonate `targetUser`, as the console's "Test role" answers:
   * a matching DENY rule denies, else a matching ALLOW rule allows, else impersonation is denied.
   */
  public evaluate(targetUser: IUser): ImpersonationRoleEvaluation {
    const verdict = evaluateImpersonationRules(this.rules, targetUser.userId);
    return { effect: verdict.effect, roleType: this.roleType, matchedRules: verdict.matchedRules };
  }

  private validateRule(property: string, rule: ImpersonationRule): void {
    validateString(this, `${property}.id`, rule.id, RULE_NAME);
    validateEnum(this, `${property}.effect`, rule.effect, AccessEffect, 'AccessEffect');
    validateString(this, `${property}.name`, rule.name, IMPERSONATION_NAME);
    validateString(this, `${property}.description`, rule.description, IMPERSONATION_DESCRIPTION);
    validateList(this, `${property}.targetUsers`, rule.targetUsers?.map((user) => user.userId), { maxItems: 10, items: 'users' });
    validateList(this, `${property}.notTargetUsers`, rule.notTargetUsers?.map((user) => user.userId), { maxItems: 10, items: 'users' });
  }
}
