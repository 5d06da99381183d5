/**
 * Access control rule evaluation. Each case cites the Administrator Guide ("Working with access
 * control rules") or the API reference of GetAccessControlEffect.
 */
import {
  AccessControlRuleDefinition,
  AccessEffect,
  AccessProtocol,
  evaluateAccessControlRules,
  inCidr,
  isIpv4Cidr,
} from '../../src/policy';

const ALICE = 'alice-0000-0000-0000';
const BOB = 'bob-00000-0000-0000';
const ROLE = 'role-1';
const { ALLOW, DENY } = AccessEffect;

// "Each Amazon WorkMail organization has a default access control rule that grants mailbox access
// to all users and impersonation roles ..., no matter which access protocol or IP address they use."
const DEFAULT: AccessControlRuleDefinition = { name: 'default', effect: ALLOW };

const OFFICE_IMAP: AccessControlRuleDefinition[] = [
  DEFAULT,
  { name: 'imap-outside-office', effect: DENY, actions: ['IMAP'], notIpRanges: ['192.0.2.0/24'] },
];

const user = (action: string, ipAddress: string, userId = ALICE) => ({ action, ipAddress, userId });

describe('evaluateAccessControlRules', () => {
  test.each([
    ['"default access control rule that grants mailbox access to all users ... no matter which access protocol or IP address": IMAP from anywhere', [DEFAULT], user('IMAP', '203.0.113.9'), ALLOW, ['default']],
    ['"... and impersonation roles": an impersonation role over EWS', [DEFAULT], { action: 'EWS', ipAddress: '203.0.113.9', impersonationRoleId: ROLE }, ALLOW, ['default']],
    ['"If an administrator deletes all access control rules ..., Amazon WorkMail blocks all access": no rules', [], user('WebMail', '192.0.2.1'), DENY, []],
    ['a DENY rule that matches wins over the matching default ALLOW (IMAP outside the office)', OFFICE_IMAP, user('IMAP', '203.0.113.9'), DENY, ['imap-outside-office']],
    ['the DENY rule does not match inside the office range, so only the default applies', OFFICE_IMAP, user('IMAP', '192.0.2.200'), ALLOW, ['default']],
    ['"Protocols – The protocol used": the IMAP rule does not match WebMail', OFFICE_IMAP, user('WebMail', '203.0.113.9'), ALLOW, ['default']],
    ['"IP addresses – The IPv4 CIDR ranges": ipRanges match inside the range', [{ name: 'office', effect: ALLOW, ipRanges: ['10.0.0.0/8'] }], user('EWS', '10.20.30.40'), ALLOW, ['office']],
    ['no rule applies outside the range: access is denied', [{ name: 'office', effect: ALLOW, ipRanges: ['10.0.0.0/8'] }], user('EWS', '11.0.0.1'), DENY, []],
    ['"Amazon WorkMail users": userIds match only the listed users', [{ name: 'bob-only', effect: ALLOW, userIds: [BOB] }], user('SMTP', '10.0.0.1'), DENY, []],
    ['notUserIds exclude the listed users', [{ name: 'not-bob', effect: ALLOW, notUserIds: [BOB] }], user('SMTP', '10.0.0.1'), ALLOW, ['not-bob']],
    ['"Impersonation roles": impersonationRoleIds match the listed role', [{ name: 'role', effect: ALLOW, impersonationRoleIds: [ROLE] }], { action: 'EWS', ipAddress: '10.0.0.1', impersonationRoleId: ROLE }, ALLOW, ['role']],
    ['a request by an impersonation role has no user, so userIds never match it', [{ name: 'alice', effect: ALLOW, userIds: [ALICE] }], { action: 'EWS', ipAddress: '10.0.0.1', impersonationRoleId: ROLE }, DENY, []],
    ['a rule applies only when all its conditions match (protocol matches, user does not)', [{ name: 'r', effect: ALLOW, actions: ['EWS'], userIds: [BOB] }], user('EWS', '10.0.0.1'), DENY, []],
    ['every matching DENY rule is reported', [DEFAULT, { name: 'd1', effect: DENY, actions: ['SMTP'] }, { name: 'd2', effect: DENY, notActions: ['IMAP'] }], user('SMTP', '10.0.0.1'), DENY, ['d1', 'd2']],
  ])('%s', (_, rules, request, effect, matchedRules) => {
    expect(evaluateAccessControlRules(rules as AccessControlRuleDefinition[], request)).toEqual({ effect, matchedRules });
  });

  test.each([
    ['GetAccessControlEffect: "You must provide either the user ID or impersonation role ID"', { action: 'EWS', ipAddress: '10.0.0.1' }, /either by a user or by an impersonation role/],
    ['... but not both', { action: 'EWS', ipAddress: '10.0.0.1', userId: ALICE, impersonationRoleId: ROLE }, /either by a user/],
    ['"Impersonation role ID can only be used with Action EWS"', { action: 'IMAP', ipAddress: '10.0.0.1', impersonationRoleId: ROLE }, /only over EWS/],
    ['IpAddress is an IPv4 address, not a range', { action: 'IMAP', ipAddress: '10.0.0.0/8', userId: ALICE }, /not an IPv4 address/],
    ['IpAddress octets are 0-255', { action: 'IMAP', ipAddress: '10.0.0.256', userId: ALICE }, /not an IPv4 address/],
  ])('refuses a request the API refuses: %s', (_, request, error) => {
    expect(() => evaluateAccessControlRules([DEFAULT], request)).toThrow(error);
  });

  test('protocol values are the ones the API documents', () => {
    expect(Object.values(AccessProtocol)).toEqual(['ActiveSync', 'AutoDiscover', 'EWS', 'IMAP', 'SMTP', 'WindowsOutlook', 'WebMail']);
  });
});

describe('IPv4 CIDR', () => {
  test.each([
    ['10.0.0.0/8', true], ['0.0.0.0/0', true], ['255.255.255.255/32', true], ['192.0.2.1/24', true],
    ['10.0.0.0/33', false], ['10.0.0/8', false], ['10.0.0.0', false], ['256.0.0.0/8', false],
    ['010.0.0.0/8', false], ['10.0.0.0/08', false], ['::1/128', false], ['10.0.0.0/8 ', false],
  ])('%s is a valid range: %s', (cidr, valid) => {
    expect(isIpv4Cidr(cidr)).toBe(valid);
  });

  test.each([
    ['192.0.2.0', '192.0.2.0/24', true], ['192.0.2.255', '192.0.2.0/24', true], ['192.0.3.0', '192.0.2.0/24', false],
    ['1.2.3.4', '0.0.0.0/0', true], ['1.2.3.4', '1.2.3.4/32', true], ['1.2.3.5', '1.2.3.4/32', false],
    // A range with host bits set covers its network, as in the WorkMail console.
    ['192.0.2.7', '192.0.2.1/24', true],
  ])('%s in %s: %s', (address, cidr, inside) => {
    expect(inCidr(address, cidr)).toBe(inside);
  });
});
