import { createHash } from 'crypto';
import { Annotations, CfnElement, CfnResource, CustomResource, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { HandlerFunction } from './handler-function';
import type { IOrganization } from '../interfaces';
import { OrganizationContext } from '../organization-context';
import { PROVIDER_RESOURCES_VARIABLE, ResourceType } from '../private/constants';
import { DOMAIN_SES_ACTIONS, WORKMAIL_ACTIONS } from '../private/workmail-actions';

/**
 * The one custom resource provider that every `Custom::WorkMail*` resource in a stack shares.
 *
 * It is found through the construct tree (a child of the stack with a fixed id), never through a
 * static cache, so two apps or two stacks in one process each get their own.
 */
export class WorkMailProvider extends Construct implements iam.IGrantable {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: IConstruct): WorkMailProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(WorkMailProvider.ID);
    return existing instanceof WorkMailProvider ? existing : new WorkMailProvider(stack, WorkMailProvider.ID);
  }

  private static readonly ID = 'CdkWorkMailProvider';

  /** The `ServiceToken` of the custom resources. */
  public readonly serviceToken: string;

  /** The role of the provider's functions. */
  public readonly grantPrincipal: iam.IPrincipal;

  private readonly role: iam.Role;
  /** By organization and resource type. */
  private readonly organizationPolicies = new Map<string, iam.Policy>();
  /** The policies of single resources' own statements. */
  private readonly resourcePolicies: iam.Policy[] = [];
  private readonly organizations = new Set<string>();
  private domainSesGranted = false;
  private resources = 0;

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    // One role for our handler and the framework's functions keeps the fixed cost of a stack at
    // ten resources (a role and a policy per function otherwise). The framework only adds the
    // right to invoke the handler and to start its waiter; the WorkMail statements are ours.
    this.role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.grantPrincipal = this.role;
    logGroup.grantWrite(this.role);

    // Only the framework's onEvent function, which every custom resource goes through first,
    // depends on the role's policies. The functions it calls see the role through an immutable
    // reference: a dependency on the policy, which names them, would be a cycle. The statements
    // the framework would add for them are the ones it adds for its onEvent function.
    const roleReference = iam.Role.fromRoleName(this, 'HandlerRoleReference', this.role.roleName, { mutable: false });
    const handler = new HandlerFunction(this, 'Handler', {
      role: roleReference,
      logGroup,
      memorySize: 256,
      // One handler call makes a few API calls, each retried through WorkMail throttling.
      timeout: Duration.minutes(5),
    });
    // How many resources may call WorkMail at once: the handlers spread their retries by it.
    handler.addEnvironment(PROVIDER_RESOURCES_VARIABLE, Lazy.string({ produce: () => String(this.resources) }));

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handler,
      isCompleteHandler: handler,
      frameworkOnEventRole: this.role,
      frameworkCompleteAndTimeoutRole: roleReference,
      queryInterval: Duration.seconds(15),
      // CloudFormation waits at most one hour for a custom resource.
      totalTimeout: Duration.minutes(55),
      logGroup,
    });
    this.shortenTemplate(provider, handler);
    this.serviceToken = provider.serviceToken;
    this.node.addValidation({ validate: () => this.warnOfRolePolicySize() });
  }

  /**
   * Every stack with a WorkMail resource carries the provider, so its template bytes weigh on
   * small stacks (bench/RESULTS.md). Short logical ids instead of construct paths: the framework's
   * onEvent function keeps its own, since its ARN is the resources' `ServiceToken`, which
   * CloudFormation refuses to change, and so do the role and its default policy, which hold the
   * permissions while a deployment moves to the new ids (the log group, retained, stays too).
   */
  private shortenTemplate(provider: cr.Provider, handler: HandlerFunction): void {
    const framework = (id: string) => provider.node.findChild(id);
    const [onEvent, isComplete, onTimeout] = ['framework-onEvent', 'framework-isComplete', 'framework-onTimeout'].map(framework);
    const waiter = framework('waiter-state-machine');
    const waiterRole = waiter.node.findChild('Role');
    shortLogicalId(handler, 'WorkMailHandler');
    shortLogicalId(isComplete, 'WorkMailIsComplete');
    shortLogicalId(onTimeout, 'WorkMailOnTimeout');
    shortLogicalId(waiter, 'WorkMailWaiter');
    shortLogicalId(waiterRole, 'WorkMailWaiterRole');
    shortLogicalId(waiterRole.node.findChild('DefaultPolicy'), 'WorkMailWaiterPolicy');

    const cfn = (construct: IConstruct) => construct.node.defaultChild as CfnResource;
    // Our handler's name says what it is; the SDK v3 reuses connections whatever this (SDK v2)
    // variable says. The framework describes its functions by construct path.
    cfn(handler).addPropertyDeletionOverride('Description');
    cfn(handler).addPropertyDeletionOverride('Environment.Variables.AWS_NODEJS_CONNECTION_REUSE_ENABLED');
    [onEvent, isComplete, onTimeout].forEach((fn) => cfn(fn).addPropertyDeletionOverride('Description'));
    // The framework gives its three functions both of our handler's ARNs. Its isComplete reads
    // only the isComplete ARN, its onTimeout neither (test/provider.test.ts runs them so).
    cfn(isComplete).addPropertyDeletionOverride('Environment.Variables.USER_ON_EVENT_FUNCTION_ARN');
    cfn(onTimeout).addPropertyDeletionOverride('Environment');
    // The role's ARN, where the immutable reference builds the same value from its name.
    [handler, isComplete, onTimeout].forEach((fn) => cfn(fn).addPropertyOverride('Role', this.role.roleArn));
    // Each depends on its role, which its properties name already, and on the role's policy.
    dependsOnWithout(cfn(onEvent), cfn(this.role));
    dependsOnWithout(cfn(waiter), cfn(waiterRole));
  }

  /** Allows the handlers to make the calls a construct needs. */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }

  /**
   * Creates the custom resource of a construct that lives in an organization, allowing the
   * handlers the WorkMail actions of its resource type on that organization's ARN only.
   */
  public createResource<P extends object>(scope: Construct, options: WorkMailResourceOptions<P>): CustomResource {
    const resource = new CustomResource(scope, 'Resource', {
      serviceToken: this.serviceToken,
      resourceType: options.resourceType,
      properties: options.properties as Record<string, unknown>,
      removalPolicy: options.removalPolicy,
    });
    this.resources++;
    // The statements must exist before the handler acts on the organization, and stay until the
    // resource is deleted: CloudFormation deletes a resource before what it depends on.
    resource.node.addDependency(this.organizationPolicy(options.organization, options.resourceType));
    if (options.statements && options.statements.length > 0) {
      resource.node.addDependency(this.resourcePolicy(scope, options.statements));
    }
    return resource;
  }

  /**
   * The statements of one resource (its role to pass, its bucket, key, state machine) in a policy
   * of its own, deleted after it. In its type's shared policy they would leave that policy when the
   * resource leaves the stack, and CloudFormation updates the shared policy before it deletes the
   * resource: its Delete would be refused.
   */
  private resourcePolicy(scope: Construct, statements: iam.PolicyStatement[]): iam.Policy {
    const policy = new iam.Policy(scope, 'HandlerPolicy', { statements, roles: [this.role] });
    this.resourcePolicies.push(policy);
    return policy;
  }

  /**
   * IAM refuses more than 10,240 characters of inline policy on one role, and says so only when
   * CloudFormation attaches the policy that crosses the line, mid-deployment. The size is measured
   * on the template, where ARNs are still intrinsic functions, so it is an estimate: a warning.
   */
  private warnOfRolePolicySize(): string[] {
    const policies = [this.role.node.tryFindChild('DefaultPolicy'), ...this.organizationPolicies.values(), ...this.resourcePolicies];
    const characters = policies
      .filter((policy): policy is iam.Policy => policy instanceof iam.Policy)
      .map((policy) => JSON.stringify(Stack.of(this).resolve(policy.document.toJSON())).length)
      .reduce((sum, size) => sum + size, 0);
    if (characters > ROLE_INLINE_POLICY_LIMIT) {
      Annotations.of(this).addWarningV2('cdk-workmail:provider-role-policy-size',
        `the WorkMail handlers' role needs about ${characters} characters of inline policy for the ${this.organizations.size} `
        + `organization(s) in this stack, over IAM's ${ROLE_INLINE_POLICY_LIMIT}: the deployment will fail when IAM refuses a policy. `
        + 'Manage fewer organizations, or fewer kinds of WorkMail resources, per stack.');
    }
    return [];
  }

  /**
   * One policy per organization and resource type, holding every action that type's handler
   * calls, whatever the resource's properties. A stack pays only for the types it holds, and a
   * policy never shrinks while a resource of its type remains: CloudFormation updates policies
   * before it deletes the resources that left the stack, so a policy of the whole organization
   * that followed the app would refuse the Delete of the last access control rule, group, ...
   * (and CloudFormation, which ignores failures of that cleanup, would leave it in WorkMail).
   * When the last resource of a type leaves, its policy leaves too, deleted after it. It is a
   * separate policy rather than a statement of the role's default policy: the handlers depend on
   * that one, and a statement naming an organization created in the stack would depend on the
   * handlers in turn.
   */
  private organizationPolicy(organization: IOrganization, resourceType: string): iam.Policy {
    // Imports of one organization id share its context, so they share its policies.
    const organizationKey = OrganizationContext.of(organization).uniqueId;
    const key = `${organizationKey} ${resourceType}`;
    let policy = this.organizationPolicies.get(key);
    if (!policy) {
      const hash = shortHash(key);
      policy = new iam.Policy(this, `Organization${hash}`, {
        statements: resourceTypeStatements(this, resourceType, organization),
        roles: [this.role],
      });
      // Every resource names its policy in its DependsOn, so the policy's logical id is short: the
      // type and a hash of the organization context's unique id and the type (18 characters for
      // users, where the construct path made 47).
      shortLogicalId(policy, `${resourceType.replace(/^Custom::WorkMail/, 'WorkMail')}${hash}`);
      this.organizationPolicies.set(key, policy);
      this.organizations.add(organizationKey);
    }
    return policy;
  }

  /**
   * The SES calls WorkMail makes with the caller's permissions when it creates or deletes an
   * organization with its test domain, which the organization handler needs. Granted once, in the
   * role's default policy. Domains hold them in their own policy too: removing a retained
   * organization with its domains updates the default policy before CloudFormation deletes the
   * domains, while the domains' policy is deleted after them.
   */
  public grantDomainSes(): void {
    if (this.domainSesGranted) {
      return;
    }
    this.domainSesGranted = true;
    domainSesStatements(this).forEach((statement) => this.addToRolePolicy(statement));
  }
}

/**
 * The statements a resource type's handler needs on one organization: its WorkMail actions on
 * the organization's ARN and, for a domain, the SES calls of registration.
 */
function resourceTypeStatements(scope: Construct, resourceType: string, organization: IOrganization): iam.PolicyStatement[] {
  const actions = WORKMAIL_ACTIONS[resourceType] ?? [];
  return [
    ...actions.length > 0 ? [new iam.PolicyStatement({ actions: [...actions].sort(), resources: [organization.organizationArn] })] : [],
    ...resourceType === ResourceType.DOMAIN ? domainSesStatements(scope) : [],
  ];
}

/**
 * The SES calls of domain registration: the domain handler's, and those WorkMail makes with the
 * caller's permissions when it registers or deregisters a domain.
 */
function domainSesStatements(scope: Construct): iam.PolicyStatement[] {
  return [
    // These SES actions take no resource-level scoping that WorkMail's calls are known to satisfy.
    new iam.PolicyStatement({ actions: [...DOMAIN_SES_ACTIONS], resources: ['*'] }),
    // Any identity of the account and region: the Delete of a removed domain, which no longer
    // names its domain, clears that identity's MAIL FROM domain.
    new iam.PolicyStatement({
      actions: ['ses:SetIdentityMailFromDomain'],
      resources: [Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
    }),
  ];
}

/** A custom resource that acts on one organization, with its properties' wire contract `P`. */
export interface WorkMailResourceOptions<P> {
  readonly resourceType: string;
  readonly organization: IOrganization;
  readonly properties: P;
  /**
   * Further statements the handler needs for this resource (for example `iam:PassRole` on a role
   * that trusts the organization). They go into a policy of the resource's own, which it waits
   * for and which CloudFormation deletes after it; unlike `addToRolePolicy` they may name
   * resources that depend on the organization.
   * @default - none
   */
  readonly statements?: iam.PolicyStatement[];
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

/** IAM's limit on all inline policies of one role together, whitespace aside. */
const ROLE_INLINE_POLICY_LIMIT = 10_240;

/**
 * Gives a resource of the provider a short logical id instead of one made of its construct path:
 * templates name the provider's resources many times (its users once each).
 */
function shortLogicalId(construct: IConstruct, logicalId: string): void {
  (construct.node.defaultChild as CfnElement).overrideLogicalId(logicalId);
}

/** Leaves out of a resource's `DependsOn` a resource its properties reference (an implied dependency). */
function dependsOnWithout(resource: CfnResource, referenced: CfnResource): void {
  resource.addOverride('DependsOn', Lazy.list({
    produce: () => resource.obtainDependencies()
      .filter((dependency) => dependency !== referenced)
      .map((dependency) => (dependency as CfnElement).logicalId),
  }));
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Six letters and digits of a SHA-256 (35 bits, more than eight hexadecimal digits hold). */
function shortHash(text: string): string {
  let value = BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 12)}`);
  let hash = '';
  for (let i = 0; i < 6; i++) {
    hash += ALPHANUMERIC[Number(value % 62n)];
    value /= 62n;
  }
  return hash;
}
