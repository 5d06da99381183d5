/**
 * A realistic WorkMail setup as code: an existing company brings its organization under
 * CloudFormation, governs it until WorkMail ends (2027-03-31), and is ready to leave.
 *
 * Everything here synthesizes offline: the hosted zone is referenced by its attributes, so no
 * AWS account or credentials are needed for `cdk synth`.
 */
import { ArnFormat, Duration, Size, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import * as workmail from '../src';

export class MailStack extends Stack {
  public readonly organization: workmail.Organization;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    // The organization: mail encrypted under our own key, kept if the stack is ever deleted.
    const mailKey = new kms.Key(this, 'MailKey', {
      description: 'Encrypts the mail of the example-corp WorkMail organization',
      enableKeyRotation: true,
    });
    const organization = new workmail.Organization(this, 'Organization', {
      alias: 'example-corp',
      kmsKey: mailKey,
      tags: { CostCenter: 'it-mail' },
      // Delete mail in Deleted Items after 30 days, junk after 14.
      retentionPolicy: {
        folders: [
          { folder: workmail.RetentionFolder.DELETED_ITEMS, action: workmail.RetentionAction.PERMANENTLY_DELETE, period: Duration.days(30) },
          { folder: workmail.RetentionFolder.JUNK_EMAIL, action: workmail.RetentionAction.DELETE, period: Duration.days(14) },
        ],
      },
    });
    this.organization = organization;

    // Our domain, published in our Route 53 zone, verified, then made the default. Users and
    // groups with addresses on it are created after it.
    const zone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      zoneName: 'example.com',
    });
    organization.addDomain('Domain', {
      domainName: 'example.com',
      hostedZone: zone,
      isDefault: true,
      mailFromDomain: 'mail.example.com',
    });

    // People: passwords live in Secrets Manager, never in the template.
    const alicePassword = new secretsmanager.Secret(this, 'AlicePassword', {
      description: 'Initial WorkMail password of alice@example.com',
      generateSecretString: { passwordLength: 32, requireEachIncludedType: true },
    });
    const alice = new workmail.User(this, 'Alice', {
      organization,
      name: 'alice',
      displayName: 'Alice Liddell',
      email: 'alice@example.com',
      password: alicePassword,
      mailboxQuota: Size.gibibytes(20),
    });
    new workmail.Group(this, 'Sales', {
      organization,
      name: 'sales',
      email: 'sales@example.com',
      members: [alice],
    });

    // Security until the end: IMAP only from the office; phones only when MDM approves them.
    new workmail.AccessControlRule(this, 'ImapOutsideOffice', {
      organization,
      name: 'imap-outside-office',
      effect: workmail.AccessEffect.DENY,
      description: 'IMAP only from the office network',
      protocols: [workmail.AccessProtocol.IMAP],
      notIpRanges: ['192.0.2.0/24'],
    });
    new workmail.MobileDeviceAccessRule(this, 'ManagedPhonesOnly', {
      organization,
      name: 'managed-phones-only',
      effect: workmail.AccessEffect.DENY,
      notDeviceUserAgents: ['MDM-Approved'],
    });

    // Audit: every audit log in CloudWatch Logs for a year, encrypted under a key CloudWatch Logs
    // may use for this log group only; email events for 90 days.
    const auditLogGroupName = '/aws/vendedlogs/workmail/example-corp';
    const auditLogKey = new kms.Key(this, 'AuditLogKey', {
      description: 'Encrypts the WorkMail audit logs of example-corp',
      enableKeyRotation: true,
    });
    auditLogKey.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': this.formatArn({
            service: 'logs', resource: 'log-group', resourceName: auditLogGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }));
    const auditLogs = new logs.LogGroup(this, 'AuditLogs', {
      logGroupName: auditLogGroupName,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: auditLogKey,
    });
    new workmail.AuditLogDelivery(this, 'Audit', {
      organization,
      destination: workmail.AuditLogDestination.logGroup(auditLogs),
    });
    new workmail.EmailEventLogging(this, 'EmailEvents', {
      organization,
      retention: logs.RetentionDays.THREE_MONTHS,
    });

    // Mail flow: a rival's domain bounces, with an exception for their CEO.
    new workmail.EmailFlowRule(this, 'BlockRival', {
      organization,
      direction: workmail.FlowDirection.INBOUND,
      action: workmail.FlowAction.bounce('Mail from rival.example is not accepted.'),
      senders: ['rival.example', '*.rival.example'],
    });
    new workmail.EmailFlowRule(this, 'ExceptTheirCeo', {
      organization,
      direction: workmail.FlowDirection.INBOUND,
      action: workmail.FlowAction.defaultAction(),
      senders: ['ceo@rival.example'],
    });

    // Alarms: password guessing and outgoing bounces.
    new cloudwatch.Alarm(this, 'AuthenticationFailures', {
      metric: organization.metricAuthenticationFailure(),
      threshold: 20,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    new cloudwatch.Alarm(this, 'OutgoingBounces', {
      metric: organization.metricOutgoingEmailBounced(),
      threshold: 10,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The exit path: every mailbox exported to a private, retained, encrypted bucket.
    new workmail.MailboxExport(this, 'ExitExport', {
      organization,
      prefix: 'exit-2027/',
    });
  }
}
