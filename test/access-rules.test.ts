import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AccessControlRule,
  AccessEffect,
  AccessProtocol,
  ImpersonationRole,
  ImpersonationRoleType,
  IOrganization,
  MobileDeviceAccessOverride,
  MobileDeviceAccessRule,
  Organization,
  User,
} from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';
const ALICE_ID = '12345678-1234-1234-1234-123456789012';
const BOB_ID = '87654321-4321-4321-4321-210987654321';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

function imported(s: Stack): IOrganization {
  return Organization.fromOrganizationId(s, 'Org', ORG_ID);
}

const synth = (s: Stack) => Template.fromStack(s);

describe('AccessControlRule', () => {
  test('passes every property with WorkMail member names, scoped IAM', () => {
    const s = stack();
    const org = imported(s);
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    const bob = User.fromUserId(s, 'Bob', BOB_ID);
    const role = ImpersonationRole.fromImpersonationRoleId(s, 'Role', org, 'role-1');
    const other = ImpersonationRole.fromImpersonationRoleId(s, 'Other', org, 'role-2');
    new AccessControlRule(s, 'Rule', {
      organization: org,
      name: 'office-only',
      effect: AccessEffect.DENY,
      description: 'IMAP only from the office',
      protocols: [AccessProtocol.IMAP],
      notProtocols: [AccessProtocol.WEB_MAIL],
      ipRanges: ['0.0.0.0/0'],
      notIpRanges: ['192.0.2.0/24'],
      users: [alice],
      notUsers: [bob],
      impersonationRoles: [role],
      notImpersonationRoles: [other],
    });
    const template = synth(s);
    template.hasResourceProperties('Custom::WorkMailAccessControlRule', {
      OrganizationId: ORG_ID,
      Name: 'office-only',
      Effect: 'DENY',
      Description: 'IMAP only from the office',
      Actions: ['IMAP'],
      NotActions: ['WebMail'],
      IpRanges: ['0.0.0.0/0'],
      NotIpRanges: ['192.0.2.0/24'],
      UserIds: [ALICE_ID],
      NotUserIds: [BOB_ID],
      ImpersonationRoleIds: ['role-1'],
      NotImpersonationRoleIds: ['role-2'],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          // Among every child's actions, which stay granted after the last rule left the stack.
          Action: Match.arrayWith(['workmail:DeleteAccessControlRule', 'workmail:ListAccessControlRules', 'workmail:PutAccessControlRule']),
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`organization/${ORG_ID}`)])] },
        }],
      },
    });
  });

  test('the description defaults to the name; no empty lists are sent', () => {
    const s = stack();
    new AccessControlRule(s, 'Rule', { organization: imported(s), name: 'allow-all', effect: AccessEffect.ALLOW });
    const props = Object.values(synth(s).findResources('Custom::WorkMailAccessControlRule'))[0].Properties;
    expect(props.Description).toBe('allow-all');
    expect(Object.keys(props).sort()).toEqual(['Description', 'Effect', 'Name', 'OrganizationId', 'ServiceToken']);
  });

  test('a rule in an organization of the same stack has no dependency cycle', () => {
    const s = stack();
    const org = new Organization(s, 'Org', { alias: 'corp' });
    const role = new ImpersonationRole(s, 'Role', {
      organization: org,
      name: 'archiver',
      roleType: ImpersonationRoleType.READ_ONLY,
      rules: [{ id: 'all', effect: AccessEffect.ALLOW }],
    });
    new AccessControlRule(s, 'Rule', { organization: org, name: 'ews-role', effect: AccessEffect.ALLOW, impersonationRoles: [role], protocols: [AccessProtocol.EWS] });
    new MobileDeviceAccessRule(s, 'Mobile', { organization: org, name: 'deny', effect: AccessEffect.DENY });
    org.removeDefaultAccessControlRule();
    org.removeDefaultMobileDeviceAccessRule();
    expect(findCycle(synth(s).toJSON())).toBeUndefined();
  });

  test.each([
    ['an empty name', { name: '' }, /invalid name "": it must be 1-64 letters/],
    ['a name with spaces', { name: 'my rule' }, /invalid name "my rule"/],
    ['a 65-character name', { name: 'a'.repeat(65) }, /invalid name/],
    ['a description with a line break', { description: 'a\nb' }, /invalid description/],
    ['a 256-character description', { description: 'd'.repeat(256) }, /invalid description/],
    ['a malformed CIDR', { ipRanges: ['192.0.2.0/33'] }, /invalid ipRanges\[0\] "192.0.2.0\/33": it must be an IPv4 CIDR range/],
    ['an address without a prefix', { notIpRanges: ['192.0.2.1'] }, /invalid notIpRanges\[0\]/],
    ['an IPv6 range', { ipRanges: ['2001:db8::/32'] }, /IPv4 CIDR/],
    ['an unknown protocol', { protocols: ['POP3'] }, /invalid protocols "POP3": it must be one of ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WindowsOutlook, WebMail/],
    ['an empty list', { protocols: [] }, /an empty list matches nothing/],
    ['a protocol listed twice', { notProtocols: ['IMAP', 'IMAP'] }, /IMAP is listed twice/],
    ['1025 ranges', { ipRanges: Array.from({ length: 1025 }, () => '10.0.0.0/8') }, /at most 1024 IPv4 CIDR ranges/],
  ])('refuses %s', (_, props, error) => {
    const s = stack();
    expect(() => new AccessControlRule(s, 'Rule', {
      organization: imported(s), name: 'rule', effect: AccessEffect.ALLOW, ...props as object,
    })).toThrow(error);
  });

  test('refuses more than 10 users', () => {
    const s = stack();
    const users = Array.from({ length: 11 }, (_, i) => User.fromUserId(s, `U${i}`, `user-id-0000-${i}`));
    expect(() => new AccessControlRule(s, 'Rule', { organization: imported(s), name: 'r', effect: AccessEffect.ALLOW, users }))
      .toThrow(/Mail\/Rule: invalid users .* at most 10 users/);
  });

  test('refuses an 11th rule at synth, the default rule included', () => {
    const s = stack();
    const org = imported(s);
    for (let i = 0; i < 10; i++) {
      new AccessControlRule(s, `Rule${i}`, { organization: org, name: `rule-${i}`, effect: AccessEffect.ALLOW });
    }
    expect(() => synth(s)).toThrow(/at most 10 access control rules, the built-in "default" rule included .* would have 11/);
  });

  test('a rule named "default" replaces the built-in rule, so ten rules fit', () => {
    const s = stack();
    const org = imported(s);
    for (let i = 0; i < 9; i++) {
      new AccessControlRule(s, `Rule${i}`, { organization: org, name: `rule-${i}`, effect: AccessEffect.ALLOW });
    }
    new AccessControlRule(s, 'Default', { organization: org, name: 'default', effect: AccessEffect.DENY });
    expect(() => synth(s)).not.toThrow();
  });

  test('refuses two rules with the same name', () => {
    const s = stack();
    const org = imported(s);
    new AccessControlRule(s, 'A', { organization: org, name: 'same', effect: AccessEffect.ALLOW });
    new AccessControlRule(s, 'B', { organization: org, name: 'same', effect: AccessEffect.DENY });
    expect(() => synth(s)).toThrow(/Mail\/B: duplicate access control rule name "same" \(also used by Mail\/A\)/);
  });

  test('the same name in two organizations is fine', () => {
    const s = stack();
    new AccessControlRule(s, 'A', { organization: imported(s), name: 'same', effect: AccessEffect.ALLOW });
    const other = Organization.fromOrganizationId(s, 'Other', 'm-11111111111111111111111111111111');
    new AccessControlRule(s, 'B', { organization: other, name: 'same', effect: AccessEffect.DENY });
    expect(() => synth(s)).not.toThrow();
  });
});

describe('default access control rule', () => {
  test('kept by default: no removal resource, and evaluation allows everything', () => {
    const s = stack();
    const org = new Organization(s, 'Org', { alias: 'corp' });
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    synth(s).resourceCountIs('Custom::WorkMailDefaultRuleRemoval', 0);
    expect(org.evaluateAccessControl({ protocol: AccessProtocol.IMAP, ipAddress: '203.0.113.1', user: alice }))
      .toEqual({ effect: AccessEffect.ALLOW, matchedRules: ['default'] });
  });

  test('removal is a resource created after the stack\'s rules', () => {
    const s = stack();
    const org = imported(s);
    new AccessControlRule(s, 'Rule', { organization: org, name: 'office', effect: AccessEffect.ALLOW, ipRanges: ['192.0.2.0/24'] });
    org.removeDefaultAccessControlRule();
    const template = synth(s);
    template.hasResourceProperties('Custom::WorkMailDefaultRuleRemoval', {
      OrganizationId: ORG_ID,
      Kind: 'AccessControlRule',
      StackRules: [{ Ref: Match.stringLikeRegexp('^Rule') }],
    });
  });

  test('refuses a removal that would leave no rule', () => {
    const s = stack();
    imported(s).removeDefaultAccessControlRule();
    expect(() => synth(s)).toThrow(/Mail\/Org\/DefaultAccessControlRuleRemoval: removing the default access control rule with no other rule blocks all access/);
  });

  test('accepts it when told so in so many words, and then denies everything', () => {
    const s = stack();
    const org = imported(s);
    org.removeDefaultAccessControlRule({ acceptBlockingAllAccess: true });
    expect(() => synth(s)).not.toThrow();
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    expect(org.evaluateAccessControl({ protocol: AccessProtocol.WEB_MAIL, ipAddress: '10.0.0.1', user: alice }))
      .toEqual({ effect: AccessEffect.DENY, matchedRules: [] });
  });

  test('refuses removing and replacing the default at once, and removing twice', () => {
    const s = stack();
    const org = imported(s);
    new AccessControlRule(s, 'Default', { organization: org, name: 'default', effect: AccessEffect.ALLOW });
    org.removeDefaultAccessControlRule();
    expect(() => org.removeDefaultAccessControlRule()).toThrow(/already removed/);
    expect(() => synth(s)).toThrow(/both removed and replaced by a rule named "default"/);
  });
});

describe('Organization.evaluateAccessControl (lock IMAP to the office network)', () => {
  const setup = () => {
    const s = stack();
    const org = new Organization(s, 'Org', { alias: 'corp' });
    new AccessControlRule(s, 'ImapOutsideOffice', {
      organization: org,
      name: 'imap-outside-office',
      effect: AccessEffect.DENY,
      protocols: [AccessProtocol.IMAP],
      notIpRanges: ['192.0.2.0/24'],
    });
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    return { s, org, alice };
  };

  test.each([
    ['IMAP from the office', AccessProtocol.IMAP, '192.0.2.10', AccessEffect.ALLOW, ['default']],
    ['IMAP from home', AccessProtocol.IMAP, '203.0.113.7', AccessEffect.DENY, ['imap-outside-office']],
    ['web mail from home', AccessProtocol.WEB_MAIL, '203.0.113.7', AccessEffect.ALLOW, ['default']],
  ])('%s', (_, protocol, ipAddress, effect, matchedRules) => {
    const { org, alice } = setup();
    expect(org.evaluateAccessControl({ protocol, ipAddress, user: alice })).toEqual({ effect, matchedRules });
  });

  test('an impersonation role defined in the stack is matched by reference', () => {
    const { s, org } = setup();
    const role = new ImpersonationRole(s, 'Role', { organization: org, name: 'r', roleType: ImpersonationRoleType.READ_ONLY, rules: [] });
    new AccessControlRule(s, 'NoRole', { organization: org, name: 'no-role', effect: AccessEffect.DENY, impersonationRoles: [role] });
    expect(org.evaluateAccessControl({ protocol: AccessProtocol.EWS, ipAddress: '192.0.2.1', impersonationRole: role }))
      .toEqual({ effect: AccessEffect.DENY, matchedRules: ['no-role'] });
  });

  test('explains requests the API would refuse', () => {
    const { org, alice } = setup();
    expect(() => org.evaluateAccessControl({ protocol: AccessProtocol.IMAP, ipAddress: '192.0.2.0/24', user: alice }))
      .toThrow(/Mail\/Org: cannot evaluate access control: ipAddress "192.0.2.0\/24" is not an IPv4 address/);
  });
});

describe('ImpersonationRole', () => {
  test('passes rules with WorkMail member names and exposes the id', () => {
    const s = stack();
    const org = imported(s);
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    const bob = User.fromUserId(s, 'Bob', BOB_ID);
    const role = new ImpersonationRole(s, 'Role', {
      organization: org,
      name: 'Archiver',
      roleType: ImpersonationRoleType.READ_ONLY,
      description: 'Reads mail for the archive',
      rules: [
        { id: 'all', name: 'Everyone', description: 'all users', effect: AccessEffect.ALLOW, notTargetUsers: [bob] },
        { id: 'not-alice', effect: AccessEffect.DENY, targetUsers: [alice] },
      ],
    });
    const template = synth(s);
    template.hasResourceProperties('Custom::WorkMailImpersonationRole', {
      OrganizationId: ORG_ID,
      Name: 'Archiver',
      Type: 'READ_ONLY',
      Description: 'Reads mail for the archive',
      Rules: [
        { ImpersonationRuleId: 'all', Name: 'Everyone', Description: 'all users', Effect: 'ALLOW', NotTargetUsers: [BOB_ID] },
        { ImpersonationRuleId: 'not-alice', Effect: 'DENY', TargetUsers: [ALICE_ID] },
      ],
    });
    expect(s.resolve(role.impersonationRoleId)['Fn::GetAtt'][1]).toBe('ImpersonationRoleId');
  });

  test('evaluate answers as "Test role"', () => {
    const s = stack();
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    const bob = User.fromUserId(s, 'Bob', BOB_ID);
    const role = new ImpersonationRole(s, 'Role', {
      organization: imported(s),
      name: 'Archiver',
      roleType: ImpersonationRoleType.FULL_ACCESS,
      rules: [{ id: 'all', effect: AccessEffect.ALLOW }, { id: 'not-alice', effect: AccessEffect.DENY, targetUsers: [alice] }],
    });
    expect(role.evaluate(alice)).toEqual({ effect: AccessEffect.DENY, roleType: ImpersonationRoleType.FULL_ACCESS, matchedRules: ['not-alice'] });
    expect(role.evaluate(bob)).toEqual({ effect: AccessEffect.ALLOW, roleType: ImpersonationRoleType.FULL_ACCESS, matchedRules: ['all'] });
  });

  test('grantAssume allows AssumeImpersonationRole on the organization for this role only', () => {
    const s = stack();
    const org = imported(s);
    const role = ImpersonationRole.fromImpersonationRoleId(s, 'Role', org, 'role-1');
    const lambdaRole = new iam.Role(s, 'Consumer', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.grantAssume(lambdaRole);
    synth(s).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Consumer') }],
      PolicyDocument: {
        Statement: [{
          Action: 'workmail:AssumeImpersonationRole',
          Effect: 'Allow',
          Condition: { StringEquals: { 'workmail:ImpersonationRoleId': 'role-1' } },
          Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`organization/${ORG_ID}`)])] },
        }],
      },
    });
  });

  test.each([
    ['an empty name', { name: '' }, /invalid name ""/],
    ['a name with "<"', { name: 'a<b' }, /invalid name "a<b"/],
    ['a 65-character name', { name: 'n'.repeat(65) }, /invalid name/],
    ['a 257-character description', { description: 'd'.repeat(257) }, /invalid description/],
    ['a description with a tab', { description: 'a\tb' }, /invalid description/],
    ['a rule id with a dot', { rules: [{ id: 'a.b', effect: 'ALLOW' }] }, /invalid rules\[0\]\.id "a\.b"/],
    ['a rule id of 65 characters', { rules: [{ id: 'i'.repeat(65), effect: 'ALLOW' }] }, /invalid rules\[0\]\.id/],
    ['a rule name with "\\"', { rules: [{ id: 'a', name: 'a\\b', effect: 'ALLOW' }] }, /invalid rules\[0\]\.name/],
    ['two rules with one id', { rules: [{ id: 'a', effect: 'ALLOW' }, { id: 'a', effect: 'DENY' }] }, /invalid rules "a": rule ids must be unique/],
    ['11 rules', { rules: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, effect: 'ALLOW' })) }, /at most 10 rules/],
    ['empty target users', { rules: [{ id: 'a', effect: 'ALLOW', targetUsers: [] }] }, /invalid rules\[0\]\.targetUsers \[\]: an empty list/],
  ])('refuses %s', (_, props, error) => {
    const s = stack();
    expect(() => new ImpersonationRole(s, 'Role', {
      organization: imported(s), name: 'role', roleType: ImpersonationRoleType.READ_ONLY, rules: [], ...props as object,
    })).toThrow(error);
  });

  test('refuses a malformed imported id and a malformed user id', () => {
    const s = stack();
    expect(() => ImpersonationRole.fromImpersonationRoleId(s, 'Role', imported(s), 'a b')).toThrow(/invalid impersonationRoleId "a b"/);
    expect(() => User.fromUserId(s, 'User', 'alice@example.com ')).toThrow(/Mail\/User: invalid userId/);
    expect(() => User.fromUserId(s, 'Short', 'short')).toThrow(/invalid userId "short"/);
  });
});

describe('MobileDeviceAccessRule and overrides', () => {
  test('passes every property with WorkMail member names', () => {
    const s = stack();
    const rule = new MobileDeviceAccessRule(s, 'Rule', {
      organization: imported(s),
      name: 'Allow managed iOS',
      description: 'iOS 17 and later',
      effect: AccessEffect.ALLOW,
      deviceTypes: ['iPhone', '$NONE'],
      notDeviceTypes: ['Android'],
      deviceModels: ['iPhone1'],
      notDeviceModels: ['iPhone5'],
      deviceOperatingSystems: ['iOS 17'],
      notDeviceOperatingSystems: ['iOS 16'],
      deviceUserAgents: ['Apple'],
      notDeviceUserAgents: ['Outlook'],
    });
    synth(s).hasResourceProperties('Custom::WorkMailMobileDeviceAccessRule', {
      OrganizationId: ORG_ID,
      Name: 'Allow managed iOS',
      Description: 'iOS 17 and later',
      Effect: 'ALLOW',
      DeviceTypes: ['iPhone', '$NONE'],
      NotDeviceTypes: ['Android'],
      DeviceModels: ['iPhone1'],
      NotDeviceModels: ['iPhone5'],
      DeviceOperatingSystems: ['iOS 17'],
      NotDeviceOperatingSystems: ['iOS 16'],
      DeviceUserAgents: ['Apple'],
      NotDeviceUserAgents: ['Outlook'],
    });
    expect(s.resolve(rule.mobileDeviceAccessRuleId)['Fn::GetAtt'][1]).toBe('MobileDeviceAccessRuleId');
  });

  test('an override passes user, device and effect', () => {
    const s = stack();
    new MobileDeviceAccessOverride(s, 'Override', {
      organization: imported(s),
      user: User.fromUserId(s, 'Alice', ALICE_ID),
      deviceId: '6APMEKPHCP2ND42VIJ4BR8ECD0',
      effect: AccessEffect.ALLOW,
      description: 'compliant per MDM',
    });
    synth(s).hasResourceProperties('Custom::WorkMailMobileDeviceAccessOverride', {
      OrganizationId: ORG_ID, UserId: ALICE_ID, DeviceId: '6APMEKPHCP2ND42VIJ4BR8ECD0', Effect: 'ALLOW', Description: 'compliant per MDM',
    });
  });

  test.each([
    ['an empty name', { name: '' }, /invalid name ""/],
    ['a 65-character name', { name: 'n'.repeat(65) }, /invalid name/],
    ['an empty description', { description: '' }, /invalid description ""/],
    ['a condition value with a line break', { deviceTypes: ['a\nb'] }, /invalid deviceTypes\[0\]/],
    ['a 257-character condition value', { notDeviceModels: ['m'.repeat(257)] }, /invalid notDeviceModels\[0\]/],
    ['11 condition values', { deviceUserAgents: Array.from({ length: 11 }, (_, i) => `ua${i}`) }, /at most 10 values/],
    ['an empty condition list', { notDeviceOperatingSystems: [] }, /an empty list matches nothing/],
  ])('a rule refuses %s', (_, props, error) => {
    const s = stack();
    expect(() => new MobileDeviceAccessRule(s, 'Rule', {
      organization: imported(s), name: 'rule', effect: AccessEffect.DENY, ...props as object,
    })).toThrow(error);
  });

  test.each([
    ['an empty device id', '', /invalid deviceId ""/],
    ['a device id with a dash', 'ABC-123', /invalid deviceId "ABC-123"/],
    ['a 33-character device id', 'D'.repeat(33), /invalid deviceId/],
  ])('an override refuses %s', (_, deviceId, error) => {
    const s = stack();
    expect(() => new MobileDeviceAccessOverride(s, 'Override', {
      organization: imported(s), user: User.fromUserId(s, 'Alice', ALICE_ID), deviceId, effect: AccessEffect.ALLOW,
    })).toThrow(error);
  });

  test('refuses two overrides for the same user and device (device ids ignore case)', () => {
    const s = stack();
    const org = imported(s);
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    new MobileDeviceAccessOverride(s, 'A', { organization: org, user: alice, deviceId: 'PHONE1', effect: AccessEffect.ALLOW });
    new MobileDeviceAccessOverride(s, 'B', { organization: org, user: alice, deviceId: 'phone1', effect: AccessEffect.DENY });
    expect(() => synth(s)).toThrow(/Mail\/B: duplicate mobile device access override for user and device/);
  });

  test('refuses an 11th mobile rule (the default included) and duplicate names', () => {
    const s = stack();
    const org = imported(s);
    for (let i = 0; i < 10; i++) {
      new MobileDeviceAccessRule(s, `Rule${i}`, { organization: org, name: `rule ${i % 9}`, effect: AccessEffect.DENY });
    }
    expect(() => synth(s)).toThrow(/duplicate mobile device access rule name "rule 0"[\s\S]*at most 10 mobile device access rules/);
  });

  test('removing the default mobile rule with no rule is refused unless accepted', () => {
    const s = stack();
    imported(s).removeDefaultMobileDeviceAccessRule();
    expect(() => synth(s)).toThrow(/removing the default mobile device access rule with no other rule blocks every mobile device/);
    const t = stack();
    imported(t).removeDefaultMobileDeviceAccessRule({ acceptBlockingAllAccess: true });
    expect(() => synth(t)).not.toThrow();
  });

  test('evaluateMobileDeviceAccess: MDM deny-all plus overrides', () => {
    const s = stack();
    const org = new Organization(s, 'Org', { alias: 'corp' });
    const alice = User.fromUserId(s, 'Alice', ALICE_ID);
    const bob = User.fromUserId(s, 'Bob', BOB_ID);
    new MobileDeviceAccessRule(s, 'DenyAll', { organization: org, name: 'DefaultDenyAll', effect: AccessEffect.DENY });
    org.removeDefaultMobileDeviceAccessRule();
    new MobileDeviceAccessOverride(s, 'AlicePhone', { organization: org, user: alice, deviceId: 'ALICEPHONE', effect: AccessEffect.ALLOW });
    const iphone = { deviceType: 'iPhone', deviceOperatingSystem: 'iOS 17.1' };
    expect(org.evaluateMobileDeviceAccess({ ...iphone, user: alice, deviceId: 'alicephone' })).toEqual({
      effect: AccessEffect.ALLOW, rulesEffect: AccessEffect.DENY, matchedRules: ['DefaultDenyAll'], overridden: true,
    });
    expect(org.evaluateMobileDeviceAccess({ ...iphone, user: bob, deviceId: 'ALICEPHONE' }).effect).toBe(AccessEffect.DENY);
    expect(findCycle(synth(s).toJSON())).toBeUndefined();
  });

  test('evaluateMobileDeviceAccess keeps the built-in allow-all rule unless removed', () => {
    const s = stack();
    const org = imported(s);
    new MobileDeviceAccessRule(s, 'NoAndroid', { organization: org, name: 'BlockAllAndroid', effect: AccessEffect.DENY, deviceTypes: ['android'] });
    expect(org.evaluateMobileDeviceAccess({ deviceType: 'iPhone' })).toMatchObject({ effect: AccessEffect.ALLOW, overridden: false });
    expect(org.evaluateMobileDeviceAccess({ deviceType: 'Android' })).toMatchObject({ effect: AccessEffect.DENY, matchedRules: ['BlockAllAndroid'] });
  });
});
