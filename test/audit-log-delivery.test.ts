import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditLogDelivery, AuditLogDestination, AuditLogType, IOrganization, Organization } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const ALL_TYPES = [
  'ACCESS_CONTROL_LOGS',
  'AUTHENTICATION_LOGS',
  'WORKMAIL_AVAILABILITY_PROVIDER_LOGS',
  'WORKMAIL_MAILBOX_ACCESS_LOGS',
  'WORKMAIL_PERSONAL_ACCESS_TOKEN_LOGS',
];

function setup(): { stack: Stack; organization: IOrganization } {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
  return { stack, organization: Organization.fromOrganizationId(stack, 'Org', ORG_ID) };
}

const SOURCE_ARN_PATTERN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, Match.stringLikeRegexp('^:logs:us-east-1:111122223333:delivery-source:[A-Za-z0-9]+-[0-9a-f]{8}-\\*$')]],
};
const DELIVERY_CONDITIONS = {
  StringEquals: { 'aws:SourceAccount': '111122223333' },
  ArnLike: { 'aws:SourceArn': SOURCE_ARN_PATTERN },
};

function deliveries(template: Template): Array<[string, any]> {
  return Object.entries(template.findResources('AWS::Logs::Delivery'));
}

describe('AuditLogDelivery', () => {
  test('all five log types: one source and one delivery each, one destination, no Lambda', () => {
    const { stack, organization } = setup();
    const logGroup = new logs.LogGroup(stack, 'Audit', { logGroupName: '/aws/vendedlogs/workmail' });
    const delivery = new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.logGroup(logGroup) });
    const template = Template.fromStack(stack);

    expect(delivery.logTypes).toEqual(ALL_TYPES);
    const sources = Object.entries(template.findResources('AWS::Logs::DeliverySource'));
    expect(sources.map(([, source]) => source.Properties.LogType).sort()).toEqual(ALL_TYPES);
    for (const [, source] of sources) {
      expect(source.Properties.ResourceArn).toEqual(stack.resolve(organization.organizationArn));
      expect(source.Properties.Name).toMatch(/^[A-Za-z0-9]+-[0-9a-f]{8}-[a-z-]+$/);
      expect(source.Properties.Name.length).toBeLessThanOrEqual(60);
    }
    template.resourceCountIs('AWS::Logs::DeliveryDestination', 1);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DeliveryDestinationType: 'CWL',
      DestinationResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Audit'), 'Arn'] },
    });
    const sourceIds = sources.map(([id]) => id);
    const all = deliveries(template);
    expect(all).toHaveLength(5);
    expect(all.map(([, d]) => d.Properties.DeliverySourceName.Ref).sort()).toEqual([...sourceIds].sort());
    for (const [, d] of all) {
      expect(d.Properties.DeliveryDestinationArn['Fn::GetAtt'][0]).toMatch(/^AuditLogs/);
    }
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(template.findResources('Custom::WorkMailOrganization'))).toEqual([]);
  });

  test('the log group gets one scoped resource policy statement, created before the deliveries', () => {
    const { stack, organization } = setup();
    const logGroup = new logs.LogGroup(stack, 'Audit', { logGroupName: '/aws/vendedlogs/workmail' });
    new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.logGroup(logGroup) });
    const template = Template.fromStack(stack);

    const policies = Object.entries(template.findResources('AWS::Logs::ResourcePolicy'));
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0];
    const document = JSON.stringify(policy.Properties.PolicyDocument);
    expect(document.match(/\\"Effect\\"/g)).toHaveLength(1);
    expect(document).toContain('\\"Principal\\":{\\"Service\\":\\"delivery.logs.amazonaws.com\\"}');
    expect(document).toContain('\\"Action\\":[\\"logs:CreateLogStream\\",\\"logs:PutLogEvents\\"]');
    expect(document).toContain(':logs:us-east-1:111122223333:log-group:');
    expect(document).toContain(':log-stream:*');
    expect(document).toContain('\\"StringEquals\\":{\\"aws:SourceAccount\\":\\"111122223333\\"}');
    expect(document).toMatch(/delivery-source:[A-Za-z0-9]+-[0-9a-f]{8}-\*/);
    for (const [, d] of deliveries(template)) {
      expect(d.DependsOn).toContain(policyId);
    }
  });

  test('deliveries are created one after the other', () => {
    const { stack, organization } = setup();
    new AuditLogDelivery(stack, 'AuditLogs', {
      organization, destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')),
    });
    const bucket = new s3.Bucket(stack, 'Bucket');
    new AuditLogDelivery(stack, 'Archive', {
      organization, logTypes: [AuditLogType.AUTHENTICATION_LOGS], destination: AuditLogDestination.bucket(bucket),
    });
    const all = deliveries(Template.fromStack(stack));
    expect(all).toHaveLength(6);
    const ids = all.map(([id]) => id);
    // Each delivery waits for exactly one other, and the chain covers all of them.
    const chained = all.map(([, d]) => (d.DependsOn ?? []).filter((dep: string) => ids.includes(dep)));
    expect(chained.filter((deps) => deps.length === 0)).toHaveLength(1);
    expect(chained.filter((deps) => deps.length === 1)).toHaveLength(5);
    expect(new Set(chained.flat()).size).toBe(5);
  });

  test('another destination or organization renames (and so replaces) the destination or the sources', () => {
    const names = (logGroupName: string, organizationId: string) => {
      const s = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
      new AuditLogDelivery(s, 'AuditLogs', {
        organization: Organization.fromOrganizationId(s, 'Org', organizationId),
        destination: AuditLogDestination.logGroup(logs.LogGroup.fromLogGroupName(s, 'Audit', logGroupName)),
      });
      const template = Template.fromStack(s);
      return {
        destination: Object.values(template.findResources('AWS::Logs::DeliveryDestination'))[0].Properties.Name,
        source: Object.values(template.findResources('AWS::Logs::DeliverySource'))[0].Properties.Name,
      };
    };
    const before = names('one', ORG_ID);
    expect(names('one', ORG_ID)).toEqual(before);
    expect(names('two', ORG_ID).destination).not.toBe(before.destination);
    expect(names('two', ORG_ID).source).toBe(before.source);
    expect(names('one', 'm-ffffffffffffffffffffffffffffffff').source).not.toBe(before.source);
    expect(before.destination.length).toBeLessThanOrEqual(60);
  });

  test('logTypes picks the deliveries', () => {
    const { stack, organization } = setup();
    new AuditLogDelivery(stack, 'AuditLogs', {
      organization,
      logTypes: [AuditLogType.WORKMAIL_MAILBOX_ACCESS_LOGS, AuditLogType.ACCESS_CONTROL_LOGS],
      destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')),
    });
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::Logs::DeliverySource')).map((s) => s.Properties.LogType).sort())
      .toEqual(['ACCESS_CONTROL_LOGS', 'WORKMAIL_MAILBOX_ACCESS_LOGS']);
    template.resourceCountIs('AWS::Logs::Delivery', 2);
  });

  test('two deliveries of one organization share its sources, and one log type may go to two destinations', () => {
    const { stack, organization } = setup();
    new AuditLogDelivery(stack, 'ToLogs', { organization, destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')) });
    new AuditLogDelivery(stack, 'ToS3', { organization, destination: AuditLogDestination.bucket(new s3.Bucket(stack, 'Bucket')) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::DeliverySource', 5);
    template.resourceCountIs('AWS::Logs::DeliveryDestination', 2);
    template.resourceCountIs('AWS::Logs::Delivery', 10);
  });

  test('an organization in the stack: sources name its ARN and nothing forms a cycle', () => {
    const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
    const organization = new Organization(stack, 'Org', { alias: 'corp' });
    new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::DeliverySource', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Org'), 'OrganizationArn'] },
    });
    expect(findCycle(template.toJSON())).toBeUndefined();
  });

  describe('S3 bucket', () => {
    test('bucket policy: ACL check and writes under AWSLogs/<account>/ with bucket-owner-full-control', () => {
      const { stack, organization } = setup();
      const bucket = new s3.Bucket(stack, 'Bucket');
      new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.bucket(bucket, { hiveCompatiblePath: true }) });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'delivery.logs.amazonaws.com' },
              Action: ['s3:GetBucketAcl', 's3:ListBucket'],
              Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] },
              Condition: DELIVERY_CONDITIONS,
            }),
            Match.objectLike({
              Action: 's3:PutObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] }, '/AWSLogs/111122223333/*']] },
              Condition: {
                StringEquals: { 'aws:SourceAccount': '111122223333', 's3:x-amz-acl': 'bucket-owner-full-control' },
                ArnLike: { 'aws:SourceArn': SOURCE_ARN_PATTERN },
              },
            }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::Logs::DeliveryDestination', { DeliveryDestinationType: 'S3' });
      const policyId = Object.keys(template.findResources('AWS::S3::BucketPolicy'))[0];
      for (const [, d] of deliveries(template)) {
        expect(d.Properties.S3EnableHiveCompatiblePath).toBe(true);
        expect(d.DependsOn).toContain(policyId);
      }
    });

    test('a customer managed key gets the key policy statement, before the deliveries', () => {
      const { stack, organization } = setup();
      const key = new kms.Key(stack, 'Key');
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
      new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.bucket(bucket) });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([{
            Sid: 'WorkMailAuditLogDeliveryKeyUse',
            Effect: 'Allow',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            Resource: '*',
            Condition: DELIVERY_CONDITIONS,
          }]),
        },
      });
      const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
      for (const [, d] of deliveries(template)) {
        expect(d.DependsOn).toContain(keyId);
      }
    });

    test('an imported bucket and key cannot be changed: warnings carry the statements to add', () => {
      const { stack, organization } = setup();
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'audit-archive');
      const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-000000000000');
      new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.bucket(bucket, { encryptionKey: key }) });
      const warnings = Annotations.fromStack(stack).findWarning('/Mail/AuditLogs', Match.anyValue()).map((w) => String(w.entry.data));
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toMatch(/^The bucket policy of imported bucket audit-archive cannot be changed by this stack\..*"Action":\["s3:GetBucketAcl","s3:ListBucket"\]/);
      expect(warnings[1]).toMatch(/"Action":"s3:PutObject".*AWSLogs\/111122223333\/\*/);
      expect(warnings[2]).toMatch(/^The key policy of imported key arn:aws:kms:.* cannot be changed.*"kms:GenerateDataKey\*"/);
    });

    test.each([
      ['S3 bucket keys (aws/s3)', (stack: Stack) => ({ bucket: new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.KMS_MANAGED }) })],
      ['aws/s3 passed as the key', (stack: Stack) => ({
        bucket: s3.Bucket.fromBucketName(stack, 'Bucket', 'audit-archive'),
        encryptionKey: kms.Alias.fromAliasName(stack, 'S3Key', 'alias/aws/s3'),
      })],
    ])('refuses a bucket encrypted with an AWS managed key: %s', (_, make) => {
      const { stack, organization } = setup();
      const { bucket, encryptionKey } = make(stack) as { bucket: s3.IBucket; encryptionKey?: kms.IKey };
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.bucket(bucket, { encryptionKey }) }))
        .toThrow(/^Mail\/AuditLogs: invalid destination bucket encryption.*CloudWatch Logs cannot deliver readable logs to a bucket encrypted with an AWS managed key/);
    });

    test('S3 managed encryption needs nothing more', () => {
      const { stack, organization } = setup();
      const bucket = new s3.Bucket(stack, 'Bucket', { encryption: s3.BucketEncryption.S3_MANAGED });
      new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.bucket(bucket) });
      Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
    });
  });

  describe('Firehose stream', () => {
    test('tags the stream LogDeliveryEnabled=true and nothing else', () => {
      const { stack, organization } = setup();
      const stream = new firehose.DeliveryStream(stack, 'Stream', { destination: new firehose.S3Bucket(new s3.Bucket(stack, 'Bucket')) });
      new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.firehose(stream) });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', { Tags: [{ Key: 'LogDeliveryEnabled', Value: 'true' }] });
      template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
        DeliveryDestinationType: 'FH',
        DestinationResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Stream'), 'Arn'] },
      });
      for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
        expect(role.Properties.Tags).toBeUndefined();
      }
    });

    test('an imported stream cannot be tagged: a warning says what it needs', () => {
      const { stack, organization } = setup();
      const stream = firehose.DeliveryStream.fromDeliveryStreamName(stack, 'Stream', 'audit');
      new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.firehose(stream) });
      Annotations.fromStack(stack).hasWarning('/Mail/AuditLogs', Match.stringLikeRegexp('Imported Firehose stream audit .*LogDeliveryEnabled=true'));
    });
  });

  describe('refuses', () => {
    test('an empty logTypes', () => {
      const { stack, organization } = setup();
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', {
        organization, logTypes: [], destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')),
      })).toThrow('Mail/AuditLogs: invalid logTypes []: name at least one log type, or leave logTypes out to deliver all five.');
    });

    test('a log type listed twice', () => {
      const { stack, organization } = setup();
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', {
        organization,
        logTypes: [AuditLogType.AUTHENTICATION_LOGS, AuditLogType.AUTHENTICATION_LOGS],
        destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')),
      })).toThrow(/invalid logTypes .*AUTHENTICATION_LOGS is listed twice: list each log type once/);
    });

    test('an unknown log type', () => {
      const { stack, organization } = setup();
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', {
        organization,
        logTypes: ['EMAIL_LOGS' as AuditLogType],
        destination: AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit')),
      })).toThrow(/invalid logTypes "EMAIL_LOGS": it must be one of ACCESS_CONTROL_LOGS, /);
    });

    test('the same log type twice to the same destination', () => {
      const { stack, organization } = setup();
      const destination = AuditLogDestination.logGroup(new logs.LogGroup(stack, 'Audit'));
      new AuditLogDelivery(stack, 'One', { organization, destination, logTypes: [AuditLogType.AUTHENTICATION_LOGS] });
      expect(() => new AuditLogDelivery(stack, 'Two', { organization, destination }))
        .toThrow('Mail/Two: invalid logTypes "AUTHENTICATION_LOGS": Mail/One already delivers it to the same destination');
    });

    test.each([
      ['log group', (stack: Stack) => AuditLogDestination.logGroup(
        logs.LogGroup.fromLogGroupArn(stack, 'Audit', 'arn:aws:logs:eu-west-1:111122223333:log-group:audit:*'))],
      ['bucket', (stack: Stack) => AuditLogDestination.bucket(
        s3.Bucket.fromBucketAttributes(stack, 'Bucket', { bucketName: 'audit', region: 'eu-west-1' }))],
      ['Firehose stream', (stack: Stack) => AuditLogDestination.firehose(
        firehose.DeliveryStream.fromDeliveryStreamArn(stack, 'Stream', 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/audit'))],
    ])('a %s in another region', (what, destination) => {
      const { stack, organization } = setup();
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: destination(stack) }))
        .toThrow(`Mail/AuditLogs: invalid destination ${what} region "eu-west-1": audit logs are delivered only within the organization's account and region: use one in the organization's region (us-east-1).`);
    });

    test('a bucket name outside the S3 bucket name pattern', () => {
      const { stack, organization } = setup();
      const bucket = s3.Bucket.fromBucketName(stack, 'Legacy', 'audit_logs');
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.bucket(bucket) }))
        .toThrow('Mail/AuditLogs: invalid destination bucket "audit_logs": WorkMail and CloudWatch Logs take bucket names of 1-63 letters, '
          + 'digits, dots or hyphens: reference a bucket with such a name by its bare name');
    });

    test('a log group in another account', () => {
      const { stack, organization } = setup();
      const logGroup = logs.LogGroup.fromLogGroupArn(stack, 'Audit', 'arn:aws:logs:us-east-1:444455556666:log-group:audit:*');
      expect(() => new AuditLogDelivery(stack, 'AuditLogs', { organization, destination: AuditLogDestination.logGroup(logGroup) }))
        .toThrow(/invalid destination log group account "444455556666"/);
    });
  });
});
