import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  AccessControlRule,
  AccessEffect,
  AvailabilityConfiguration,
  AvailabilityProvider,
  Domain,
  EmailFlowRule,
  FlowAction,
  FlowDirection,
  Group,
  ImpersonationRole,
  ImpersonationRoleType,
  InboundDmarc,
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
const OTHER_ORG_ID = 'm-ffffffffffffffffffffffffffffffff';

function stack(app = new App(), id = 'Mail'): Stack {
  return new Stack(app, id, { env: { region: 'us-east-1', account: '111122223333' } });
}

function imported(scope: Stack, id = 'Org', organizationId = ORG_ID) {
  return Organization.fromOrganizationAttributes(scope, id, { organizationId, alias: 'corp' });
}

const user = (name: string, email = `${name}@corp.awsapps.com`) => ({ name, displayName: name, email });
/** What a JavaScript caller, without the type checker, can pass. */
const untyped = <T>(value: unknown): T => value as T;
const inbox = [{ folder: RetentionFolder.INBOX, action: RetentionAction.DELETE, period: Duration.days(30) }];

describe('conflicts across constructs of one organization', () => {
  test('two retention policies, or the prop and the construct', () => {
    const s = stack();
    const organization = imported(s);
    new RetentionPolicy(s, 'One', { organization, folders: inbox });
    expect(() => new RetentionPolicy(s, 'Two', { organization, folders: inbox })).toThrow(
      'Mail/Two: invalid retention policy "policy": Mail/One already manages it for organization Mail/Org, and WorkMail keeps one: '
      + 'WorkMail keeps one retention policy per organization, so two would overwrite each other: keep one RetentionPolicy',
    );
    const t = stack();
    const created = new Organization(t, 'Org', { alias: 'corp', retentionPolicy: { folders: inbox } });
    expect(() => new RetentionPolicy(t, 'Policy', { organization: created, folders: inbox })).toThrow(
      'Mail/Policy: invalid retention policy "policy": Mail/Org/RetentionPolicy already manages it for organization Mail/Org',
    );
  });

  test('two inbound DMARC settings, or the prop and the construct', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp', dmarcEnforcement: false });
    expect(() => new InboundDmarc(s, 'Dmarc', { organization, enforced: true })).toThrow(
      'Mail/Dmarc: invalid inbound DMARC setting "enforcement": Mail/Org/InboundDmarc already manages it for organization Mail/Org, and WorkMail keeps one: '
      + 'two constructs would overwrite each other: keep one InboundDmarc (or the organization\'s dmarcEnforcement prop) per organization.',
    );
  });

  test('two users with one name, in any case, or a group or resource with it', () => {
    const s = stack();
    const organization = imported(s);
    new User(s, 'Alice', { organization, ...user('alice') });
    const message = 'already has this name in organization Mail/Org, and WorkMail compares user, group and resource names without regard to case: '
      + 'give each user, group and resource of the organization its own name.';
    expect(() => new User(s, 'Alice2', { organization, ...user('Alice', 'alice2@corp.awsapps.com') }))
      .toThrow(`Mail/Alice2: invalid name "Alice": Mail/Alice ${message}`);
    expect(() => new Group(s, 'Team', { organization, name: 'ALICE' })).toThrow(`Mail/Team: invalid name "ALICE": Mail/Alice ${message}`);
    new Group(s, 'Sales', { organization, name: 'Sales' });
    expect(() => new Group(s, 'Sales2', { organization, name: 'sales' })).toThrow(`Mail/Sales2: invalid name "sales": Mail/Sales ${message}`);
    expect(() => new Resource(s, 'Room', { organization, name: 'sales', kind: ResourceKind.ROOM, email: 'room@corp.awsapps.com' }))
      .toThrow(`Mail/Room: invalid name "sales": Mail/Sales ${message}`);
  });

  test('two entities with one address, or an address that is another entity\'s alias', () => {
    const s = stack();
    const organization = imported(s);
    const alice = new User(s, 'Alice', { organization, ...user('alice'), aliases: ['a@corp.awsapps.com'] });
    const message = 'already uses this address (WorkMail compares addresses without regard to case) in organization Mail/Org, '
      + 'and an address delivers to one user, group or resource: choose another address, or add it to one entity only.';
    expect(() => new User(s, 'Bob', { organization, ...user('bob', 'ALICE@corp.awsapps.com') }))
      .toThrow(`Mail/Bob: invalid email "ALICE@corp.awsapps.com": Mail/Alice ${message}`);
    expect(() => new Group(s, 'Team', { organization, name: 'team', email: 'a@corp.awsapps.com' }))
      .toThrow(`Mail/Team: invalid email "a@corp.awsapps.com": Mail/Alice ${message}`);
    const bob = new User(s, 'Bob2', { organization, ...user('bob2') });
    expect(() => bob.addAlias('a@corp.awsapps.com')).toThrow(`Mail/Bob2: invalid alias "a@corp.awsapps.com": Mail/Alice ${message}`);
    // An entity's own alias equal to its address is the entity's own mistake, reported as such.
    alice.addAlias('alice@corp.awsapps.com');
    expect(() => Template.fromStack(s)).toThrow('the primary email address cannot also be an alias');
  });

  test('two mailbox permissions for one mailbox and grantee', () => {
    const s = stack();
    const organization = imported(s);
    const alice = new User(s, 'Alice', { organization, ...user('alice') });
    const bob = new User(s, 'Bob', { organization, ...user('bob') });
    new MailboxPermission(s, 'One', { organization, mailbox: alice, grantee: bob, permissions: [MailboxPermissionType.SEND_AS] });
    expect(() => alice.addMailboxPermission(bob, MailboxPermissionType.FULL_ACCESS)).toThrow(
      /^Mail\/Alice\/MailboxPermission.*: invalid mailbox permission "Mail\/Alice -> Mail\/Bob": Mail\/One already manages it for organization Mail\/Org, and WorkMail keeps one: .*list every permission in one MailboxPermission\.$/,
    );
    // The grant in the other direction is another pair.
    expect(() => bob.addMailboxPermission(alice, MailboxPermissionType.SEND_AS)).not.toThrow();
  });

  test('two availability configurations for one domain', () => {
    const s = stack();
    const organization = imported(s);
    const fn = lambda.Function.fromFunctionArn(s, 'Fn', 'arn:aws:lambda:us-east-1:111122223333:function:availability');
    new AvailabilityConfiguration(s, 'One', { organization, domainName: 'example.com', provider: AvailabilityProvider.lambdaFunction(fn) });
    expect(() => new AvailabilityConfiguration(s, 'Two', { organization, domainName: 'EXAMPLE.com', provider: AvailabilityProvider.lambdaFunction(fn) })).toThrow(
      'Mail/Two: invalid availability configuration for domain "EXAMPLE.com": Mail/One already manages it for organization Mail/Org, and WorkMail keeps one: '
      + 'WorkMail keeps one availability configuration per organization and domain: keep one AvailabilityConfiguration per domain.',
    );
  });

  test('two organizations with one alias', () => {
    const app = new App();
    new Organization(stack(app, 'One'), 'Org', { alias: 'corp' });
    expect(() => new Organization(stack(app, 'Two'), 'Org', { alias: 'Corp' })).toThrow(
      'Two/Org: invalid alias "Corp": One/Org already creates an organization with this alias, and an alias names one organization across AWS (<alias>.awsapps.com): choose another alias.',
    );
  });
});

describe('imports of one organization id share its context', () => {
  test('rules and their limit of 10 count across imports', () => {
    const s = stack();
    const one = imported(s, 'One');
    const two = imported(s, 'Two');
    for (let i = 0; i < 5; i++) {
      new AccessControlRule(s, `A${i}`, { organization: one, name: `a${i}`, effect: AccessEffect.ALLOW });
      new AccessControlRule(s, `B${i}`, { organization: two, name: `b${i}`, effect: AccessEffect.ALLOW });
    }
    expect(() => Template.fromStack(s)).toThrow('an organization has at most 10 access control rules, the built-in "default" rule included');
    expect(two.evaluateAccessControl({ protocol: untyped('EWS'), ipAddress: '192.0.2.1', user: User.fromUserId(s, 'U', '12345678-1234-1234-1234-123456789012') }).matchedRules)
      .toEqual(expect.arrayContaining(['a0', 'b4']));
  });

  test('a rule name used by one import is taken for the other', () => {
    const s = stack();
    new AccessControlRule(s, 'A', { organization: imported(s, 'One'), name: 'block', effect: AccessEffect.DENY });
    new AccessControlRule(s, 'B', { organization: imported(s, 'Two'), name: 'block', effect: AccessEffect.DENY });
    expect(() => Template.fromStack(s)).toThrow('Mail/B: duplicate access control rule name "block" (also used by Mail/A)');
  });

  test('the default rule is removed once', () => {
    const s = stack();
    imported(s, 'One').removeDefaultAccessControlRule({ acceptBlockingAllAccess: true });
    expect(() => imported(s, 'Two').removeDefaultAccessControlRule()).toThrow(
      'Mail/Two: the default access control rule of this organization is already removed by Mail/One/DefaultAccessControlRuleRemoval: remove it once.',
    );
  });

  test('one provider policy and one email flow engine for both imports', () => {
    const s = stack();
    const one = imported(s, 'One');
    const two = imported(s, 'Two');
    new User(s, 'Alice', { organization: one, ...user('alice') });
    new User(s, 'Bob', { organization: two, ...user('bob') });
    new EmailFlowRule(s, 'Drop', { organization: one, direction: FlowDirection.INBOUND, action: FlowAction.drop(), senders: ['spam.example'] });
    new EmailFlowRule(s, 'Junk', { organization: two, direction: FlowDirection.INBOUND, action: FlowAction.moveToJunk(), senders: ['ads.example'] });
    const template = Template.fromStack(s);
    expect(Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('^WorkMailUser') } }))).toHaveLength(1);
    expect(Object.keys(template.findResources('AWS::Lambda::LayerVersion'))).toHaveLength(1);
    expect(one.evaluateEmailFlow({ direction: FlowDirection.INBOUND, mailFrom: 'x@ads.example', recipients: ['alice@corp.awsapps.com'] })[0].ruleName).toBe('Junk');
  });

  test('a setting claimed through an import in one stack is taken in another stack of the app', () => {
    const app = new App();
    const one = stack(app, 'One');
    const two = stack(app, 'Two');
    new RetentionPolicy(one, 'Policy', { organization: imported(one), folders: inbox });
    expect(() => new RetentionPolicy(two, 'Policy', { organization: imported(two), folders: inbox }))
      .toThrow('Two/Policy: invalid retention policy "policy": One/Policy already manages it');
  });
});

describe('values the WorkMail model rejects, from JavaScript callers', () => {
  const s = stack();
  const organization = imported(s);
  const alice = new User(s, 'Alice', { organization, ...user('alice') });
  const cases: Array<[string, () => void, string]> = [
    ['user role', () => new User(s, 'U1', { organization, ...user('u1'), role: untyped('ADMIN') }),
      'Mail/U1: invalid role "ADMIN": it must be one of USER, REMOTE_USER (use the UserRole enum).'],
    ['resource kind', () => new Resource(s, 'R1', { organization, name: 'r1', email: 'r1@corp.awsapps.com', kind: untyped('DESK') }),
      'Mail/R1: invalid kind "DESK": it must be one of ROOM, EQUIPMENT (use the ResourceKind enum).'],
    ['permission type', () => new MailboxPermission(s, 'P1', { organization, mailbox: alice, grantee: User.fromUserId(s, 'B1', '12345678-1234-1234-1234-123456789012'), permissions: [untyped('READ')] }),
      'Mail/P1: invalid permissions[0] "READ": it must be one of FULL_ACCESS, SEND_AS, SEND_ON_BEHALF (use the MailboxPermissionType enum).'],
    ['access rule effect', () => new AccessControlRule(s, 'A1', { organization, name: 'a1', effect: untyped('allow') }),
      'Mail/A1: invalid effect "allow": it must be one of ALLOW, DENY (use the AccessEffect enum).'],
    ['mobile rule effect', () => new MobileDeviceAccessRule(s, 'M1', { organization, name: 'm1', effect: untyped('BLOCK') }),
      'Mail/M1: invalid effect "BLOCK": it must be one of ALLOW, DENY (use the AccessEffect enum).'],
    ['override effect', () => new MobileDeviceAccessOverride(s, 'O1', { organization, user: alice, deviceId: 'abc', effect: untyped('BLOCK') }),
      'Mail/O1: invalid effect "BLOCK": it must be one of ALLOW, DENY (use the AccessEffect enum).'],
    ['impersonation rule effect', () => new ImpersonationRole(s, 'I1', { organization, name: 'i1', roleType: ImpersonationRoleType.READ_ONLY, rules: [{ id: 'r', effect: untyped('YES') }] }),
      'Mail/I1: invalid rules[0].effect "YES": it must be one of ALLOW, DENY (use the AccessEffect enum).'],
    ['impersonation type', () => new ImpersonationRole(s, 'I2', { organization, name: 'i2', roleType: untyped('ADMIN'), rules: [] }),
      'Mail/I2: invalid roleType "ADMIN": it must be one of FULL_ACCESS, READ_ONLY (use the ImpersonationRoleType enum).'],
    ['flow direction', () => new EmailFlowRule(s, 'F1', { organization, direction: untyped('IN'), action: FlowAction.drop(), senders: ['*'] }),
      'Mail/F1: invalid direction "IN": it must be one of INBOUND, OUTBOUND (use the FlowDirection enum).'],
    ['retention folder', () => new RetentionPolicy(stack(), 'Policy', { organization: imported(stack()), folders: [{ folder: untyped('SPAM'), action: RetentionAction.NONE }] }),
      'Mail/Policy: invalid folder "SPAM": it must be one of INBOX, DELETED_ITEMS, SENT_ITEMS, DRAFTS, JUNK_EMAIL (use the RetentionFolder enum).'],
    ['retention action', () => new RetentionPolicy(stack(), 'Policy', { organization: imported(stack()), folders: [{ folder: RetentionFolder.INBOX, action: untyped('ARCHIVE') }] }),
      'Mail/Policy: invalid action of INBOX "ARCHIVE": it must be one of NONE, DELETE, PERMANENTLY_DELETE (use the RetentionAction enum).'],
  ];
  test.each(cases)('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('entities that WorkMail cannot link', () => {
  test('a resource as group member or as resource delegate', () => {
    const s = stack();
    const organization = imported(s);
    const room = new Resource(s, 'Room', { organization, name: 'room', kind: ResourceKind.ROOM, email: 'room@corp.awsapps.com' });
    const projector = Resource.fromResourceId(s, 'Projector', 'r-0123456789abcdef0123456789abcdef');
    expect(() => new Group(s, 'Team', { organization, name: 'team', members: [projector] })).toThrow(
      'Mail/Team: invalid members "Mail/Projector": a resource (room or equipment) cannot be a member, WorkMail takes users and groups: add a user or group instead.',
    );
    expect(() => room.addDelegate(projector)).toThrow(
      'Mail/Room: invalid delegates "Mail/Projector": a resource (room or equipment) cannot be a delegate, WorkMail takes users and groups: add a user or group instead.',
    );
  });

  test('users and groups of another organization', () => {
    const s = stack();
    const organization = imported(s);
    const other = imported(s, 'Other', OTHER_ORG_ID);
    const stranger = new User(s, 'Stranger', { organization: other, name: 'stranger', displayName: 'S', email: 'stranger@other.awsapps.com' });
    const message = 'invalid %s "Mail/Stranger": it belongs to organization Mail/Other, not to Mail/Org, and WorkMail links only users, groups and resources of one organization: use one of Mail/Org.';
    expect(() => new Group(s, 'Team', { organization, name: 'team', members: [stranger] })).toThrow(`Mail/Team: ${message.replace('%s', 'members')}`);
    expect(() => new MailboxPermission(s, 'P', { organization, mailbox: new User(s, 'Alice', { organization, ...user('alice') }), grantee: stranger, permissions: [MailboxPermissionType.SEND_AS] }))
      .toThrow(`Mail/P: ${message.replace('%s', 'grantee')}`);
    expect(() => new AccessControlRule(s, 'Rule', { organization, name: 'r', effect: AccessEffect.DENY, users: [stranger] })).toThrow(`Mail/Rule: ${message.replace('%s', 'users')}`);
    expect(() => new MobileDeviceAccessOverride(s, 'Override', { organization, user: stranger, deviceId: 'abc', effect: AccessEffect.DENY }))
      .toThrow(`Mail/Override: ${message.replace('%s', 'user')}`);
  });
});

describe('the organization\'s KMS key and deletion options', () => {
  test('an asymmetric key of the app', () => {
    const s = stack();
    const kmsKey = new kms.Key(s, 'Key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT });
    expect(() => new Organization(s, 'Org', { alias: 'corp', kmsKey })).toThrow(
      'Mail/Org: invalid kmsKey "RSA_2048": WorkMail encrypts mail with a symmetric encryption key only: create the key with keySpec KeySpec.SYMMETRIC_DEFAULT (the default).',
    );
  });

  test('an AWS managed key alias', () => {
    const s = stack();
    const kmsKey = kms.Alias.fromAliasName(s, 'Managed', 'alias/aws/workmail');
    expect(() => new Organization(s, 'Org', { alias: 'corp', kmsKey })).toThrow(
      'Mail/Org: invalid kmsKey "alias/aws/workmail": an AWS managed key cannot be given to WorkMail, which uses its own (aws/workmail) when kmsKey is omitted',
    );
  });

  test('a key of another region', () => {
    const s = stack();
    const kmsKey = kms.Key.fromKeyArn(s, 'Key', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => new Organization(s, 'Org', { alias: 'corp', kmsKey })).toThrow(
      'Mail/Org: invalid kmsKey region "eu-west-1": WorkMail encrypts with a key of the organization\'s account and region: use one in the organization\'s region (us-east-1).',
    );
  });

  test('forceDelete and deleteDirectory without DESTROY', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp', forceDelete: true, deleteDirectory: false });
    expect(() => Template.fromStack(s)).toThrow(
      'Mail/Org: invalid deleteDirectory false: it applies only when the organization is deleted, and its removal policy is retain: drop deleteDirectory, or set removalPolicy: RemovalPolicy.DESTROY.',
    );
    const t = stack();
    new Organization(t, 'Org', { alias: 'corp', forceDelete: true });
    expect(() => Template.fromStack(t)).toThrow('Mail/Org: invalid forceDelete true: it applies only when the organization is deleted');
    const u = stack();
    const applied = new Organization(u, 'Org', { alias: 'corp', forceDelete: true });
    applied.applyRemovalPolicy(RemovalPolicy.DESTROY);
    expect(() => Template.fromStack(u)).not.toThrow();
  });
});

/** The provider role's statements, with their actions as lists. */
function statements(template: Template): Array<{ Action: string[]; Resource: unknown }> {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy: any) => policy.Properties.PolicyDocument.Statement)
    .map((statement: any) => ({ ...statement, Action: [statement.Action].flat() }));
}

describe('least privilege', () => {
  test('ds:DeleteDirectory only with DESTROY and a deleted directory, on the account\'s directories', () => {
    const retained = Template.fromStack((() => {
      const s = stack();
      new Organization(s, 'Org', { alias: 'corp' });
      return s;
    })());
    expect(statements(retained).some((statement) => statement.Action.includes('ds:DeleteDirectory'))).toBe(false);

    const s = stack();
    new Organization(s, 'Org', { alias: 'corp', removalPolicy: RemovalPolicy.DESTROY });
    const granted = statements(Template.fromStack(s)).filter((statement) => statement.Action.includes('ds:DeleteDirectory'));
    expect(granted).toEqual([expect.objectContaining({
      Action: ['ds:DeleteDirectory'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ds:us-east-1:111122223333:directory/*']] },
    })]);

    const kept = stack();
    new Organization(kept, 'Org', { alias: 'corp', directoryId: 'd-0123456789', removalPolicy: RemovalPolicy.DESTROY });
    expect(statements(Template.fromStack(kept)).some((statement) => statement.Action.includes('ds:DeleteDirectory'))).toBe(false);
  });

  test('no SES action granted twice in one policy, and none that SES does not have', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    new Domain(s, 'Domain', { organization, domainName: 'example.com' });
    // The organization's statements (the role's default policy) and the domains' policy both hold
    // registration's SES calls: removing a retained organization with its domains drops the first
    // before CloudFormation deletes the domains, the second only after.
    const policies = Object.values(Template.fromStack(s).findResources('AWS::IAM::Policy'))
      .map((policy: any) => policy.Properties.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat())
        .filter((action: string) => action.startsWith('ses:')))
      .filter((actions: string[]) => actions.length > 0);
    expect(policies).toHaveLength(2);
    for (const actions of policies) {
      expect(actions).not.toContain('ses:SetIdentityEmailNotificationEnabled');
      expect(actions.length).toBeGreaterThan(10);
      expect(new Set(actions).size).toBe(actions.length);
    }
  });
});

describe('messages that say how to fix', () => {
  test('a + in an email flow pattern', () => {
    const s = stack();
    expect(() => new EmailFlowRule(s, 'Rule', { organization: imported(s), direction: FlowDirection.INBOUND, action: FlowAction.drop(), senders: ['a+b@example.com'] })).toThrow(
      'Mail/Rule: invalid senders "a+b@example.com": the + symbol is not valid inside sender or recipient patterns: remove the + (match the address without its +tag, or its domain).',
    );
  });

  test('a second default domain', () => {
    const s = stack();
    const organization = imported(s);
    new Domain(s, 'One', { organization, domainName: 'example.com', isDefault: true });
    expect(() => new Domain(s, 'Two', { organization, domainName: 'example.org', isDefault: true })).toThrow(
      'Mail/Two: invalid isDefault true: Mail/One is already the default domain of organization Mail/Org, and an organization has one default domain: pass isDefault: true on one Domain only.',
    );
  });
});

describe('repeated synthesis', () => {
  test('an app with email flow rules synthesizes twice, and reads annotations after a template', () => {
    const app = new App();
    const s = stack(app);
    new EmailFlowRule(s, 'Drop', { organization: imported(s), direction: FlowDirection.INBOUND, action: FlowAction.drop(), senders: ['spam.example'] });
    const first = Template.fromStack(s).toJSON();
    expect(() => Annotations.fromStack(s)).not.toThrow();
    expect(Template.fromStack(s).toJSON()).toEqual(first);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('imports of rules and overrides', () => {
  test('reference what exists by its key, checked against the model', () => {
    const s = stack();
    expect(AccessControlRule.fromAccessControlRuleName(s, 'Rule', 'block-imap').accessControlRuleName).toBe('block-imap');
    expect(MobileDeviceAccessRule.fromMobileDeviceAccessRuleId(s, 'Mobile', 'ab12-cd34').mobileDeviceAccessRuleId).toBe('ab12-cd34');
    const override = MobileDeviceAccessOverride.fromMobileDeviceAccessOverrideAttributes(s, 'Override', {
      user: User.fromUserId(s, 'User', '12345678-1234-1234-1234-123456789012'), deviceId: 'ABC123',
    });
    expect([override.userId, override.deviceId]).toEqual(['12345678-1234-1234-1234-123456789012', 'ABC123']);
    expect(() => AccessControlRule.fromAccessControlRuleName(s, 'Bad', 'no spaces')).toThrow('Mail/Bad: invalid accessControlRuleName "no spaces": it must be 1-64 letters, digits, "_" or "-".');
  });
});
