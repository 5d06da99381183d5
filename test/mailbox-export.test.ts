import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
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
      WaitSeconds: '0',
      MaxAttempts: '3',
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportRole'), 'Arn'] },
      StateMachineArn: { Ref: Match.stringLikeRegexp('^ExportStateMachine') },
    },
    DeletionPolicy: 'Delete',
  });
  // The engine passes the export role to WorkMail, to WorkMail's export service only.
  const engineRole = Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith('ExportEngineServiceRole'))!;
  const enginePolicy = Object.values(template.findResources('AWS::IAM::Policy'))
    .find((policy) => JSON.stringify(policy.Properties.Roles).includes(engineRole))!.Properties.PolicyDocument.Statement;
  expect(enginePolicy).toEqual(expect.arrayContaining([
    expect.objectContaining({
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'export.workmail.amazonaws.com' } },
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ExportRole/), 'Arn'] },
    }),
    expect.objectContaining({
      Action: ['workmail:StartMailboxExportJob', 'workmail:ListMailboxExportJobs', 'workmail:DescribeMailboxExportJob', 'workmail:ListUsers', 'workmail:ListResources'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Org/), 'OrganizationArn'] },
    }),
    expect.objectContaining({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': 'workmail-export/*' } } }),
    expect.objectContaining({
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^ExportBucket/), 'Arn'] }, '/workmail-export/*']] },
    }),
  ]));
  expect(JSON.stringify(enginePolicy)).not.toMatch(/"Resource":"\*"/);
  // The custom resource handler starts, lists and stops this state machine's executions only.
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        { Effect: 'Allow', Action: 'kms:DescribeKey', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportKey'), 'Arn'] } },
        { Effect: 'Allow', Action: ['states:StartExecution', 'states:ListExecutions'], Resource: { Ref: Match.stringLikeRegexp('^ExportStateMachine') } },
        Match.objectLike({ Action: ['states:DescribeExecution', 'states:StopExecution'] }),
      ]),
    },
  });
  const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
  expect(policies).toContain('workmail:CancelMailboxExportJob');
  // The state machine: a step, then the wait the step asks for, until DONE; after 1,000 steps a new execution.
  const [machine] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine'))
    .filter(([id]) => id.startsWith('ExportStateMachine')).map(([, resource]) => resource);
  const definition = (machine.Properties.DefinitionString['Fn::Join'][1] as unknown[]).filter((part) => typeof part === 'string').join('');
  expect(definition).toContain('"Wait":{"Type":"Wait","SecondsPath":"$.step.delaySeconds","Next":"Step"}');
  expect(definition).toContain('"Variable":"$.step.next","StringEquals":"DONE"');
  expect(definition).toContain('{"ErrorEquals":["States.ALL"],"IntervalSeconds":30,"MaxAttempts":8,"BackoffRate":2,"MaxDelaySeconds":900}]');
  expect(definition).toContain('"StateMachineArn.$":"$$.StateMachine.Id"');
  expect(machine.Properties.StateMachineName).toMatch(/^Mail-Export-/);
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: {
      Statement: Match.arrayWith([Match.objectLike({
        Action: 'states:StartExecution',
        Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':stateMachine:Mail-Export-')])] },
      })]),
    },
  });
  template.hasOutput('*', { Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Export'), 'Summary'] } });
});

test('every mailbox, own bucket, key, prefix, wait and attempts; attributes, metrics and an alarm', () => {
  const s = stack();
  const organization = Organization.fromOrganizationId(s, 'Org', ORG_ID);
  const key = new kms.Key(s, 'Key');
  const bucket = new s3.Bucket(s, 'Bucket', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
  const all = new MailboxExport(s, 'All', {
    organization, bucket, encryptionKey: key, prefix: 'exit/2026/', waitTimeout: Duration.minutes(50), maxAttempts: 5,
  });
  expect(s.resolve(all.exportMarker)['Fn::GetAtt'][1]).toBe('Marker');
  expect(s.resolve(all.exportSummary)['Fn::GetAtt'][1]).toBe('Summary');
  expect(s.resolve(all.reportKey)['Fn::GetAtt'][1]).toBe('ReportKey');
  all.metricExportsFailed().createAlarm(s, 'NotExported', { threshold: 0, evaluationPeriods: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD });
  const template = Template.fromStack(s);
  template.hasResourceProperties('Custom::WorkMailMailboxExport', {
    OrganizationId: ORG_ID, Mailboxes: Match.absent(), Prefix: 'exit/2026/', WaitSeconds: '3000', MaxAttempts: '5',
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    ComparisonOperator: 'GreaterThanThreshold',
    Metrics: Match.arrayWith([
      Match.objectLike({ Expression: 'FILL(failed, 0) + FILL(refused, 0)' }),
      Match.objectLike({
        Id: 'failed',
        MetricStat: Match.objectLike({
          Metric: { Namespace: 'cdk-workmail/MailboxExport', MetricName: 'MailboxesFailed', Dimensions: [{ Name: 'OrganizationId', Value: ORG_ID }, { Name: 'Prefix', Value: 'exit/2026/' }] },
          Stat: 'Maximum',
        }),
      }),
    ]),
  });
  expect(s.resolve(all.metricMailboxesExported().metricName)).toBe('MailboxesExported');
  expect(all.metricExportedBytes().metricName).toBe('ExportedBytes');
  expect(all.metricVerificationFailures().metricName).toBe('VerificationFailures');
});

describe('refuses bad input', () => {
  const organization = (s: Stack) => Organization.fromOrganizationId(s, 'Org', ORG_ID);
  test.each([
    ['an empty mailbox list', { mailboxes: [] }, /invalid mailboxes \[\]: list at least one mailbox/],
    ['a duplicate mailbox', { mailboxes: ['a', 'a'] }, /invalid mailboxes "a": list each mailbox once/],
    ['a mailbox with a space', { mailboxes: ['a b'] }, /invalid mailboxes "a b"/],
    ['a bad prefix', { prefix: 'a b' }, /invalid prefix "a b"/],
    ['a wait over 50 minutes', { waitTimeout: Duration.minutes(51) }, /invalid waitTimeout "51 minutes": it must be at most 50 minutes/],
    ['no attempt', { maxAttempts: 0 }, /invalid maxAttempts 0: an integer from 1 to 10/],
    ['a fraction of an attempt', { maxAttempts: 1.5 }, /invalid maxAttempts 1.5/],
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

  test('a bucket name outside StartMailboxExportJob\'s S3BucketName pattern, imported by name or ARN', () => {
    const fix = 'WorkMail and CloudWatch Logs take bucket names of 1-63 letters, digits, dots or hyphens: reference a bucket with such a name '
      + 'by its bare name (s3.Bucket.fromBucketName(this, \'Bucket\', \'my-bucket\')), without a key prefix; a bucket whose name has an underscore '
      + 'cannot be used, so create a new one.';
    const s = stack();
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), bucket: s3.Bucket.fromBucketName(s, 'Legacy', 'corp_exports') }))
      .toThrow(`Mail/Export: invalid bucket "corp_exports": ${fix}`);
    const s2 = stack();
    expect(() => new MailboxExport(s2, 'Export', { organization: organization(s2), bucket: s3.Bucket.fromBucketArn(s2, 'ByArn', 'arn:aws:s3:::corp_exports') }))
      .toThrow('Mail/Export: invalid bucket "corp_exports"');
    // A name within the pattern (upper case included, as the model allows) passes.
    const s3Stack = stack();
    expect(() => new MailboxExport(s3Stack, 'Export', { organization: organization(s3Stack), bucket: s3.Bucket.fromBucketName(s3Stack, 'Ok', 'Corp.Exports-1') }))
      .not.toThrow();
  });

  test('a bucket or key in another region', () => {
    const s = stack();
    const bucket = s3.Bucket.fromBucketAttributes(s, 'Far', { bucketName: 'far', region: 'eu-west-1' });
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), bucket })).toThrow(
      /Mail\/Export: invalid bucket "eu-west-1": WorkMail exports only to a bucket and key in the organization's region \(us-east-1\): use a bucket in us-east-1/);
    const s2 = stack();
    const key = kms.Key.fromKeyArn(s2, 'FarKey', 'arn:aws:kms:eu-west-1:111122223333:key/0f7e3c52-1c4a-4c2b-9f0e-6d0f1d7e1a11');
    expect(() => new MailboxExport(s2, 'Export', { organization: organization(s2), encryptionKey: key })).toThrow(
      /invalid encryptionKey "eu-west-1": .* use a key in us-east-1/);
  });

  test('a bucket that allows public access', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'Open', { blockPublicAccess: new s3.BlockPublicAccess({ blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false }) });
    expect(() => new MailboxExport(s, 'Export', { organization: organization(s), bucket })).toThrow(
      /invalid bucket "Mail\/Open": an export bucket must not allow public access \(blockPublicPolicy, restrictPublicBuckets not set\)/);
  });
});
