import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { IOrganization } from './interfaces';
import { OrganizationContext } from './organization-context';
import { ResourceType } from './private/constants';
import { EmailMonitoringResourceProperties } from './private/email-monitoring-properties';
import { checkSameEnvironment } from './private/environment';
import { adoption } from './private/ownership';
import { invalid, StringRule, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** Properties of an {@link EmailEventLogging}. */
export interface EmailEventLoggingProps {
  /** The organization whose email events are logged. An organization has one such configuration. */
  readonly organization: IOrganization;

  /**
   * An existing log group for the events, in the organization's region. Then `logGroupName` and
   * `retention` do not apply.
   *
   * @default - a new log group named `logGroupName` and kept for `retention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * The name of the new log group: 1-512 letters, digits and `.-_/#` (what
   * PutEmailMonitoringConfiguration accepts).
   *
   * @default - `/aws/workmail/emailevents/<alias>`, as the WorkMail console names it
   */
  readonly logGroupName?: string;

  /**
   * How long the new log group keeps events.
   *
   * @default logs.RetentionDays.ONE_MONTH - the console's 30 days
   */
  readonly retention?: logs.RetentionDays;

  /**
   * An existing role for WorkMail to write the events with, such as the one the organization
   * uses today (`iam.Role.fromRoleArn(this, 'Role', arn, { mutable: false })`, so that an
   * import changes nothing). It must trust `events.workmail.amazonaws.com` and may write to the
   * log group; the construct grants that write to a role it can change (a mutable import adds a
   * policy to it), and nothing to an immutable one.
   *
   * @default - a new role that only `events.workmail.amazonaws.com`, acting for this
   * organization, can assume, allowed to write to the log group only
   */
  readonly role?: iam.IRole;

  /**
   * Save the Administrator Guide's CloudWatch Logs Insights queries for the log group
   * (`logs.QueryDefinition`s named `WorkMail/<alias>/...`).
   *
   * @default true
   */
  readonly queries?: boolean;

  /**
   * Take over the email event logging the organization already has (set in the console or by
   * another tool). Without it, a deployment that finds a configuration it did not make fails.
   * An adopted configuration is left in place when the construct leaves the stack unless
   * `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * What happens to the configuration when the construct leaves the stack: DESTROY turns email
   * event logging off (the log group and its events stay), RETAIN leaves it on.
   *
   * @default - RemovalPolicy.DESTROY, or RETAIN with `adoptExisting`
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Email event logging for a WorkMail organization (`Custom::WorkMailEmailMonitoring`,
 * PutEmailMonitoringConfiguration): WorkMail writes an event for every message received, sent,
 * delivered, bounced or touched by a rule to a CloudWatch Logs log group, through a role that
 * only `events.workmail.amazonaws.com`, acting for this organization, can assume and that may only
 * write to that group (or through the `role` you pass).
 *
 * WorkMail keeps one configuration per organization: creating this construct replaces one set
 * in the console (the old log group and its events stay), and deleting it turns email event
 * logging off. The log group is retained when it leaves the stack.
 */
export class EmailEventLogging extends Construct {
  /** The log group that receives the events. */
  public readonly logGroup: logs.ILogGroup;

  /** The role WorkMail writes the events with. */
  public readonly role: iam.IRole;

  /** The saved CloudWatch Logs Insights queries (empty with `queries: false`). */
  public readonly queryDefinitions: logs.QueryDefinition[] = [];

  constructor(scope: Construct, id: string, props: EmailEventLoggingProps) {
    super(scope, id);
    const organization = props.organization;
    OrganizationContext.of(organization).claimSetting(this, 'email event logging', 'configuration',
      'two EmailEventLogging constructs would overwrite each other: keep one EmailEventLogging per organization');
    const ownership = adoption(this, props, RemovalPolicy.DESTROY);
    if (props.logGroup && (props.logGroupName !== undefined || props.retention !== undefined)) {
      throw invalid(this, 'logGroupName/retention', props.logGroupName ?? props.retention,
        'they describe the log group this construct creates, and you passed logGroup: set name and retention on your log group instead');
    }
    this.logGroup = props.logGroup ?? this.createLogGroup(props);
    checkSameEnvironment(this, 'logGroup', this.logGroup, this.logGroup.logGroupArn,
      'WorkMail writes email events only to a log group of the organization\'s account and region');

    if (props.role) {
      checkSameEnvironment(this, 'role', props.role, props.role.roleArn,
        'WorkMail passes email events only to a role of the organization\'s account');
    }
    this.role = props.role ?? this.createRole(organization);
    const logGroupWrite = this.logGroup.grant(this.role, 'logs:CreateLogStream', 'logs:PutLogEvents');

    const resource = WorkMailProvider.of(this).createResource<EmailMonitoringResourceProperties>(this, {
      resourceType: ResourceType.EMAIL_MONITORING,
      organization,
      properties: {
        OrganizationId: organization.organizationId,
        LogGroupArn: this.logGroup.logGroupArn,
        RoleArn: this.role.roleArn,
        ...ownership.properties,
      },
      removalPolicy: ownership.removalPolicy,
      statements: [new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'events.workmail.amazonaws.com' } },
      })],
    });
    // The role's permissions must exist before WorkMail is told to use it (the role itself is
    // ordered by the reference to its ARN).
    logGroupWrite.applyBefore(resource);

    if (props.queries ?? true) {
      const folder = `WorkMail/${knownAlias(organization) ?? organization.organizationId}`;
      for (const [queryId, title, text] of INSIGHTS_QUERIES) {
        this.queryDefinitions.push(new logs.QueryDefinition(this, queryId, {
          queryDefinitionName: `${folder}/${title}`,
          queryString: new GuideQuery(text),
          logGroups: [this.logGroup],
        }));
      }
    }
  }

  private createRole(organization: IOrganization): iam.IRole {
    return new iam.Role(this, 'Role', {
      description: 'WorkMail email event logging',
      assumedBy: new iam.ServicePrincipal('events.workmail.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        ArnEquals: { 'aws:SourceArn': organization.organizationArn },
      }),
    });
  }

  private createLogGroup(props: EmailEventLoggingProps): logs.ILogGroup {
    let logGroupName = props.logGroupName;
    if (logGroupName === undefined) {
      const alias = knownAlias(props.organization);
      if (alias === undefined) {
        throw invalid(this, 'logGroupName', undefined,
          'the organization was imported without its alias, so the console\'s default name /aws/workmail/emailevents/<alias> is unknown: pass logGroupName, or import the organization with its alias');
      }
      logGroupName = `/aws/workmail/emailevents/${alias}`;
    }
    validateString(this, 'logGroupName', logGroupName, LOG_GROUP_NAME);
    const retention = props.retention ?? logs.RetentionDays.ONE_MONTH;
    if (!(Object.values(logs.RetentionDays) as unknown[]).includes(retention)) {
      throw invalid(this, 'retention', retention,
        `CloudWatch Logs accepts only ${Object.values(logs.RetentionDays).filter((days) => typeof days === 'number').join(', ')} days (or RetentionDays.INFINITE)`);
    }
    return new logs.LogGroup(this, 'LogGroup', { logGroupName, retention });
  }
}

/** What PutEmailMonitoringConfiguration's LogGroupArn pattern allows in a log group name. */
const LOG_GROUP_NAME: StringRule = {
  minLength: 1,
  maxLength: 512,
  pattern: /^[.\-_/#A-Za-z0-9]+$/,
  rule: '1-512 letters, digits and the characters . - _ / # (WorkMail accepts no others)',
};

/** The alias, or undefined for an organization imported without it. */
function knownAlias(organization: IOrganization): string | undefined {
  try {
    return organization.alias;
  } catch {
    return undefined;
  }
}

/** A query kept exactly as the Administrator Guide writes it (QueryString would reorder its commands). */
class GuideQuery extends logs.QueryString {
  constructor(private readonly text: string) {
    super();
  }

  public toString(): string {
    return this.text;
  }
}

/**
 * The CloudWatch Logs Insights examples of the Administrator Guide ("Using CloudWatch Insights
 * with Amazon WorkMail" and "Using email event logging to track DMARC enforcement"), with the
 * guide's line wraps inside an expression undone. Example values (`userA@example.com`,
 * `$TRACEID`, `$SUBJECT`, ...) are meant to be edited in the console before running.
 */
const INSIGHTS_QUERIES: ReadonlyArray<readonly [string, string, string]> = [
  ['OutgoingFromUserToUser', 'Email sent from user A to user B', [
    'fields @timestamp, traceId',
    '| sort @timestamp asc',
    '| filter (event.from like /(?!i)userA@example.com/',
    'and event.eventName = "OUTGOING_EMAIL_SUBMITTED"',
    'and event.recipients.0 like /(?!i)userB@example.com/)',
  ].join('\n')],
  ['EventsOfTrace', 'Events of a trace id', [
    'fields @timestamp, event.eventName',
    '| sort @timestamp asc',
    '| filter traceId = "$TRACEID"',
  ].join('\n')],
  ['EventsOfMessage', 'Events of a message id', [
    'fields @timestamp, event.eventName',
    '| sort @timestamp asc',
    '| filter event.messageId like "$MESSAGEID"',
  ].join('\n')],
  ['ReceivedFromUser', 'Mail received from a user', [
    'fields @timestamp, event.eventName',
    '| sort @timestamp asc',
    '| filter (event.from like /(?!i)user@example.com/ and event.eventName = "ORGANIZATION_EMAIL_RECEIVED")',
  ].join('\n')],
  ['ReceivedFromDomain', 'Mail received from a domain', [
    'fields @timestamp, event.eventName',
    '| sort @timestamp asc',
    '| filter (event.from like "example.com" and event.eventName = "ORGANIZATION_EMAIL_RECEIVED")',
  ].join('\n')],
  ['OutgoingBounced', 'Outgoing email that bounced', [
    'fields @timestamp, event.destination, event.reason',
    '| sort @timestamp desc',
    '| filter event.eventName = "OUTGOING_EMAIL_BOUNCED"',
  ].join('\n')],
  ['IncomingBounced', 'Incoming email that bounced', [
    'fields @timestamp, event.bouncedRecipient.emailAddress, event.bouncedRecipient.reason, event.bouncedRecipient.status',
    '| sort @timestamp desc',
    '| filter event.eventName = "INCOMING_EMAIL_BOUNCED"',
  ].join('\n')],
  ['SpamRecipients', 'Recipients receiving spam', [
    'stats count(*) as c by event.recipients.0',
    '| filter (event.eventName = "ORGANIZATION_EMAIL_RECEIVED" and event.spamVerdict = "FAIL")',
    '| sort c desc',
  ].join('\n')],
  ['SpamSenders', 'Senders of spam', [
    'fields @timestamp, event.recipients.0, event.sender, event.from',
    '| sort @timestamp asc',
    '| filter (event.spamVerdict = "FAIL")',
  ].join('\n')],
  ['SpamVerdictsBySubject', 'Why an email went to spam (by subject)', [
    'fields @timestamp, event.recipients.0, event.spamVerdict, event.spfVerdict, event.dkimVerdict, event.dmarcVerdict',
    '| sort @timestamp asc',
    '| filter event.subject like /(?i)$SUBJECT/ and event.eventName = "ORGANIZATION_EMAIL_RECEIVED"',
  ].join('\n')],
  ['OutboundFlowRuleMatches', 'Emails matching outbound flow rules', [
    'fields @timestamp, event.ruleName, event.ruleActions.0.action',
    '| sort @timestamp desc',
    '| filter event.ruleType = "OUTBOUND_RULE"',
  ].join('\n')],
  ['InboundFlowRuleMatches', 'Emails matching inbound flow rules', [
    'fields @timestamp, event.ruleName, event.ruleActions.0.action, event.ruleActions.0.recipients.0',
    '| sort @timestamp desc',
    '| filter event.ruleType = "INBOUND_RULE"',
  ].join('\n')],
  ['ReceivedPerRecipient', 'Emails received per recipient', [
    'stats count(*) as c by event.recipient',
    '| filter event.eventName = "MAILBOX_EMAIL_DELIVERED"',
    '| sort c desc',
  ].join('\n')],
  ['SentPerSender', 'Emails sent per sender', [
    'stats count(*) as c by event.from',
    '| filter event.eventName = "OUTGOING_EMAIL_SUBMITTED"',
    '| sort c desc',
  ].join('\n')],
  ['DmarcFailuresByPolicy', 'DMARC failures by policy', 'stats count() by event.dmarcPolicy | filter event.dmarcVerdict == "FAIL"'],
];
