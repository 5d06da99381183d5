import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Group, MailboxPermission, MailboxPermissionType, Organization, User } from '../src';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const GROUP_ID = '87654321-4321-4321-4321-210987654321';
const ENTITY_ID = '12345678-1234-1234-1234-123456789012';

function setup() {
  const stack = new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
  const organization = Organization.fromOrganizationAttributes(stack, 'Org', { organizationId: ORG_ID, alias: 'corp' });
  const alice = new User(stack, 'Alice', { organization, name: 'alice', displayName: 'Alice', email: 'alice@corp.awsapps.com' });
  return { stack, organization, alice };
}

describe('Group', () => {
  test('creates a Custom::WorkMailGroup with members, retained by default', () => {
    const { stack, organization, alice } = setup();
    const bob = User.fromUserId(stack, 'Bob', ENTITY_ID);
    const group = new Group(stack, 'Sales', {
      organization,
      name: 'Sales Team',
      email: 'sales@corp.awsapps.com',
      aliases: ['team@corp.awsapps.com'],
      members: [alice],
      hiddenFromGlobalAddressList: true,
      domainVerificationTimeout: Duration.minutes(5),
    });
    group.addMember(bob);
    group.addMember(Group.fromGroupId(stack, 'Nested', GROUP_ID));
    group.addAlias('sellers@corp.awsapps.com');
    Template.fromStack(stack).hasResource('Custom::WorkMailGroup', {
      Properties: {
        OrganizationId: ORG_ID,
        Name: 'Sales Team',
        Email: 'sales@corp.awsapps.com',
        Aliases: ['team@corp.awsapps.com', 'sellers@corp.awsapps.com'],
        Members: [{ Ref: Match.stringLikeRegexp('Alice') }, ENTITY_ID, GROUP_ID],
        HiddenFromGlobalAddressList: 'true',
        DomainVerificationTimeout: '300',
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('a group without address or members has neither property', () => {
    const { stack, organization } = setup();
    new Group(stack, 'G', { organization, name: 'Readers', removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('Custom::WorkMailGroup', {
      Properties: { Name: 'Readers', Email: Match.absent(), Members: Match.absent(), Aliases: Match.absent() },
      DeletionPolicy: 'Delete',
    });
  });

  test('refuses duplicate members, itself as member, bad names and ids', () => {
    const { stack, organization, alice } = setup();
    const group = new Group(stack, 'G', { organization, name: 'Team', members: [alice] });
    expect(() => group.addMember(alice)).toThrow('Mail/G: invalid members "Mail/Alice": it is already a member: add each member once.');
    expect(() => group.addMember(User.fromUserId(stack, 'AliceAgain', ENTITY_ID))).not.toThrow();
    expect(() => group.addMember(User.fromUserId(stack, 'AliceThird', ENTITY_ID))).toThrow(/it is already a member/);
    expect(() => group.addMember(group)).toThrow('Mail/G: invalid members "Mail/G": a group cannot be a member of itself: remove it from its own members.');
    expect(() => new Group(stack, 'Bad', { organization, name: 'Team\u2603' })).toThrow(/invalid name "Team☃": it must be 1-256 characters of Basic Latin or Latin-1/);
    expect(() => new Group(stack, 'Long', { organization, name: 'x'.repeat(257) })).toThrow(/invalid name/);
    expect(() => new Group(stack, 'Mail2', { organization, name: 'ok', email: 'no-at-sign' })).toThrow(/invalid email "no-at-sign"/);
    expect(() => Group.fromGroupId(stack, 'Imp', 'Team')).toThrow(/invalid groupId "Team"/);
  });

  test('aliases need an address', () => {
    const { stack, organization } = setup();
    new Group(stack, 'G', { organization, name: 'Team', aliases: ['team@corp.awsapps.com'] });
    expect(() => Template.fromStack(stack)).toThrow(/aliases need a registered \(enabled\) entity with an email address/);
  });

  test('isGroup tells groups from users', () => {
    const { stack, organization, alice } = setup();
    expect(Group.isGroup(new Group(stack, 'G', { organization, name: 'Team' }))).toBe(true);
    expect(Group.isGroup(Group.fromGroupId(stack, 'I', GROUP_ID))).toBe(true);
    expect(Group.isGroup(alice)).toBe(false);
  });
});

describe('MailboxPermission', () => {
  test('grants permissions on a mailbox, revoked when removed', () => {
    const { stack, organization, alice } = setup();
    const team = new Group(stack, 'Team', { organization, name: 'Team' });
    new MailboxPermission(stack, 'P', {
      organization, mailbox: alice, grantee: team, permissions: [MailboxPermissionType.SEND_AS, MailboxPermissionType.SEND_ON_BEHALF],
    });
    Template.fromStack(stack).hasResource('Custom::WorkMailMailboxPermission', {
      Properties: {
        OrganizationId: ORG_ID,
        EntityId: { Ref: Match.stringLikeRegexp('Alice') },
        GranteeId: { Ref: Match.stringLikeRegexp('Team') },
        PermissionValues: ['SEND_AS', 'SEND_ON_BEHALF'],
      },
      DeletionPolicy: 'Delete',
    });
  });

  test('User.addMailboxPermission creates one', () => {
    const { stack, alice } = setup();
    alice.addMailboxPermission(User.fromUserId(stack, 'Bob', ENTITY_ID), MailboxPermissionType.FULL_ACCESS);
    Template.fromStack(stack).hasResourceProperties('Custom::WorkMailMailboxPermission', {
      GranteeId: ENTITY_ID, PermissionValues: ['FULL_ACCESS'],
    });
  });

  test.each([
    ['no permissions', () => ({ permissions: [] }), /invalid permissions \[\]: grant at least one/],
    ['a duplicate permission', () => ({ permissions: [MailboxPermissionType.SEND_AS, MailboxPermissionType.SEND_AS] }), /it is listed twice/],
    ['full access for a group', (s: any) => ({ grantee: Group.fromGroupId(s, 'G', GROUP_ID) }), /invalid grantee "Mail\/G": FULL_ACCESS cannot be granted to or on a group/],
    ['full access on a group', (s: any) => ({ mailbox: Group.fromGroupId(s, 'G', GROUP_ID), grantee: User.fromUserId(s, 'B', ENTITY_ID) }), /invalid mailbox "Mail\/G": FULL_ACCESS/],
    ['the owner as grantee', () => ({}), /a mailbox owner already has every permission/],
  ])('refuses %s', (_, overrides, message) => {
    const { stack, organization, alice } = setup();
    expect(() => new MailboxPermission(stack, 'P', {
      organization, mailbox: alice, grantee: alice, permissions: [MailboxPermissionType.FULL_ACCESS], ...overrides(stack),
    } as any)).toThrow(message);
  });
});
