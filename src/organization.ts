import {
  Annotations,
  Arn,
  ArnFormat,
  CustomResource,
  Duration,
  ITaggable,
  Lazy,
  RemovalPolicy,
  Resource,
  Stack,
  TagManager,
  TagType,
  Token,
} from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { DefaultRuleRemoval } from './default-rule-removal';
import { Domain } from './domain';
import { simulateEmailFlow } from './email-flow/simulate';
import {
  AccessControlEvaluation,
  AccessControlRequest,
  DomainOptions,
  EmailFlowDecision,
  EmailFlowMessage,
  IDomain,
  IOrganization,
  MobileDevice,
  MobileDeviceAccessEvaluation,
  RemoveDefaultRuleOptions,
} from './interfaces';
import { OrganizationContext, WorkMailAppContext } from './organization-context';
import { InboundDmarc } from './organization-settings';
import { evaluateAccessControlRules, evaluateMobileDeviceAccessRules } from './policy';
import { OWNER_TAG_PREFIX, ResourceType, WORKMAIL_REGIONS } from './private/constants';
import { checkSameEnvironment } from './private/environment';
import { awsManagedKeyName } from './private/kms-keys';
import { OrganizationResourceProperties } from './private/organization-properties';
import { refuseAdoption } from './private/ownership';
import { DefaultRuleKind } from './private/rule-properties';
import { DIRECTORY_ID, invalid, ORGANIZATION_ALIAS, ORGANIZATION_ID, validateString } from './private/validation';
import { ORGANIZATION_SES_ACTIONS } from './private/workmail-actions';
import { WorkMailProvider } from './provider/workmail-provider';
import { RetentionPolicy, RetentionPolicyOptions } from './retention-policy';

// The interface lives in the interface module; modules that import it from here still find it.
export type { IOrganization } from './interfaces';

/** Properties of an {@link Organization}. */
export interface OrganizationProps {
  /**
   * The organization alias: 1-62 letters or digits with single hyphens between them, not
   * starting with `d-`. It is global across AWS, becomes the test mail domain
   * `<alias>.awsapps.com` and cannot be changed after creation.
   */
  readonly alias: string;

  /**
   * A symmetric customer managed KMS key to encrypt the organization's mail. Fixed at creation.
   * The handler checks it with `kms:DescribeKey` before creating anything.
   *
   * @default - WorkMail's AWS managed key `aws/workmail`
   */
  readonly kmsKey?: kms.IKey;

  /**
   * An existing AWS Directory Service directory (`d-` + 10 hexadecimal digits) for the users.
   * The alias must then equal the directory's alias. Fixed at creation.
   *
   * @default - WorkMail creates a directory of its own
   */
  readonly directoryId?: string;

  /**
   * Interoperability between WorkMail and Microsoft Exchange; needs an AD Connector
   * `directoryId`. Fixed at creation.
   *
   * @default false
   */
  readonly enableInteroperability?: boolean;

  /**
   * What happens to the organization when it leaves the stack. Deleting an organization
   * deletes every mailbox in it, irreversibly.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * With `RemovalPolicy.DESTROY`: also delete the directory.
   *
   * @default - true when WorkMail created the directory (a kept WorkMail directory is of no use
   * and may be billed), false when you passed `directoryId`
   */
  readonly deleteDirectory?: boolean;

  /**
   * With `RemovalPolicy.DESTROY`: delete the organization even if it has enabled users.
   *
   * @default false - deletion fails while users are enabled
   */
  readonly forceDelete?: boolean;

  /**
   * Tags for the organization (at most 49: cdk-workmail uses one of WorkMail's 50 for the KMS key,
   * and constructs that record ownership take more from what is left; keys starting with
   * `cdk-workmail:` are reserved).
   * `Tags.of(scope).add()` reaches the organization too.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The organization's retention policy: per folder, what happens to items after how many days.
   * It applies to every mailbox; users cannot override it. For an imported organization, use
   * the {@link RetentionPolicy} construct.
   *
   * @default - the organization's retention policy is not managed by this stack
   */
  readonly retentionPolicy?: RetentionPolicyOptions;

  /**
   * Whether WorkMail enforces the DMARC policy of the sender's domain on inbound mail.
   *
   * Warning (Administrator Guide, "Enforcing DMARC policies on incoming email"): turning on
   * DMARC enforcement may result in inbound emails being dropped or quarantined based on the
   * sender's domain configuration; if a sender misconfigures their domain, your users might stop
   * receiving legitimate email. Turn on email event logging to find mail filtered out by DMARC.
   * Removing the prop (or the organization from the stack) turns enforcement back on, WorkMail's
   * default for new organizations.
   *
   * @default - the organization's setting is not managed by this stack (new organizations enforce DMARC)
   */
  readonly dmarcEnforcement?: boolean;
}

/** Attributes to import an existing organization with {@link Organization.fromOrganizationAttributes}. */
export interface OrganizationAttributes {
  /** The organization id, `m-` followed by 32 hexadecimal digits. */
  readonly organizationId: string;

  /**
   * The organization alias.
   * @default - unknown: reading `alias` or `defaultMailDomain` throws
   */
  readonly alias?: string;

  /**
   * The default mail domain.
   * @default - `<alias>.awsapps.com`, the test domain
   */
  readonly defaultMailDomain?: string;
}

/** The metrics WorkMail publishes in the `AWS/WorkMail` namespace. */
abstract class OrganizationBase extends Resource implements IOrganization {
  public abstract readonly organizationId: string;
  public abstract readonly organizationArn: string;
  public abstract readonly alias: string;
  public abstract readonly defaultMailDomain: string;

  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.organizationArn] });
  }

  /** Registers a mail domain in this organization (see {@link Domain}). */
  public addDomain(id: string, options: DomainOptions): IDomain {
    return new Domain(this, id, { ...options, organization: this });
  }

  /**
   * A metric of this organization. Every WorkMail metric is a count per event, so the default
   * statistic is `Sum` over 5 minutes.
   */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/WorkMail',
      metricName,
      dimensionsMap: { OrganizationId: this.organizationId },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
    }).attachTo(this);
  }

  /**
   * The decision of this organization's email flow rules for each recipient of `message`, as the
   * console's "Test configuration" gives it: the same code as the rule engine, at synth time.
   */
  public evaluateEmailFlow(message: EmailFlowMessage): EmailFlowDecision[] {
    return simulateEmailFlow(this, message);
  }

  /** Emails received by the organization (one per message, whatever the number of recipients). */
  public metricOrganizationEmailReceived(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('OrganizationEmailReceived', props);
  }

  /** Emails delivered to individual mailboxes (one per recipient). */
  public metricMailboxEmailDelivered(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('MailboxEmailDelivered', props);
  }

  /** Incoming emails bounced because a mailbox was full (one per recipient). */
  public metricIncomingEmailBounced(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('IncomingEmailBounced', props);
  }

  /** Outgoing emails that could not be delivered (one per recipient). */
  public metricOutgoingEmailBounced(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('OutgoingEmailBounced', props);
  }

  /** Emails sent successfully (one per recipient). */
  public metricOutgoingEmailSent(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('OutgoingEmailSent', props);
  }

  /** Failed authentication attempts (`Sum`); use `SampleCount` for all attempts. */
  public metricAuthenticationFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('AuthenticationFailure', props);
  }

  /** Actions denied by access control rules (`Sum`); use `SampleCount` for all evaluations. */
  public metricAccessDenied(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('AccessDenied', props);
  }

  /** Denied actions on mailbox data (`Sum`); use `SampleCount` for all attempted actions. */
  public metricActionDenied(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ActionDenied', props);
  }

  /** Availability provider requests to external calendars that failed. */
  public metricAvailabilityProviderFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('AvailabilityProviderFailure', props);
  }

  /**
   * Removes the built-in `default` access control rule, which allows every user and
   * impersonation role over every protocol from everywhere. It is removed after this app's
   * access control rules exist, and put back when this removal leaves the stack. To replace the
   * default rule instead, name one of your rules `default`.
   */
  public removeDefaultAccessControlRule(options: RemoveDefaultRuleOptions = {}): void {
    const registry = OrganizationContext.of(this).rules;
    const previous = registry.defaultAccessControlRuleRemoval;
    if (previous) {
      throw new Error(`${this.node.path}: the default access control rule of this organization is already removed by ${previous.construct.node.path}: remove it once.`);
    }
    const removal = new DefaultRuleRemoval(this, 'DefaultAccessControlRuleRemoval', {
      organization: this,
      kind: DefaultRuleKind.ACCESS_CONTROL,
      stackRules: () => registry.accessControlRules,
    });
    registry.defaultAccessControlRuleRemoval = { construct: removal, acceptBlockingAllAccess: options.acceptBlockingAllAccess ?? false };
  }

  /**
   * Removes the built-in allow-all mobile device access rule (every ALLOW rule without
   * conditions that this app did not define), after this app's mobile device access rules
   * exist; an allow-all rule is put back when this removal leaves the stack.
   */
  public removeDefaultMobileDeviceAccessRule(options: RemoveDefaultRuleOptions = {}): void {
    const registry = OrganizationContext.of(this).rules;
    const previous = registry.defaultMobileDeviceAccessRuleRemoval;
    if (previous) {
      throw new Error(`${this.node.path}: the default mobile device access rule of this organization is already removed by ${previous.construct.node.path}: remove it once.`);
    }
    const removal = new DefaultRuleRemoval(this, 'DefaultMobileDeviceAccessRuleRemoval', {
      organization: this,
      kind: DefaultRuleKind.MOBILE_DEVICE_ACCESS,
      stackRules: () => registry.mobileDeviceAccessRules,
    });
    registry.defaultMobileDeviceAccessRuleRemoval = { construct: removal, acceptBlockingAllAccess: options.acceptBlockingAllAccess ?? false };
  }

  /**
   * Answers as the console's "Test rules" (GetAccessControlEffect) would, from the access
   * control rules this app defines for the organization plus its built-in `default` rule
   * (unless removed or replaced). Rules created outside this app are not known here.
   */
  public evaluateAccessControl(request: AccessControlRequest): AccessControlEvaluation {
    const rules = OrganizationContext.of(this).rules.effectiveAccessControlRules();
    for (const rule of rules) {
      requireKnown(this, `access control rule ${rule.name}`, [...rule.ipRanges ?? [], ...rule.notIpRanges ?? []]);
    }
    try {
      return evaluateAccessControlRules(rules, {
        action: request.protocol,
        ipAddress: request.ipAddress,
        userId: request.user?.userId,
        impersonationRoleId: request.impersonationRole?.impersonationRoleId,
      });
    } catch (error) {
      throw new Error(`${this.node.path}: cannot evaluate access control: ${(error as Error).message}.`);
    }
  }

  /**
   * Answers as GetMobileDeviceAccessEffect would, from the mobile device access rules this app
   * defines plus the built-in allow-all rule (unless removed); with `user` and `deviceId`, an
   * override this app defines for them decides.
   */
  public evaluateMobileDeviceAccess(device: MobileDevice): MobileDeviceAccessEvaluation {
    const registry = OrganizationContext.of(this).rules;
    const rules = registry.effectiveMobileDeviceAccessRules();
    for (const rule of rules) {
      const { name, effect, ...conditions } = rule;
      requireKnown(this, `mobile device access rule ${name}`, Object.values(conditions).flatMap((values) => values ?? []));
    }
    return evaluateMobileDeviceAccessRules(rules, registry.overrides.map((o) => o.definition), {
      ...device,
      userId: device.user?.userId,
    });
  }
}

/** The evaluators compare values: values known only at deploy time cannot be compared. */
function requireKnown(scope: Construct, what: string, values: readonly string[]): void {
  if (values.some((value) => Token.isUnresolved(value))) {
    throw new Error(`${scope.node.path}: cannot evaluate ${what} at synth time: some of its condition values are known only at deploy time.`);
  }
}

/**
 * An Amazon WorkMail organization (`Custom::WorkMailOrganization`).
 *
 * Creation waits until the organization is Active and its test domain `<alias>.awsapps.com`
 * can carry mail. Alias, KMS key, directory and interoperability are fixed at creation: an
 * update that changes them fails with an explanation and never replaces the organization.
 * By default the organization is retained when it leaves the stack.
 */
export class Organization extends OrganizationBase implements ITaggable {
  /** Imports an existing organization by id. */
  public static fromOrganizationId(scope: Construct, id: string, organizationId: string): IOrganization {
    return Organization.fromOrganizationAttributes(scope, id, { organizationId });
  }

  /**
   * Imports an existing organization by ARN (`arn:aws:workmail:<region>:<account>:organization/<id>`),
   * as the console and `ListOrganizations` show it.
   */
  public static fromOrganizationArn(scope: Construct, id: string, organizationArn: string): IOrganization {
    if (Token.isUnresolved(organizationArn)) {
      throw invalid(scope, 'organizationArn', organizationArn,
        'the organization id is read from the ARN at synth, so pass the ARN as a literal, or use fromOrganizationId');
    }
    const parts = Arn.split(organizationArn, ArnFormat.SLASH_RESOURCE_NAME);
    if (parts.service !== 'workmail' || parts.resource !== 'organization' || parts.resourceName === undefined) {
      throw invalid(scope, 'organizationArn', organizationArn,
        'it must be a WorkMail organization ARN such as arn:aws:workmail:us-east-1:123456789012:organization/m-0123456789abcdef0123456789abcdef');
    }
    const imported = Organization.fromOrganizationAttributes(scope, id, { organizationId: parts.resourceName });
    checkSameEnvironment(imported, 'organizationArn', imported, organizationArn,
      'the stack manages WorkMail in its own account and region');
    return imported;
  }

  /** Imports an existing organization. */
  public static fromOrganizationAttributes(scope: Construct, id: string, attrs: OrganizationAttributes): IOrganization {
    class Import extends OrganizationBase {
      public readonly organizationId = attrs.organizationId;
      public readonly organizationArn = Stack.of(scope).formatArn({
        service: 'workmail',
        resource: 'organization',
        resourceName: attrs.organizationId,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });

      public get alias(): string {
        if (attrs.alias === undefined) {
          throw new Error(`${this.node.path}: the alias of imported organization ${attrs.organizationId} is unknown: pass alias to Organization.fromOrganizationAttributes.`);
        }
        return attrs.alias;
      }

      public get defaultMailDomain(): string {
        return attrs.defaultMailDomain ?? `${this.alias}.awsapps.com`;
      }
    }
    const imported = new Import(scope, id);
    validateString(imported, 'organizationId', attrs.organizationId, ORGANIZATION_ID);
    validateString(imported, 'alias', attrs.alias, ORGANIZATION_ALIAS);
    checkRegion(imported);
    // Imports of one id share the organization's rules, domains, names and settings.
    OrganizationContext.of(imported);
    return imported;
  }

  public readonly organizationId: string;
  public readonly organizationArn: string;
  public readonly alias: string;
  public readonly defaultMailDomain: string;

  /** The organization's tags; `Tags.of(scope).add()` adds to them. */
  public readonly tags: TagManager;

  private readonly resource: CustomResource;
  private readonly provider: WorkMailProvider;
  private readonly props: OrganizationProps;
  private removalPolicy: RemovalPolicy;
  private directoryDeletionGranted = false;

  constructor(scope: Construct, id: string, props: OrganizationProps) {
    super(scope, id);
    refuseAdoption(this, props, 'an Organization creates an organization: import an existing one with Organization.fromOrganizationId');
    validateString(this, 'alias', props.alias, ORGANIZATION_ALIAS);
    validateString(this, 'directoryId', props.directoryId, DIRECTORY_ID);
    if (props.enableInteroperability && props.directoryId === undefined) {
      throw invalid(this, 'enableInteroperability', true,
        'interoperability with Microsoft Exchange needs an AD Connector directory: pass its directoryId, or drop enableInteroperability');
    }
    checkRegion(this);
    if (props.kmsKey) {
      validateKey(this, props.kmsKey);
    }
    WorkMailAppContext.of(this).claimAlias(this, props.alias);

    this.tags = new TagManager(TagType.KEY_VALUE, ResourceType.ORGANIZATION, props.tags);
    this.node.addValidation({ validate: () => validateTags(this.tags.tagValues()) });
    this.node.addValidation({ validate: () => this.validateDeletionOptions() });

    this.props = props;
    this.provider = WorkMailProvider.of(this);
    grantOrganizationLifecycle(this.provider, props);

    const properties: OrganizationResourceProperties = {
      Alias: props.alias,
      KmsKeyArn: props.kmsKey?.keyArn,
      DirectoryId: props.directoryId,
      EnableInteroperability: props.enableInteroperability?.toString(),
      DeleteDirectory: props.deleteDirectory?.toString(),
      ForceDelete: props.forceDelete?.toString(),
      Tags: Lazy.any({ produce: () => this.tags.renderTags() }) as any,
    };
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: ResourceType.ORGANIZATION,
      properties,
      removalPolicy: this.removalPolicy,
    });
    this.grantDirectoryDeletion();

    this.organizationId = this.resource.ref;
    this.organizationArn = this.resource.getAttString('OrganizationArn');
    this.alias = props.alias;
    this.defaultMailDomain = this.resource.getAttString('DefaultMailDomain');
    OrganizationContext.of(this).created = { alias: props.alias };
    if (props.retentionPolicy) {
      new RetentionPolicy(this, 'RetentionPolicy', { organization: this, ...props.retentionPolicy });
    }
    if (props.dmarcEnforcement !== undefined) {
      new InboundDmarc(this, 'InboundDmarc', { organization: this, enforced: props.dmarcEnforcement });
    }
  }

  /** Sets what happens to the organization when it leaves the stack (default RETAIN). */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.resource.applyRemovalPolicy(policy);
    this.removalPolicy = policy;
    this.grantDirectoryDeletion();
  }

  /**
   * `ds:DeleteDirectory` only when the organization's removal deletes its directory: with DESTROY
   * and `deleteDirectory` (the default for a directory WorkMail created), on this account's
   * directories (the one passed, if any).
   */
  private grantDirectoryDeletion(): void {
    const deletesDirectory = this.props.deleteDirectory ?? this.props.directoryId === undefined;
    if (this.directoryDeletionGranted || this.removalPolicy !== RemovalPolicy.DESTROY || !deletesDirectory) {
      return;
    }
    this.directoryDeletionGranted = true;
    this.provider.addToRolePolicy(new iam.PolicyStatement({
      actions: ['ds:DeleteDirectory'],
      resources: [Stack.of(this).formatArn({ service: 'ds', resource: 'directory', resourceName: this.props.directoryId ?? '*' })],
    }));
  }

  /** `deleteDirectory` and `forceDelete` act only when the organization is deleted. */
  private validateDeletionOptions(): string[] {
    if (this.removalPolicy === RemovalPolicy.DESTROY) {
      return [];
    }
    return (['deleteDirectory', 'forceDelete'] as const)
      .filter((option) => this.props[option] !== undefined)
      .map((option) => invalid(this, option, this.props[option],
        `it applies only when the organization is deleted, and its removal policy is ${this.removalPolicy}: drop ${option}, or set removalPolicy: RemovalPolicy.DESTROY`).message);
  }
}

/**
 * WorkMail takes a symmetric encryption key of the organization's region; the AWS managed key
 * is what it uses without `kmsKey`. What synth knows is checked here, the rest by the handler.
 */
function validateKey(organization: Organization, key: kms.IKey): void {
  const managed = awsManagedKeyName(key);
  if (managed !== undefined) {
    throw invalid(organization, 'kmsKey', managed,
      'an AWS managed key cannot be given to WorkMail, which uses its own (aws/workmail) when kmsKey is omitted: omit kmsKey, or pass a customer managed key');
  }
  const cfnKey = key.node.defaultChild;
  const keySpec = cfnKey instanceof kms.CfnKey ? cfnKey.keySpec : undefined;
  if (typeof keySpec === 'string' && !Token.isUnresolved(keySpec) && keySpec !== kms.KeySpec.SYMMETRIC_DEFAULT) {
    throw invalid(organization, 'kmsKey', keySpec,
      'WorkMail encrypts mail with a symmetric encryption key only: create the key with keySpec KeySpec.SYMMETRIC_DEFAULT (the default)');
  }
  checkSameEnvironment(organization, 'kmsKey', key, key.keyArn, 'WorkMail encrypts with a key of the organization\'s account and region');
}

/** WorkMail has an API only in three regions: refuse others, warn when the region is unknown. */
function checkRegion(scope: Construct): void {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) {
    Annotations.of(scope).addWarningV2('cdk-workmail:region',
      `WorkMail has an API only in ${WORKMAIL_REGIONS.join(', ')}: this stack is environment-agnostic, so deploy it to one of them (or set env.region).`);
  } else if (!WORKMAIL_REGIONS.includes(region)) {
    throw invalid(scope, 'stack region', region, `WorkMail has an API only in ${WORKMAIL_REGIONS.join(', ')}: deploy the stack to one of them`);
  }
}

function validateTags(tags: Record<string, string>): string[] {
  const errors: string[] = [];
  const keys = Object.keys(tags);
  if (keys.length > 49) {
    errors.push(`an organization takes at most 49 tags (WorkMail allows 50 and cdk-workmail uses one), got ${keys.length}: remove some`);
  }
  for (const [key, value] of Object.entries(tags)) {
    if (Token.isUnresolved(key) || Token.isUnresolved(value)) {
      continue;
    }
    if ([...key].length < 1 || [...key].length > 128) {
      errors.push(`tag key ${JSON.stringify(key)} must be 1-128 characters long`);
    }
    if ([...value].length > 256) {
      errors.push(`tag ${key} has a value longer than 256 characters: shorten it`);
    }
    if (key.startsWith('aws:') || key.startsWith(OWNER_TAG_PREFIX)) {
      errors.push(`tag key ${key} is reserved (aws: prefix, or ${OWNER_TAG_PREFIX} where cdk-workmail records the KMS key and what each stack owns): choose another key`);
    }
  }
  return errors;
}

/** The calls the organization handler makes, scoped as tightly as each action allows. */
function grantOrganizationLifecycle(provider: WorkMailProvider, props: OrganizationProps): void {
  const stack = Stack.of(provider);
  // The organization ARN is only known after creation, so per-organization actions are scoped to
  // this account's organizations in this region (a statement naming the ARN would depend on the
  // resource it serves).
  provider.addToRolePolicy(new iam.PolicyStatement({
    actions: [
      'workmail:DescribeOrganization',
      'workmail:DeleteOrganization',
      'workmail:GetMailDomain',
      'workmail:TagResource',
      'workmail:UntagResource',
      'workmail:ListTagsForResource',
    ],
    resources: [stack.formatArn({ service: 'workmail', resource: 'organization', resourceName: '*' })],
  }));
  // These take no resource: CreateOrganization makes the ARN, ListOrganizations names the
  // owner of a taken alias.
  provider.addToRolePolicy(new iam.PolicyStatement({
    actions: ['workmail:CreateOrganization', 'workmail:ListOrganizations'],
    resources: ['*'],
  }));
  // WorkMail sets up (and on delete tears down) the directory and the SES identities and
  // receipt rules with the caller's credentials. None of these actions takes a resource ARN.
  // The SES calls it shares with domain registration are the provider's, granted once.
  provider.grantDomainSes();
  provider.addToRolePolicy(new iam.PolicyStatement({
    actions: [
      'ds:AuthorizeApplication',
      'ds:CheckAlias',
      'ds:CreateAlias',
      'ds:CreateIdentityPoolDirectory',
      'ds:DescribeDirectories',
      'ds:GetDirectoryLimits',
      'ds:ListAuthorizedApplications',
      'ds:UnauthorizeApplication',
      ...ORGANIZATION_SES_ACTIONS,
    ],
    resources: ['*'],
  }));
  if (props.kmsKey) {
    grantKeyUse(provider, props.kmsKey, stack.region);
  }
}

/**
 * The handler describes the key itself; WorkMail creates grants and encrypts with the caller's
 * permissions, which `kms:ViaService` limits to requests that come through WorkMail.
 */
function grantKeyUse(provider: WorkMailProvider, key: kms.IKey, region: string): void {
  iam.Grant.addToPrincipalOrResource({
    grantee: provider,
    actions: ['kms:DescribeKey'],
    resourceArns: [key.keyArn],
    resource: key,
  });
  iam.Grant.addToPrincipalOrResource({
    grantee: provider,
    actions: ['kms:CreateGrant', 'kms:Encrypt', 'kms:Decrypt'],
    resourceArns: [key.keyArn],
    resource: key,
    conditions: { StringEquals: { 'kms:ViaService': `workmail.${region}.amazonaws.com` } },
  });
}
