import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MailboxExport, Organization } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

test('defaults: private SSL-only bucket and rotated key, both retained; the guide\'s role; the handler\'s calls', () => {
  const s = stack();
  const organization = new Organization(s, 'Org', { alias: 'corp' });
  new MailboxExport(s, 'Export', { organization, mailboxes: ['alice@corp.example'] });
  const template = Template.fromStack(s);
  expect(findCycle(template.toJSON())).toBeUndefined();

  template.hasResource('AWS::S3::Bucket', {
    Properties: {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    },
    DeletionPolicy: 'Retain',
  });
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
  });
  template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  template.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Statement: [{
        Action: 'sts:AssumeRole',
        Principal: { Service: 'export.workmail.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^Org'), 'OrganizationArn'] } },
        },
      }],
    },
    Policies: [{
      PolicyName: 'MailboxExport',
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: ['s3:AbortMultipartUpload', 's3:PutObject', 's3:GetBucketPolicyStatus'] }),
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Condition: {
              StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
              StringLike: { 'kms:EncryptionContext:aws:s3:arn': { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, '/workmail-export/*']] } },
            },
          }),
        ],
      },
    }],
  });
  template.hasResource('Custom::WorkMailMailboxExport', {
    Properties: {
      OrganizationId: { Ref: Match.stringLikeRegexp('^Org') },
      Mailboxes: ['alice@corp.example'],
      Prefix: 'workmail-export/',
      WaitSeconds: '2700',
      ReportMailboxes: 'true',
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportRole'), 'Arn'] },
    },
    DeletionPolicy: 'Delete',
  });
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: [{ Action: 'iam:PassRole', Condition: { StringEquals: { 'iam:PassedToService': 'export.workmail.amazonaws.com' } } }] },
  });
  // The handler describes the key the stack created before it starts any job.
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportKey'), 'Arn'] } }]) },
  });
  const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
  for (const action of ['StartMailboxExportJob', 'ListMailboxExportJobs', 'DescribeMailboxExportJob', 'ListUsers', 'ListResources']) {
    expect(policies).toContain(`workmail:${action}`);
  }
  template.hasOutput('*', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Export'), 'Summary'] } });
});

test('every mailbox, own bucket, key, prefix and wait; per-mailbox attributes only for listed mailboxes', () => {
  const s = stack();
  const organization = Organization.fromOrganizationId(s, 'Org', ORG_ID);
  const key = new kms.Key(s, 'Key');
  const bucket = new s3.Bucket(s, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const all = new MailboxExport(s, 'All', { organization, bucket, encryptionKey: key, prefix: 'exit/2026/', waitTimeout: Duration.minutes(50) });
  expect(() => all.jobId('alice')).toThrow(/per-mailbox attributes exist only for the mailboxes listed in mailboxes \(none: every mailbox is exported\)/);

  const listed = new MailboxExport(s, 'Listed', { organization, bucket, encryptionKey: key, mailboxes: ['alice', 'bob'] });
  expect(s.resolve(listed.jobId('alice'))['Fn::GetAtt'][1]).toBe('alice.JobId');
  expect(s.resolve(listed.exportMarker)['Fn::GetAtt'][1]).toBe('Marker');
  expect(s.resolve(listed.exportSummary)['Fn::GetAtt'][1]).toBe('Summary');
  expect(s.resolve(listed.jobState('bob'))['Fn::GetAtt'][1]).toBe('bob.State');
  expect(s.resolve(listed.s3Key('bob'))['Fn::GetAtt'][1]).toBe('bob.S3Key');
  expect(() => listed.s3Key('carol')).toThrow(/Mail\/Listed: invalid mailbox "carol"/);

  const many = new MailboxExport(s, 'Many', { organization, bucket, encryptionKey: key, mailboxes: Array.from({ length: 11 }, (_, i) => `user${i}`) });
  expect(() => many.jobId('user0')).toThrow(/at most 10 listed mailboxes/);
  const template = Template.fromStack(s);
  template.hasResourceProperties('Custom::WorkMailMailboxExport', {
    OrganizationId: ORG_ID, Mailboxes: Match.absent(), Prefix: 'exit/2026/', WaitSeconds: '3000', ReportMailboxes: 'false',
  });
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }]) },
  });
});

describe('refuses bad input', () => {
  const organization = (s: Stack) => Organization.fromOrganizationId(s, 'Org', ORG_ID);
  test.each([
    ['an empty mailbox list', { mailboxes: [] }, /invalid mailboxes \[\]: list at least one mailbox/],
    ['a duplicate mailbox', { mailboxes: ['a', 'a'] }, /invalid mailboxes "a": list each mailbox once/],
    ['a mailbox with a space', { mailboxes: ['a b'] }, /invalid mailboxes "a b"/],
    ['a bad prefix', { prefix: 'a b' }, /invalid prefix "a b"/],
    ['a wait over 50 minutes', { waitTimeout: Duration.minutes(51) }, /invalid waitTimeout "51 minutes": it must be at most 50 minutes/],
  ])('%s', (_, extra, message) => {
    const s = stack();
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), ...extra })).toThrow(message);
  });

  test('an AWS managed key', () => {
    const s = stack();
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), encryptionKey: kms.Alias.fromAliasName(s, 'S3', 'alias/aws/s3') }))
      .toThrow(/invalid encryptionKey ".*alias\/aws\/s3": AWS managed keys cannot encrypt a mailbox export/);
    const s2 = stack();
    expect(() => new MailboxExport(s2, 'Export', {
      organization: organization(s2), encryptionKey: kms.Key.fromKeyArn(s2, 'K', 'arn:aws:kms:us-east-1:111122223333:alias/aws/workmail'),
    })).toThrow(/AWS managed keys/);
  });

  test('a customer managed key by its alias', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), encryptionKey: key.addAlias('alias/exports') }))
      .toThrow(/invalid encryptionKey "Mail\/Key\/Alias[^"]*": an alias cannot be granted .* pass the key itself/);
    const s2 = stack();
    expect(() => new MailboxExport(s2, 'Export', {
      organization: organization(s2), encryptionKey: kms.Key.fromKeyArn(s2, 'ByAlias', 'arn:aws:kms:us-east-1:111122223333:alias/exports'),
    })).toThrow(/invalid encryptionKey "arn:aws:kms:us-east-1:111122223333:alias\/exports": an alias cannot be granted/);
  });

  test('an asymmetric key', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), encryptionKey: key })).toThrow(/invalid encryptionKey "RSA_2048"/);
  });

  test('a bucket that allows public access', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'Open', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false }) });
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), bucket })).toThrow(
      /invalid bucket "Mail\/Open": an export bucket must not allow public access \(blockPublicPolicy, restrictPublicBuckets not set\)/);
  });
});
