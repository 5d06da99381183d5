/**
 * The interfaces of the organization and of what lives in it, with the types their methods take.
 * This module imports no construct of the library: every construct module can depend on it, and
 * `organization.ts` (which builds children) can import the constructs without an import cycle.
 */
import { Duration, IResource as ICdkResource, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { FlowActionType, FlowDirection } from './email-flow/flow-action';
import { IMailEntity } from './mail-entity';
import { AccessEffect, AccessProtocol } from './policy';

/** A WorkMail organization, created by this stack or imported. */
export interface IOrganization extends ICdkResource {
  /**
   * The organization id, `m-` followed by 32 hexadecimal digits.
   * @attribute
   */
  readonly organizationId: string;

  /**
   * The organization ARN.
   * @attribute
   */
  readonly organizationArn: string;

  /**
   * The organization alias; its test mail domain is `<alias>.awsapps.com`.
   * @attribute
   */
  readonly alias: string;

  /**
   * The organization's default mail domain.
   * @attribute
   */
  readonly defaultMailDomain: string;

  /** Grants `actions` (for example `workmail:DescribeOrganization`) on this organization to `grantee`. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;

  /** A metric of this organization in the `AWS/WorkMail` namespace. */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  // The `AWS/WorkMail` metrics the Administrator Guide lists, as `Sum` over 5 minutes by default.

  /** Emails received by the organization (one per message, whatever the number of recipients). */
  metricOrganizationEmailReceived(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Emails delivered to individual mailboxes (one per recipient). */
  metricMailboxEmailDelivered(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Incoming emails bounced because a mailbox was full (one per recipient). */
  metricIncomingEmailBounced(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Outgoing emails that could not be delivered (one per recipient). */
  metricOutgoingEmailBounced(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Emails sent successfully (one per recipient). */
  metricOutgoingEmailSent(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Failed authentication attempts (`Sum`); use `SampleCount` for all attempts. */
  metricAuthenticationFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Actions denied by access control rules (`Sum`); use `SampleCount` for all evaluations. */
  metricAccessDenied(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Denied actions on mailbox data (`Sum`); use `SampleCount` for all attempted actions. */
  metricActionDenied(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Availability provider requests to external calendars that failed. */
  metricAvailabilityProviderFailure(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Registers a mail domain in this organization (a `Domain` with this organization). */
  addDomain(id: string, options: DomainOptions): IDomain;

  /** Removes the built-in `default` access control rule once this app's rules exist. */
  removeDefaultAccessControlRule(options?: RemoveDefaultRuleOptions): void;

  /** Removes the built-in allow-all mobile device access rule once this app's rules exist. */
  removeDefaultMobileDeviceAccessRule(options?: RemoveDefaultRuleOptions): void;

  /** Answers as the console's "Test rules" would, from the access control rules this app knows. */
  evaluateAccessControl(request: AccessControlRequest): AccessControlEvaluation;

  /** Answers as GetMobileDeviceAccessEffect would, from the mobile rules and overrides this app knows. */
  evaluateMobileDeviceAccess(device: MobileDevice): MobileDeviceAccessEvaluation;
  /**
   * The decision of this organization's email flow rules (the `EmailFlowRule`s of this app) for
   * each recipient of `message`.
   */
  evaluateEmailFlow(message: EmailFlowMessage): EmailFlowDecision[];
}

/** Options for removing one of an organization's built-in allow-all rules. */
export interface RemoveDefaultRuleOptions {
  /**
   * Removing the default rule when the app defines no other rule of its kind blocks all access
   * (every mailbox, or every mobile device). The library refuses that unless this is true.
   *
   * @default false
   */
  readonly acceptBlockingAllAccess?: boolean;
}

/** A mail domain registered in a WorkMail organization. */
export interface IDomain extends ICdkResource {
  /**
   * The domain name, e.g. `example.com`.
   * @attribute
   */
  readonly domainName: string;

  /** The organization the domain is registered in. */
  readonly organization: IOrganization;
}

/** Options for {@link Organization.addDomain}: a {@link Domain} in that organization. */
export interface DomainOptions {
  /**
   * The domain to register: ASCII letters, digits and hyphens in dot-separated labels, at most
   * 209 characters (WorkMail's limit). Fixed once registered.
   */
  readonly domainName: string;

  /**
   * The public Route 53 zone that holds the domain (its name is the domain or a parent of it).
   * Every record WorkMail asks for is then created in it, and the deployment waits until
   * WorkMail has verified the domain's ownership and DKIM records.
   *
   * @default - no records are created: they are stack outputs, one per record plus a zone file
   * to import at any DNS provider
   */
  readonly hostedZone?: route53.IPublicHostedZone;

  /**
   * Make this the organization's default mail domain (the domain the console suggests for new
   * users; existing addresses do not change). WorkMail takes only a verified domain: with
   * `hostedZone` this happens after verification; without it, the deployment fails until the
   * records are published and verified.
   *
   * @default false
   */
  readonly isDefault?: boolean;

  /**
   * With `hostedZone`: how long to wait for WorkMail to verify the records before the
   * deployment fails, at most 50 minutes (CloudFormation waits at most one hour for a custom
   * resource).
   *
   * @default Duration.minutes(30)
   */
  readonly verificationTimeout?: Duration;

  /**
   * A subdomain of `domainName` (e.g. `mail.example.com`) that SES uses as the MAIL FROM domain
   * of outgoing mail, so SPF aligns with the sender's domain for DMARC. The Administrator Guide
   * recommends it, and AutoDiscover for iOS requires it. With `hostedZone`, its MX and SPF
   * records are created too.
   *
   * @default - SES's own amazonses.com MAIL FROM domain
   */
  readonly mailFromDomain?: string;

  /**
   * What happens when the domain leaves the stack. With DESTROY it is deregistered (refused
   * while addresses use it), and the records the stack created are deleted.
   *
   * @default RemovalPolicy.RETAIN - the domain, its records and its default status stay
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Take over the domain if it is already registered in the organization (in the console or by
   * another tool). Without it, a deployment that finds it registered fails and names the two ways
   * on (this prop, or `Domain.fromDomainName`). An adopted domain is never deregistered when it
   * leaves the stack unless `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;
}

/** A WorkMail user. */
export interface IUser extends IMailEntity {
  /**
   * The user id, as WorkMail reports it (e.g. `12345678-1234-1234-1234-123456789012`).
   * @attribute
   */
  readonly userId: string;
}

/** A WorkMail group. */
export interface IGroup extends IMailEntity {
  /**
   * The group id, as WorkMail reports it.
   * @attribute
   */
  readonly groupId: string;
}

/** A WorkMail resource: a bookable room or piece of equipment. */
export interface IResource extends IMailEntity {
  /**
   * The resource id, `r-` followed by 32 hexadecimal digits.
   * @attribute
   */
  readonly resourceId: string;
}

/** An impersonation role of a WorkMail organization. */
export interface IImpersonationRole extends ICdkResource {
  /**
   * The impersonation role id.
   * @attribute
   */
  readonly impersonationRoleId: string;

  /** The organization the role belongs to. */
  readonly organization: IOrganization;

  /**
   * Allows `grantee` to assume this role (`workmail:AssumeImpersonationRole` on the
   * organization, with the `workmail:ImpersonationRoleId` condition), and nothing more.
   */
  grantAssume(grantee: iam.IGrantable): iam.Grant;
}

/** A request to test with {@link Organization.evaluateAccessControl}, as the console's "Test rules" takes it. */
export interface AccessControlRequest {
  /** The protocol of the request. */
  readonly protocol: AccessProtocol;

  /** The IPv4 address the request comes from (no range). */
  readonly ipAddress: string;

  /**
   * The user making the request; give `user` or `impersonationRole`.
   * @default - the request is made by `impersonationRole`
   */
  readonly user?: IUser;

  /**
   * The impersonation role making the request (EWS only); give `user` or `impersonationRole`.
   * @default - the request is made by `user`
   */
  readonly impersonationRole?: IImpersonationRole;
}

/** The answer of {@link Organization.evaluateAccessControl}. */
export interface AccessControlEvaluation {
  /** Whether the request is allowed. */
  readonly effect: AccessEffect;
  /** Names of the rules that produced the effect (none when no rule matched). */
  readonly matchedRules: string[];
}

/**
 * A mobile device to test with {@link Organization.evaluateMobileDeviceAccess}, with the
 * properties it reports during ActiveSync provisioning (as GetMobileDeviceAccessEffect takes them).
 */
export interface MobileDevice {
  /**
   * The reported device type.
   * @default - not reported
   */
  readonly deviceType?: string;

  /**
   * The reported device model.
   * @default - not reported
   */
  readonly deviceModel?: string;

  /**
   * The reported operating system.
   * @default - not reported
   */
  readonly deviceOperatingSystem?: string;

  /**
   * The reported user agent.
   * @default - not reported
   */
  readonly deviceUserAgent?: string;

  /**
   * The user of the device; with `deviceId`, selects the override that applies.
   * @default - overrides are not considered
   */
  readonly user?: IUser;

  /**
   * The device id; with `user`, selects the override that applies.
   * @default - overrides are not considered
   */
  readonly deviceId?: string;
}

/** The answer of {@link Organization.evaluateMobileDeviceAccess}. */
export interface MobileDeviceAccessEvaluation {
  /** Whether the device may synchronize. */
  readonly effect: AccessEffect;
  /** The effect of the rules alone, before any override. */
  readonly rulesEffect: AccessEffect;
  /** Names of the rules that produced the rules' effect. */
  readonly matchedRules: string[];
  /** True when an override for the user and device decided the effect. */
  readonly overridden: boolean;
}

/** A message to test the organization's email flow rules with, as the console's "Test configuration". */
export interface EmailFlowMessage {
  /** Inbound or outbound. */
  readonly direction: FlowDirection;

  /** The From address (the event's `envelope.mailFrom`). */
  readonly mailFrom: string;

  /**
   * The Sender header: the user who sent the message on behalf of `mailFrom`.
   * @default - no Sender header
   */
  readonly sender?: string;

  /** The recipients. */
  readonly recipients: string[];
}

/** The decision of the email flow rules for one recipient. */
export interface EmailFlowDecision {
  /** The recipient. */
  readonly recipient: string;

  /**
   * The action. For RUN_LAMBDA, the function's answer decides a synchronous rule's recipients at
   * delivery time, and an asynchronous rule's recipients get DEFAULT.
   */
  readonly action: FlowActionType;

  /**
   * The rule that decided.
   * @default - no rule matched: WorkMail's normal flow (DEFAULT)
   */
  readonly ruleName?: string;

  /**
   * BOUNCE only: the bounce message.
   * @default - WorkMail's own bounce text, or not a bounce
   */
  readonly bounceMessage?: string;
}
