import { CustomResource, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import type { IOrganization } from '../organization';
import { IsCompleteFunction } from './is-complete-function';
import { OnEventFunction } from './on-event-function';

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

  /** The role of the onEvent and isComplete handlers: each construct adds only what it calls. */
  public readonly grantPrincipal: iam.IPrincipal;

  private readonly role: iam.Role;
  private readonly organizationPolicies = new Map<string, OrganizationPolicy>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    this.role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-workmail custom resource handlers',
    });
    this.grantPrincipal = this.role;
    logGroup.grantWrite(this.role);

    const handlerProps = {
      role: this.role,
      logGroup,
      memorySize: 256,
      // One handler call makes a few API calls, each retried through WorkMail throttling.
      timeout: Duration.minutes(5),
    };
    const onEvent = new OnEventFunction(this, 'OnEvent', {
      ...handlerProps,
      description: 'cdk-workmail: creates, updates and deletes WorkMail resources',
    });
    const isComplete = new IsCompleteFunction(this, 'IsComplete', {
      ...handlerProps,
      description: 'cdk-workmail: waits until WorkMail resources are ready or gone',
    });

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: onEvent,
      isCompleteHandler: isComplete,
      queryInterval: Duration.seconds(15),
      // CloudFormation waits at most one hour for a custom resource.
      totalTimeout: Duration.minutes(55),
      logGroup,
    });
    this.serviceToken = provider.serviceToken;
  }

  /** Allows the handlers to make the calls a construct needs. */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }

  /**
   * Creates the custom resource of a construct that lives in an organization, allowing the
   * handlers `actions` on that organization's ARN only.
   */
  public createResource(scope: Construct, options: WorkMailResourceOptions): CustomResource {
    const resource = new CustomResource(scope, 'Resource', {
      serviceToken: this.serviceToken,
      resourceType: options.resourceType,
      properties: options.properties,
      removalPolicy: options.removalPolicy,
    });
    const policy = this.organizationPolicy(options.organization);
    policy.statement.addActions(...options.actions.filter((action) => !policy.actions.has(action)));
    options.actions.forEach((action) => policy.actions.add(action));
    // The statements must exist before the handler acts on the organization.
    resource.node.addDependency(policy.policy);
    return resource;
  }

  /**
   * One policy per organization, holding one statement whose actions grow with each construct,
   * so the role's size grows with organizations, not with resources. It is a separate policy
   * rather than a statement of the role's default policy: the handlers depend on that one, and a
   * statement naming an organization created in the stack would depend on the handlers in turn.
   */
  private organizationPolicy(organization: IOrganization): OrganizationPolicy {
    const key = Names.nodeUniqueId(organization.node);
    let entry = this.organizationPolicies.get(key);
    if (!entry) {
      const statement = new iam.PolicyStatement({ resources: [organization.organizationArn] });
      const policy = new iam.Policy(this, `Organization${key}`, { statements: [statement], roles: [this.role] });
      entry = { policy, statement, actions: new Set() };
      this.organizationPolicies.set(key, entry);
    }
    return entry;
  }
}

/** A custom resource that acts on one organization. */
export interface WorkMailResourceOptions {
  readonly resourceType: string;
  readonly organization: IOrganization;
  readonly properties: Record<string, unknown>;
  /** The WorkMail actions its handler calls, all of which take the organization ARN. */
  readonly actions: string[];
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

interface OrganizationPolicy {
  readonly policy: iam.Policy;
  readonly statement: iam.PolicyStatement;
  readonly actions: Set<string>;
}
