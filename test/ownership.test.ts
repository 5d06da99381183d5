import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  AccessControlRule,
  AccessEffect,
  AvailabilityConfiguration,
  AvailabilityProvider,
  Domain,
  EmailEventLogging,
  EmailFlowRule,
  FlowAction,
  FlowDirection,
  Group,
  ImpersonationRole,
  ImpersonationRoleType,
  InboundDmarc,
  IOrganization,
  MailboxPermission,
  MailboxPermissionType,
  MobileDeviceAccessOverride,
  MobileDeviceAccessRule,
  Organization,
  Resource,
  ResourceKind,
  RetentionAction,
  RetentionFolder,
  RetentionPolicy,
  User,
} from '../src';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const ACCOUNT = '111122223333';

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: ACCOUNT } });
  const organization = Organization.fromOrganizationAttributes(stack, 'Org', { organizationId: ORG_ID, alias: 'corp' });
  return { stack, organization };
}

/** What a JavaScript caller, without the type checker, can pass. */
const untyped = <T>(value: unknown): T => value as T;

/** Each construct that can adopt, built with `extra` props, and its resource type. */
const adoptable: Array<[string, string, (scope: Construct, organization: IOrganization, extra: object) => void]> = [
  ['User', 'Custom::WorkMailUser', (s, organization, extra) =>
    new User(s, 'X', { organization, name: 'alice', displayName: 'Alice', email: 'alice@corp.awsapps.com', ...extra })],
  ['Group', 'Custom::WorkMailGroup', (s, organization, extra) => new Group(s, 'X', { organization, name: 'team', ...extra })],
  ['Resource', 'Custom::WorkMailResource', (s, organization, extra) =>
    new Resource(s, 'X', { organization, name: 'room', kind: ResourceKind.ROOM, email: 'room@corp.awsapps.com', ...extra })],
  ['Domain', 'Custom::WorkMailDomain', (s, organization, extra) => new Domain(s, 'X', { organization, domainName: 'example.com', ...extra })],
  ['ImpersonationRole', 'Custom::WorkMailImpersonationRole', (s, organization, extra) =>
    new ImpersonationRole(s, 'X', { organization, name: 'backup', roleType: ImpersonationRoleType.READ_ONLY, rules: [], ...extra })],
  ['MobileDeviceAccessRule', 'Custom::WorkMailMobileDeviceAccessRule', (s, organization, extra) =>
    new MobileDeviceAccessRule(s, 'X', { organization, name: 'deny', effect: AccessEffect.DENY, ...extra })],
  ['AvailabilityConfiguration', 'Custom::WorkMailAvailabilityConfiguration', (s, organization, extra) =>
    new AvailabilityConfiguration(s, 'X', {
      organization,
      domainName: 'example.com',
      provider: AvailabilityProvider.lambdaFunction(lambda.Function.fromFunctionArn(s, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:free-busy`)),
      ...extra,
    })],
  ['EmailEventLogging', 'Custom::WorkMailEmailMonitoring', (s, organization, extra) => new EmailEventLogging(s, 'X', { organization, ...extra })],
  ['RetentionPolicy', 'Custom::WorkMailRetentionPolicy', (s, organization, extra) =>
    new RetentionPolicy(s, 'X', { organization, folders: [{ folder: RetentionFolder.JUNK_EMAIL, action: RetentionAction.DELETE, period: Duration.days(30) }], ...extra })],
  ['InboundDmarc', 'Custom::WorkMailInboundDmarcSettings', (s, organization, extra) => new InboundDmarc(s, 'X', { organization, enforced: true, ...extra })],
];

/** The id prop adoption needs, for the types WorkMail keys by id. */
const liveIds: Record<string, object> = {
  ImpersonationRole: { impersonationRoleId: 'ab12-cd34' },
  MobileDeviceAccessRule: { mobileDeviceAccessRuleId: 'ab12-cd34' },
};

describe('adoptExisting', () => {
  test.each(adoptable)('%s writes AdoptExisting only when set, and an adopted object is retained unless DESTROY is explicit', (name, type, make) => {
    const plain = setup();
    make(plain.stack, plain.organization, {});
    Template.fromStack(plain.stack).hasResourceProperties(type, { AdoptExisting: Match.absent() });

    const adopted = setup();
    make(adopted.stack, adopted.organization, { adoptExisting: true, ...liveIds[name] });
    Template.fromStack(adopted.stack).hasResource(type, {
      Properties: Match.objectLike({ AdoptExisting: 'true' }),
      DeletionPolicy: 'Retain',
    });

    const destroyed = setup();
    make(destroyed.stack, destroyed.organization, { adoptExisting: true, removalPolicy: RemovalPolicy.DESTROY, ...liveIds[name] });
    Template.fromStack(destroyed.stack).hasResource(type, { Properties: Match.objectLike({ AdoptExisting: 'true' }), DeletionPolicy: 'Delete' });

    const wrong = setup();
    expect(() => make(wrong.stack, wrong.organization, { adoptExisting: untyped('yes') })).toThrow('Mail/X: invalid adoptExisting "yes": it must be true or false.');
  });

  test('an impersonation role and a mobile rule adopt by id, which needs adoptExisting and the model\'s pattern', () => {
    const { stack, organization } = setup();
    new ImpersonationRole(stack, 'Role', { organization, name: 'backup', roleType: ImpersonationRoleType.READ_ONLY, rules: [], adoptExisting: true, impersonationRoleId: 'ab12-cd34' });
    new MobileDeviceAccessRule(stack, 'Rule', { organization, name: 'deny', effect: AccessEffect.DENY, adoptExisting: true, mobileDeviceAccessRuleId: 'ef56' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::WorkMailImpersonationRole', { ImpersonationRoleId: 'ab12-cd34', AdoptExisting: 'true' });
    template.hasResourceProperties('Custom::WorkMailMobileDeviceAccessRule', { MobileDeviceAccessRuleId: 'ef56', AdoptExisting: 'true' });

    expect(() => new ImpersonationRole(stack, 'NoId', { organization, name: 'b', roleType: ImpersonationRoleType.READ_ONLY, rules: [], adoptExisting: true })).toThrow(
      'Mail/NoId: invalid impersonationRoleId undefined: adoptExisting takes over a live impersonation role by its id, as WorkMail does not key them by name: '
      + 'pass impersonationRoleId (from the console or ListImpersonationRoles), or drop adoptExisting.',
    );
    expect(() => new MobileDeviceAccessRule(stack, 'IdOnly', { organization, name: 'd', effect: AccessEffect.DENY, mobileDeviceAccessRuleId: 'ef56' })).toThrow(
      'Mail/IdOnly: invalid mobileDeviceAccessRuleId "ef56": it names the live mobile device access rule to take over, which only adoptExisting: true does: '
      + 'add adoptExisting: true, or drop mobileDeviceAccessRuleId.',
    );
    expect(() => new ImpersonationRole(stack, 'BadId', {
      organization, name: 'c', roleType: ImpersonationRoleType.READ_ONLY, rules: [], adoptExisting: true, impersonationRoleId: 'not an id',
    })).toThrow('Mail/BadId: invalid impersonationRoleId "not an id": it must be 1-64 letters, digits, "_" or "-", as WorkMail shows the id.');
  });

  const cannotAdopt: Array<[string, (scope: Construct, organization: IOrganization) => void, string]> = [
    ['AccessControlRule', (s, organization) => new AccessControlRule(s, 'X', untyped({ organization, name: 'r', effect: AccessEffect.DENY, adoptExisting: true })),
      'WorkMail keys access control rules by name and puts this one whatever was there: there is nothing to take over'],
    ['MobileDeviceAccessOverride', (s, organization) => new MobileDeviceAccessOverride(s, 'X', untyped({
      organization, user: User.fromUserId(s, 'U', '12345678-1234-1234-1234-123456789012'), deviceId: 'abc', effect: AccessEffect.DENY, adoptExisting: true,
    })), 'WorkMail keeps one override per user and device'],
    ['MailboxPermission', (s, organization) => new MailboxPermission(s, 'X', untyped({
      organization,
      mailbox: User.fromUserId(s, 'A', '12345678-1234-1234-1234-123456789012'),
      grantee: User.fromUserId(s, 'B', '12345678-1234-1234-1234-123456789013'),
      permissions: [MailboxPermissionType.SEND_AS],
      adoptExisting: true,
    })), 'mailbox permissions are granted per mailbox and grantee'],
    ['EmailFlowRule', (s, organization) => new EmailFlowRule(s, 'X', untyped({
      organization, direction: FlowDirection.INBOUND, action: FlowAction.drop(), senders: ['*'], adoptExisting: true,
    })), 'WorkMail has no API for email flow rules'],
    ['Organization', (s) => new Organization(s, 'X', untyped({ alias: 'corp', adoptExisting: true })),
      'an Organization creates an organization: import an existing one with Organization.fromOrganizationId'],
  ];
  test.each(cannotAdopt)('%s refuses adoptExisting from a JavaScript caller', (_, make, reason) => {
    const { stack, organization } = setup();
    expect(() => make(stack, organization)).toThrow(`Mail/X: invalid adoptExisting true: ${reason}`);
  });
});

describe('imported secrets', () => {
  const forms: Array<[string, (scope: Construct) => secretsmanager.ISecret, string | undefined]> = [
    ['fromSecretNameV2', (s) => secretsmanager.Secret.fromSecretNameV2(s, 'Secret', 'workmail/alice'), 'secret:workmail/alice-??????'],
    ['fromSecretCompleteArn', (s) => secretsmanager.Secret.fromSecretCompleteArn(s, 'Secret', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:workmail/alice-AbCdEf`),
      'secret:workmail/alice-AbCdEf'],
    ['fromSecretPartialArn', (s) => secretsmanager.Secret.fromSecretPartialArn(s, 'Secret', `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:workmail/alice`),
      'secret:workmail/alice-??????'],
    ['fromSecretAttributes', (s) => secretsmanager.Secret.fromSecretAttributes(s, 'Secret', {
      secretCompleteArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:workmail/alice-AbCdEf`,
      encryptionKey: kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
    }), 'secret:workmail/alice-AbCdEf'],
  ];

  /** The provider role may read the secret (a partial ARN with the wildcard suffix), and decrypt it when it has a key. */
  function expectReadable(template: Template, arnSuffix: string | undefined, withKey: boolean): void {
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement)
      .map((statement: any) => ({ actions: [statement.Action].flat(), resource: JSON.stringify(statement.Resource) }));
    expect(statements.some(({ actions, resource }) => actions.includes('secretsmanager:GetSecretValue') && resource.includes(arnSuffix!))).toBe(true);
    expect(statements.some(({ actions }) => actions.includes('kms:Decrypt'))).toBe(withKey);
  }

  test.each(forms)('User.password from Secret.%s', (form, secret, arnSuffix) => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, name: 'alice', displayName: 'Alice', email: 'alice@corp.awsapps.com', password: secret(stack) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::WorkMailUser', { PasswordSecretArn: Match.anyValue() });
    expectReadable(template, arnSuffix, form === 'fromSecretAttributes');
  });

  test.each(forms)('the EWS password from Secret.%s', (form, secret, arnSuffix) => {
    const { stack, organization } = setup();
    new AvailabilityConfiguration(stack, 'Exchange', {
      organization,
      domainName: 'example.com',
      provider: AvailabilityProvider.ews({ endpoint: 'https://mail.example.com/EWS/Exchange.asmx', username: 'svc', password: secret(stack) }),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::WorkMailAvailabilityConfiguration', { EwsPasswordSecretArn: Match.anyValue() });
    expectReadable(template, arnSuffix, form === 'fromSecretAttributes');
  });

  test('a string is still refused', () => {
    const { stack, organization } = setup();
    expect(() => new AvailabilityConfiguration(stack, 'Exchange', {
      organization,
      domainName: 'example.com',
      provider: AvailabilityProvider.ews({ endpoint: 'https://mail.example.com/EWS/Exchange.asmx', username: 'svc', password: untyped('hunter2') }),
    })).toThrow('Mail/Exchange: invalid password "(not shown)": pass a Secrets Manager secret');
  });
});
