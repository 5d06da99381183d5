import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Organization } from '../src';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';

function stack(region = 'us-east-1'): Stack {
  return new Stack(new App(), 'Mail', { env: { region, account: '111122223333' } });
}

describe('Organization', () => {
  test('creates a Custom::WorkMailOrganization retained by default', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'example-corp' });
    const template = Template.fromStack(s);
    template.hasResource('Custom::WorkMailOrganization', {
      Properties: { Alias: 'example-corp', ServiceToken: Match.anyValue() },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('passes every property as the handler expects it', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    new Organization(s, 'Org', {
      alias: 'corp',
      kmsKey: key,
      directoryId: 'd-0123456789',
      enableInteroperability: true,
      deleteDirectory: false,
      forceDelete: true,
      removalPolicy: RemovalPolicy.DESTROY,
      tags: { team: 'mail' },
    });
    Template.fromStack(s).hasResource('Custom::WorkMailOrganization', {
      Properties: {
        Alias: 'corp',
        KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] },
        DirectoryId: 'd-0123456789',
        EnableInteroperability: 'true',
        DeleteDirectory: 'false',
        ForceDelete: 'true',
        Tags: [{ Key: 'team', Value: 'mail' }],
      },
      DeletionPolicy: 'Delete',
    });
  });

  test('applyRemovalPolicy reaches the custom resource', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp' }).applyRemovalPolicy(RemovalPolicy.DESTROY);
    Template.fromStack(s).hasResource('Custom::WorkMailOrganization', { DeletionPolicy: 'Delete' });
  });

  test('Tags.of() reaches the organization', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp' });
    Tags.of(s).add('Project', 'mail');
    Template.fromStack(s).hasResourceProperties('Custom::WorkMailOrganization', {
      Tags: [{ Key: 'Project', Value: 'mail' }],
    });
  });

  test('attributes come from the custom resource', () => {
    const s = stack();
    const org = new Organization(s, 'Org', { alias: 'corp' });
    expect(s.resolve(org.organizationId)).toEqual({ Ref: 'Org742A0865' });
    expect(s.resolve(org.organizationArn)).toEqual({ 'Fn::GetAtt': ['Org742A0865', 'OrganizationArn'] });
    expect(s.resolve(org.defaultMailDomain)).toEqual({ 'Fn::GetAtt': ['Org742A0865', 'DefaultMailDomain'] });
    expect(org.alias).toBe('corp');
  });

  test('many organizations share one provider and one set of statements', () => {
    const s = stack();
    new Organization(s, 'A', { alias: 'a-corp' });
    new Organization(s, 'B', { alias: 'b-corp' });
    new Organization(s, 'C', { alias: 'c-corp' });
    const template = Template.fromStack(s);
    // One handler for both phases and the framework's onEvent, isComplete, onTimeout.
    template.resourceCountIs('AWS::Lambda::Function', 4);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    const [policy] = Object.values(template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyName: Match.stringLikeRegexp('HandlerRole') },
    }));
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat());
    expect(actions.filter((a: string) => a === 'workmail:CreateOrganization')).toHaveLength(1);
  });

  test('handlers run on Node.js 22 with bundled code', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp' });
    Template.fromStack(s).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 256,
    });
  });

  test('the handler role is scoped: organization actions to this account\'s organizations, the key via WorkMail', () => {
    const s = stack();
    const key = new kms.Key(s, 'Key');
    new Organization(s, 'Org', { alias: 'corp', kmsKey: key });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['workmail:DescribeOrganization', 'workmail:DeleteOrganization']),
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':workmail:us-east-1:111122223333:organization/*']],
            },
          }),
          Match.objectLike({
            Action: ['kms:CreateGrant', 'kms:Encrypt', 'kms:Decrypt'],
            Condition: { StringEquals: { 'kms:ViaService': 'workmail.us-east-1.amazonaws.com' } },
          }),
        ]),
      },
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(statements.filter((st: any) => [st.Action].flat().some((a: string) => a === 'workmail:*' || a === 'ses:*'))).toEqual([]);
  });

  describe('validation', () => {
    test.each([
      ['', 'empty'],
      ['-corp', 'leading hyphen'],
      ['corp-', 'trailing hyphen'],
      ['co--rp', 'double hyphen'],
      ['d-corp', 'directory-like prefix'],
      ['corp.example', 'dot'],
      ['a'.repeat(63), '63 characters'],
      ['café', 'non-ASCII letter'],
    ])('rejects alias %j (%s) naming the construct, the value and the rule', (alias) => {
      expect(() => new Organization(stack(), 'Org', { alias })).toThrow(
        `Mail/Org: invalid alias ${JSON.stringify(alias)}: it must be 1-62 letters or digits with single hyphens between them`,
      );
    });

    test.each(['a', 'A1', 'example-corp', 'a'.repeat(62), 'x-1-y'])('accepts alias %j', (alias) => {
      expect(() => new Organization(stack(), 'Org', { alias })).not.toThrow();
    });

    test('skips unresolved tokens', () => {
      const s = stack();
      expect(() => new Organization(s, 'Org', { alias: s.stackName })).not.toThrow();
    });

    test.each(['d-123', 'd-0123456789a', 'D-0123456789', 'd-012345678g'])('rejects directoryId %j', (directoryId) => {
      expect(() => new Organization(stack(), 'Org', { alias: 'corp', directoryId }))
        .toThrow(`Mail/Org: invalid directoryId ${JSON.stringify(directoryId)}: it must be "d-" followed by 10 lowercase hexadecimal digits`);
    });

    test('interoperability needs an AD Connector directory', () => {
      expect(() => new Organization(stack(), 'Org', { alias: 'corp', enableInteroperability: true }))
        .toThrow(/Mail\/Org: invalid enableInteroperability true: .*pass its directoryId/);
    });

    test('refuses a region without WorkMail', () => {
      expect(() => new Organization(stack('eu-central-1'), 'Org', { alias: 'corp' }))
        .toThrow('Mail/Org: invalid stack region "eu-central-1": WorkMail has an API only in us-east-1, us-west-2, eu-west-1');
    });

    test('warns when the region is unknown', () => {
      const s = new Stack(new App(), 'Agnostic');
      new Organization(s, 'Org', { alias: 'corp' });
      Annotations.fromStack(s).hasWarning('/Agnostic/Org', Match.stringLikeRegexp('WorkMail has an API only in us-east-1, us-west-2, eu-west-1'));
    });

    test.each([
      [{ 'aws:owner': 'x' }, /tag key aws:owner is reserved/],
      [{ 'cdk-workmail:kms-key': 'x' }, /tag key cdk-workmail:kms-key is reserved/],
      [{ 'cdk-workmail:dmarc': 'x' }, /tag key cdk-workmail:dmarc is reserved/],
      [{ ['k'.repeat(129)]: 'x' }, /must be 1-128 characters long/],
      [{ k: 'v'.repeat(257) }, /tag k has a value longer than 256 characters/],
      [Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])), /at most 49 tags .* got 50/],
    ])('rejects tags %#', (tags, message) => {
      const s = stack();
      new Organization(s, 'Org', { alias: 'corp', tags });
      expect(() => Template.fromStack(s)).toThrow(message);
    });
  });
});

describe('imported organizations', () => {
  test('fromOrganizationId builds the ARN in the stack\'s account and region', () => {
    const s = stack();
    const org = Organization.fromOrganizationId(s, 'Org', ORG_ID);
    expect(org.organizationId).toBe(ORG_ID);
    expect(s.resolve(org.organizationArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:workmail:us-east-1:111122223333:organization/${ORG_ID}`]],
    });
    expect(() => org.alias).toThrow(/the alias of imported organization .* is unknown: pass alias/);
  });

  test('fromOrganizationAttributes derives the test domain from the alias', () => {
    const org = Organization.fromOrganizationAttributes(stack(), 'Org', { organizationId: ORG_ID, alias: 'corp' });
    expect(org.defaultMailDomain).toBe('corp.awsapps.com');
    const withDomain = Organization.fromOrganizationAttributes(stack(), 'Org', {
      organizationId: ORG_ID, alias: 'corp', defaultMailDomain: 'corp.example',
    });
    expect(withDomain.defaultMailDomain).toBe('corp.example');
  });

  test.each(['m-123', `M-${'0'.repeat(32)}`, `m-${'0'.repeat(31)}g`, 'corp'])('rejects organization id %j', (id) => {
    expect(() => Organization.fromOrganizationId(stack(), 'Org', id))
      .toThrow(`Mail/Org: invalid organizationId ${JSON.stringify(id)}: it must be "m-" followed by 32 lowercase hexadecimal digits`);
  });

  test('imports add no resources', () => {
    const s = stack();
    Organization.fromOrganizationId(s, 'Org', ORG_ID);
    expect(Object.keys(Template.fromStack(s).toJSON().Resources ?? {})).toEqual([]);
  });
});

describe('grant and metrics', () => {
  test('grant scopes the actions to the organization ARN', () => {
    const s = stack();
    const org = Organization.fromOrganizationId(s, 'Org', ORG_ID);
    const role = new iam.Role(s, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    org.grant(role, 'workmail:DescribeOrganization', 'workmail:ListUsers');
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['workmail:DescribeOrganization', 'workmail:ListUsers'],
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:workmail:us-east-1:111122223333:organization/${ORG_ID}`]] },
        }],
      },
    });
  });

  test.each([
    ['metricOrganizationEmailReceived', 'OrganizationEmailReceived'],
    ['metricMailboxEmailDelivered', 'MailboxEmailDelivered'],
    ['metricIncomingEmailBounced', 'IncomingEmailBounced'],
    ['metricOutgoingEmailBounced', 'OutgoingEmailBounced'],
    ['metricOutgoingEmailSent', 'OutgoingEmailSent'],
    ['metricAuthenticationFailure', 'AuthenticationFailure'],
    ['metricAccessDenied', 'AccessDenied'],
    ['metricActionDenied', 'ActionDenied'],
    ['metricAvailabilityProviderFailure', 'AvailabilityProviderFailure'],
  ])('%s is AWS/WorkMail %s per organization, summed over 5 minutes', (method, metricName) => {
    const org = new Organization(stack(), 'Org', { alias: 'corp' });
    const metric = (org as any)[method]();
    expect(metric.namespace).toBe('AWS/WorkMail');
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe('Sum');
    expect(metric.period.toMinutes()).toBe(5);
    expect(Stack.of(org).resolve(metric.dimensions)).toEqual({ OrganizationId: { Ref: 'Org742A0865' } });
  });

  test('metric options override the defaults', () => {
    const org = Organization.fromOrganizationId(stack(), 'Org', ORG_ID);
    const metric = org.metric('AuthenticationFailure', { statistic: 'SampleCount' });
    expect(metric.statistic).toBe('SampleCount');
  });
});
