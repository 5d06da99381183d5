import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AvailabilityConfiguration, AvailabilityProvider, Organization } from '../src';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
  const organization = Organization.fromOrganizationAttributes(stack, 'Org', { organizationId: ORG_ID, alias: 'corp' });
  return { stack, organization };
}

test('EWS: the template carries the secret ARN only, and the handler may read it', () => {
  const { stack, organization } = setup();
  const password = new secretsmanager.Secret(stack, 'EwsPassword');
  new AvailabilityConfiguration(stack, 'FreeBusy', {
    organization,
    domainName: 'example.com',
    provider: AvailabilityProvider.ews({ endpoint: 'https://mail.example.com/EWS/Exchange.asmx', username: 'freebusy', password, passwordVersionId: 'v1' }),
  });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('Custom::WorkMailAvailabilityConfiguration', {
    OrganizationId: ORG_ID,
    DomainName: 'example.com',
    EwsEndpoint: 'https://mail.example.com/EWS/Exchange.asmx',
    EwsUsername: 'freebusy',
    EwsPasswordSecretArn: { Ref: Match.stringLikeRegexp('EwsPassword') },
    EwsPasswordSecretVersionId: 'v1',
    LambdaArn: Match.absent(),
  });
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]) },
  });
});

test('Lambda: the invoke permission is scoped to the regional service, the organization ARN and the account', () => {
  const { stack, organization } = setup();
  const handler = new lambda.Function(stack, 'Cap', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  new AvailabilityConfiguration(stack, 'FreeBusy', { organization, domainName: 'example.com', provider: AvailabilityProvider.lambdaFunction(handler) });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Lambda::Permission', {
    Action: 'lambda:InvokeFunction',
    Principal: 'availability.workmail.us-east-1.amazonaws.com',
    SourceAccount: '111122223333',
    SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:workmail:us-east-1:111122223333:organization/${ORG_ID}`]] },
  });
  template.hasResourceProperties('Custom::WorkMailAvailabilityConfiguration', {
    LambdaArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Cap'), 'Arn'] },
  });
});

test('Lambda, environment-agnostic stack: the principal names the deployment region with Fn::Sub', () => {
  const stack = new Stack(new App(), 'Agnostic');
  const organization = Organization.fromOrganizationId(stack, 'Org', ORG_ID);
  const handler = new lambda.Function(stack, 'Cap', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  new AvailabilityConfiguration(stack, 'FreeBusy', { organization, domainName: 'example.com', provider: AvailabilityProvider.lambdaFunction(handler) });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
    Principal: { 'Fn::Sub': 'availability.workmail.${AWS::Region}.amazonaws.com' },
    SourceAccount: { Ref: 'AWS::AccountId' },
  });
});

test.each([
  [{ domainName: 'ex' }, /invalid domainName "ex"/],
  [{ domainName: 'exa mple.com' }, /invalid domainName/],
  [{ endpoint: 'ftp://mail.example.com/EWS' }, /invalid endpoint "ftp:\/\/mail.example.com\/EWS": it must be an http\(s\) URL/],
  [{ endpoint: 'https://mail.example.com' }, /invalid endpoint/],
  [{ username: '' }, /invalid username ""/],
  [{ password: 'plain-text' }, /invalid password "\(not shown\)": pass a Secrets Manager secret/],
])('refuses %j', (overrides: Record<string, unknown>, message) => {
  const { stack, organization } = setup();
  const options = { endpoint: 'https://mail.example.com/EWS/Exchange.asmx', username: 'freebusy', password: new secretsmanager.Secret(stack, 'P'), ...overrides };
  expect(() => new AvailabilityConfiguration(stack, 'FreeBusy', {
    organization,
    domainName: (overrides.domainName as string) ?? 'example.com',
    provider: AvailabilityProvider.ews(options as any),
  })).toThrow(message);
});
