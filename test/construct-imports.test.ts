import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  AvailabilityConfiguration,
  AvailabilityProvider,
  Group,
  MailboxExport,
  MailboxPermission,
  MailboxPermissionType,
  Organization,
  RetentionAction,
  RetentionFolder,
  RetentionPolicy,
  User,
} from '../src';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const USER_ID = '12345678-1234-1234-1234-123456789012';
const GROUP_ID = 'abcdef01-2345-6789-abcd-ef0123456789';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

function organization(scope: Stack) {
  return Organization.fromOrganizationAttributes(scope, 'Org', { organizationId: ORG_ID, alias: 'corp' });
}

describe('RetentionPolicy', () => {
  test('fromRetentionPolicyName references a policy by its name, checked against the model', () => {
    const s = stack();
    expect(RetentionPolicy.fromRetentionPolicyName(s, 'Policy', 'corp-retention').retentionPolicyName).toBe('corp-retention');
    expect(() => RetentionPolicy.fromRetentionPolicyName(s, 'Bad', 'corp retention')).toThrow(
      'Mail/Bad: invalid retentionPolicyName "corp retention": it must be 1-64 letters, digits, hyphens or underscores.',
    );
  });

  test('a policy of the stack exposes its name, the default one when none is given', () => {
    const s = stack();
    const folders = [{ folder: RetentionFolder.DELETED_ITEMS, action: RetentionAction.PERMANENTLY_DELETE, period: Duration.days(30) }];
    const policy = new RetentionPolicy(s, 'Retention', { organization: organization(s), folders });
    expect(policy.retentionPolicyName).toBe('cdk-workmail');
  });
});

describe('MailboxPermission', () => {
  test('fromMailboxPermissionAttributes references a mailbox and grantee pair by entity ids', () => {
    const s = stack();
    const permission = MailboxPermission.fromMailboxPermissionAttributes(s, 'Shared', {
      mailbox: User.fromUserId(s, 'Alice', USER_ID),
      grantee: Group.fromGroupId(s, 'Team', GROUP_ID),
    });
    expect([permission.mailboxId, permission.granteeId]).toEqual([USER_ID, GROUP_ID]);
  });

  test('a mailbox and a grantee with one entity id are refused, imported or not', () => {
    const s = stack();
    expect(() => MailboxPermission.fromMailboxPermissionAttributes(s, 'Own', {
      mailbox: User.fromUserId(s, 'Alice', USER_ID),
      grantee: User.fromUserId(s, 'AliceAgain', USER_ID),
    })).toThrow('Mail/Own: invalid grantee "Mail/AliceAgain": a mailbox owner already has every permission on its own mailbox: grant another user or group.');
    expect(() => new MailboxPermission(s, 'OwnToo', {
      organization: organization(s),
      mailbox: User.fromUserId(s, 'Bob', USER_ID.replace('1234-1234', '4321-4321')),
      grantee: User.fromUserId(s, 'BobAgain', USER_ID.replace('1234-1234', '4321-4321')),
      permissions: [MailboxPermissionType.SEND_AS],
    })).toThrow('Mail/OwnToo: invalid grantee "Mail/BobAgain": a mailbox owner already has every permission');
  });

  test('a permission of the stack exposes the entity ids of its pair', () => {
    const s = stack();
    const permission = new MailboxPermission(s, 'Shared', {
      organization: organization(s),
      mailbox: User.fromUserId(s, 'Alice', USER_ID),
      grantee: Group.fromGroupId(s, 'Team', GROUP_ID),
      permissions: [MailboxPermissionType.SEND_AS],
    });
    expect([permission.mailboxId, permission.granteeId]).toEqual([USER_ID, GROUP_ID]);
  });
});

describe('AvailabilityConfiguration', () => {
  test('fromDomainName references a configuration by its domain, checked against the model', () => {
    const s = stack();
    expect(AvailabilityConfiguration.fromDomainName(s, 'Partner', 'partner.example').domainName).toBe('partner.example');
    expect(() => AvailabilityConfiguration.fromDomainName(s, 'Bad', 'partner_example')).toThrow(
      'Mail/Bad: invalid domainName "partner_example": it must be a domain name of 3-255 letters, digits, dots and hyphens.',
    );
  });

  test('a configuration of the stack exposes its domain', () => {
    const s = stack();
    const configuration = new AvailabilityConfiguration(s, 'Partner', {
      organization: organization(s),
      domainName: 'partner.example',
      provider: AvailabilityProvider.ews({
        endpoint: 'https://mail.partner.example/EWS/Exchange.asmx',
        username: 'freebusy',
        password: new secretsmanager.Secret(s, 'Password'),
      }),
    });
    expect(configuration.domainName).toBe('partner.example');
  });
});

describe('MailboxExport', () => {
  test('an import gives the same metrics as the export it references, and its bucket', () => {
    const s = stack();
    const org = organization(s);
    const running = new MailboxExport(s, 'Export', { organization: org, prefix: 'exit/' });
    const imported = MailboxExport.fromMailboxExportAttributes(s, 'Imported', { organization: org, bucket: running.bucket, prefix: 'exit/' });
    expect(imported.bucket).toBe(running.bucket);
    expect(imported.exportPrefix).toBe('exit/');
    expect(s.resolve(imported.metricMailboxesExported().toMetricConfig())).toEqual(s.resolve(running.metricMailboxesExported().toMetricConfig()));
    expect(s.resolve(imported.metricExportsFailed().toMetricConfig())).toEqual(s.resolve(running.metricExportsFailed().toMetricConfig()));
    expect(imported.metric('Mailboxes').dimensions).toEqual({ OrganizationId: ORG_ID, Prefix: 'exit/' });
  });

  test('an import without a prefix uses the default prefix; a bad prefix is refused', () => {
    const s = stack();
    const org = organization(s);
    const bucket = s3.Bucket.fromBucketName(s, 'Bucket', 'corp-exports');
    expect(MailboxExport.fromMailboxExportAttributes(s, 'Default', { organization: org, bucket }).exportPrefix).toBe('workmail-export/');
    expect(() => MailboxExport.fromMailboxExportAttributes(s, 'Bad', { organization: org, bucket, prefix: 'a b/' })).toThrow(
      'Mail/Bad: invalid prefix "a b/": it must be 1-1023 characters: letters, digits and !_.*\'()/-.',
    );
  });
});
