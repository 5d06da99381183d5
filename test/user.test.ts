import { App, Duration, RemovalPolicy, SecretValue, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Group, MailboxPermission, MailboxPermissionType, Organization, User, UserRole } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const ENTITY_ID = '12345678-1234-1234-1234-123456789012';

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
  const organization = Organization.fromOrganizationAttributes(stack, 'Org', { organizationId: ORG_ID, alias: 'corp' });
  return { stack, organization };
}

const alice = { name: 'alice', displayName: 'Alice Liddell', email: 'alice@corp.awsapps.com' };

describe('User', () => {
  test('creates a Custom::WorkMailUser, retained by default, enabled, with its attributes', () => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice, jobTitle: 'Explorer' });
    Template.fromStack(stack).hasResource('Custom::WorkMailUser', {
      Properties: {
        ServiceToken: Match.anyValue(),
        OrganizationId: ORG_ID,
        Name: 'alice',
        Email: 'alice@corp.awsapps.com',
        // Enabled is the handler's default: not written.
        Enabled: Match.absent(),
        DisplayName: 'Alice Liddell',
        JobTitle: 'Explorer',
        Attributes: Match.absent(),
        Aliases: Match.absent(),
        PasswordSecretArn: Match.absent(),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('passes every property as the handler expects it', () => {
    const { stack, organization } = setup();
    const password = new secretsmanager.Secret(stack, 'Password');
    const user = new User(stack, 'Alice', {
      organization,
      ...alice,
      aliases: ['al@corp.awsapps.com'],
      password,
      passwordVersionId: 'v2',
      role: UserRole.REMOTE_USER,
      hiddenFromGlobalAddressList: true,
      mailboxQuota: Size.gibibytes(2),
      enabled: true,
      domainVerificationTimeout: Duration.minutes(10),
      removalPolicy: RemovalPolicy.DESTROY,
      firstName: 'Alice',
      lastName: 'Liddell',
      initials: 'AL',
      telephone: '+44 1865 000000',
      street: 'St Aldates',
      city: 'Oxford',
      company: 'Wonderland',
      zipCode: 'OX1 1DP',
      department: 'Rabbit holes',
      country: 'UK',
      office: 'Christ Church',
      jobTitle: 'Explorer',
    });
    user.addAlias('alice.l@corp.awsapps.com');
    const template = Template.fromStack(stack);
    template.hasResource('Custom::WorkMailUser', {
      Properties: {
        Aliases: ['al@corp.awsapps.com', 'alice.l@corp.awsapps.com'],
        PasswordSecretArn: { Ref: Match.stringLikeRegexp('Password') },
        PasswordSecretVersionId: 'v2',
        Role: 'REMOTE_USER',
        HiddenFromGlobalAddressList: 'true',
        MailboxQuota: '2048',
        DomainVerificationTimeout: '600',
        DisplayName: 'Alice Liddell',
        FirstName: 'Alice',
        LastName: 'Liddell',
        Initials: 'AL',
        Telephone: '+44 1865 000000',
        Street: 'St Aldates',
        City: 'Oxford',
        Company: 'Wonderland',
        ZipCode: 'OX1 1DP',
        Department: 'Rabbit holes',
        Country: 'UK',
        Office: 'Christ Church',
        JobTitle: 'Explorer',
      },
      DeletionPolicy: 'Delete',
    });
    // The handler may read the secret, and only that secret.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: Match.stringLikeRegexp('Password') },
        })]),
      },
    });
  });

  test('no password text reaches the template', () => {
    const { stack, organization } = setup();
    const password = new secretsmanager.Secret(stack, 'Password', {
      secretStringValue: SecretValue.unsafePlainText('Hunter2-Sup3r-Secret'),
    });
    new User(stack, 'Alice', { organization, ...alice, password });
    const template = Template.fromStack(stack).toJSON();
    const userResource = Object.values(template.Resources as Record<string, any>).find((r) => r.Type === 'Custom::WorkMailUser');
    expect(JSON.stringify(userResource)).not.toContain('Hunter2');
    expect(Object.keys(userResource.Properties)).not.toContain('Password');
    // Only the Secret resource itself holds the value the test chose to write there.
    const holders = Object.entries(template.Resources as Record<string, any>)
      .filter(([, r]) => JSON.stringify(r).includes('Hunter2')).map(([, r]) => r.Type);
    expect(holders).toEqual(['AWS::SecretsManager::Secret']);
  });

  test('a password given as a plain string is refused', () => {
    const { stack, organization } = setup();
    expect(() => new User(stack, 'Alice', { organization, ...alice, password: 'Hunter2-Sup3r-Secret' as any })).toThrow(
      'Mail/Alice: invalid password "(not shown)": pass a Secrets Manager secret (a Secret, or one imported with Secret.fromSecretNameV2, fromSecretCompleteArn, fromSecretPartialArn or fromSecretAttributes), never the password itself',
    );
  });

  test('a secret under a customer key is decryptable by the handler', () => {
    const { stack, organization } = setup();
    const encryptionKey = new kms.Key(stack, 'Key');
    new User(stack, 'Alice', { organization, ...alice, password: new secretsmanager.Secret(stack, 'Password', { encryptionKey }) });
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt' })]) },
    });
  });

  test('grants the user actions on the organization ARN only', () => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice });
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    const userStatement = statements.find((s: any) => [s.Action].flat().includes('workmail:CreateUser'));
    expect(userStatement.Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:workmail:us-east-1:111122223333:organization/${ORG_ID}`]],
    });
    expect(userStatement.Action).toEqual(expect.arrayContaining([
      'workmail:ListUsers', 'workmail:RegisterToWorkMail', 'workmail:DeregisterFromWorkMail', 'workmail:DeleteUser', 'workmail:ResetPassword',
    ]));
  });

  test('fromUserId imports a user by id, and refuses what is not an id', () => {
    const { stack } = setup();
    expect(User.fromUserId(stack, 'Bob', ENTITY_ID).userId).toBe(ENTITY_ID);
    expect(User.fromUserId(stack, 'Bob2', ENTITY_ID).entityId).toBe(ENTITY_ID);
    expect(() => User.fromUserId(stack, 'Carol', 'carol@corp.awsapps.com')).toThrow(
      /Mail\/Carol: invalid userId "carol@corp.awsapps.com": it must be a WorkMail user or group id/,
    );
  });

  test.each([
    ['name', { name: 'alice smith' }, /invalid name "alice smith": it must be 1-64 letters, digits/],
    ['name', { name: 'a'.repeat(65) }, /invalid name/],
    ['name', { name: '' }, /invalid name ""/],
    ['email', { email: 'alice' }, /invalid email "alice": it must be an email address/],
    ['email', { email: 'alice@corp' }, /invalid email "alice@corp"/],
    ['email', { email: `${'a'.repeat(65)}@corp.awsapps.com` }, /invalid email/],
    ['displayName', { displayName: 'x'.repeat(257) }, /invalid displayName/],
    ['city', { city: 'é'.repeat(257) }, /invalid city/],
    ['alias', { aliases: ['not-an-address'] }, /invalid alias "not-an-address"/],
    ['mailboxQuota', { mailboxQuota: Size.gibibytes(51) }, /invalid mailboxQuota "52224 MB": it must be a whole number of megabytes from 1 to 51200/],
    ['mailboxQuota', { mailboxQuota: Size.kibibytes(1536) }, /invalid mailboxQuota "1.5 MB"/],
    ['domainVerificationTimeout', { domainVerificationTimeout: Duration.minutes(51) }, /invalid domainVerificationTimeout "51 minutes": it must be at most 50 minutes/],
  ])('refuses a bad %s', (_, overrides, message) => {
    const { stack, organization } = setup();
    expect(() => new User(stack, 'Alice', { organization, ...alice, ...overrides })).toThrow(message);
  });

  test('lengths count code points, as WorkMail does', () => {
    const { stack, organization } = setup();
    expect(() => new User(stack, 'Alice', { organization, ...alice, displayName: '😀'.repeat(256) })).not.toThrow();
  });

  test.each([
    ['more than 100 aliases', { aliases: Array.from({ length: 101 }, (_, i) => `a${i}@corp.awsapps.com`) }, /at most 100 aliases per user or group.*got 101: remove 1/],
    ['a duplicate alias', { aliases: ['a@corp.awsapps.com', 'A@corp.awsapps.com'] }, /invalid aliases "A@corp.awsapps.com": it is listed twice/],
    ['the primary address as alias', { aliases: ['Alice@corp.awsapps.com'] }, /the primary email address cannot also be an alias/],
    ['aliases on a disabled user', { enabled: false, aliases: ['a@corp.awsapps.com'] }, /aliases need a registered \(enabled\) entity/],
  ])('refuses %s at synth', (_, overrides, message) => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice, ...overrides });
    expect(() => Template.fromStack(stack)).toThrow(message);
  });

  test('exactly 100 aliases are fine', () => {
    const { stack, organization } = setup();
    new User(stack, 'Alice', { organization, ...alice, aliases: Array.from({ length: 100 }, (_, i) => `a${i}@corp.awsapps.com`) });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('an in-stack organization, users, a group and permissions make no dependency cycle', () => {
    const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1' } });
    const organization = new Organization(stack, 'Org', { alias: 'corp' });
    const password = new secretsmanager.Secret(stack, 'Password');
    const a = new User(stack, 'Alice', { organization, ...alice, email: `alice@${organization.defaultMailDomain}`, password });
    const b = new User(stack, 'Bob', { organization, name: 'bob', displayName: 'Bob', email: 'bob@corp.awsapps.com' });
    const group = new Group(stack, 'Team', { organization, name: 'Team', members: [a, b] });
    a.addMailboxPermission(b, MailboxPermissionType.FULL_ACCESS);
    new MailboxPermission(stack, 'SendAsTeam', { organization, mailbox: group, grantee: a, permissions: [MailboxPermissionType.SEND_AS] });
    expect(findCycle(Template.fromStack(stack).toJSON())).toBeUndefined();
  });
});
