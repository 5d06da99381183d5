/**
 * The access control rules' "Test rules" (GetAccessControlEffect), answered offline. Pure code:
 * no CDK, no SDK.
 */
import { AccessEffect, decide, excludes, includes } from './effect';

/** The protocols (WorkMail calls them actions) that access control rules control. */
export enum AccessProtocol {
  /** Exchange ActiveSync, used by mobile mail apps. */
  ACTIVE_SYNC = 'ActiveSync',
  /** Autodiscover, which Outlook uses to find its settings. */
  AUTO_DISCOVER = 'AutoDiscover',
  /** Exchange Web Services; impersonation roles work only over EWS. */
  EWS = 'EWS',
  /** IMAP. */
  IMAP = 'IMAP',
  /** SMTP submission. */
  SMTP = 'SMTP',
  /** Outlook for Windows. */
  WINDOWS_OUTLOOK = 'WindowsOutlook',
  /** The WorkMail web application. */
  WEB_MAIL = 'WebMail',
}

/** An access control rule with WorkMail's API member names. */
export interface AccessControlRuleDefinition {
  readonly name: string;
  readonly effect: AccessEffect;
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly ipRanges?: readonly string[];
  readonly notIpRanges?: readonly string[];
  readonly userIds?: readonly string[];
  readonly notUserIds?: readonly string[];
  readonly impersonationRoleIds?: readonly string[];
  readonly notImpersonationRoleIds?: readonly string[];
}

/** A request to a mailbox: by a user or by an impersonation role (EWS only). */
export interface AccessRequest {
  readonly action: string;
  /** IPv4 address, no range. */
  readonly ipAddress: string;
  readonly userId?: string;
  readonly impersonationRoleId?: string;
}

export interface AccessControlVerdict {
  readonly effect: AccessEffect;
  /** Names of the rules that produced the effect. */
  readonly matchedRules: string[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV4_CIDR = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\/(\d{1,2})$/;

/** The address as an unsigned 32-bit number, or undefined when it is not dotted-quad IPv4. */
export function ipv4ToNumber(address: string): number | undefined {
  const parts = IPV4.exec(address);
  if (!parts) {
    return undefined;
  }
  const octets = parts.slice(1).map(Number);
  if (octets.some((octet, i) => octet > 255 || (parts[i + 1].length > 1 && parts[i + 1].startsWith('0')))) {
    return undefined;
  }
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

/** True when `cidr` is an IPv4 range in WorkMail's form: a dotted quad, `/`, a prefix of 0-32. */
export function isIpv4Cidr(cidr: string): boolean {
  const parts = IPV4_CIDR.exec(cidr);
  return parts !== null && ipv4ToNumber(parts[1]) !== undefined && Number(parts[2]) <= 32
    && (parts[2].length === 1 || !parts[2].startsWith('0'));
}

/** True when the IPv4 `address` lies in `cidr`. */
export function inCidr(address: string, cidr: string): boolean {
  const [network, prefix] = cidr.split('/');
  const bits = Number(prefix);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ipv4ToNumber(network)! / size) * size;
  const value = ipv4ToNumber(address)!;
  return value >= start && value < start + size;
}

/**
 * A rule matches a request only when every condition it has holds; a rule without conditions
 * (like the organization's `default` rule) matches every request. User conditions concern the
 * requesting user, impersonation role conditions the requesting role: a request made by an
 * impersonation role has no user, so it never meets `userIds`, and always meets `notUserIds`.
 */
export function accessControlRuleMatches(rule: AccessControlRuleDefinition, request: AccessRequest): boolean {
  const is = (value: string | undefined) => (entry: string) => value !== undefined && entry === value;
  const inRange = (cidr: string) => inCidr(request.ipAddress, cidr);
  return includes(rule.actions, is(request.action))
    && excludes(rule.notActions, is(request.action))
    && includes(rule.ipRanges, inRange)
    && excludes(rule.notIpRanges, inRange)
    && includes(rule.userIds, is(request.userId))
    && excludes(rule.notUserIds, is(request.userId))
    && includes(rule.impersonationRoleIds, is(request.impersonationRoleId))
    && excludes(rule.notImpersonationRoleIds, is(request.impersonationRoleId));
}

/**
 * Checks the request as GetAccessControlEffect would, then evaluates: any matching DENY rule
 * denies, else any matching ALLOW rule allows, else (no rule matches, or there are no rules)
 * access is denied.
 */
export function evaluateAccessControlRules(
  rules: readonly AccessControlRuleDefinition[],
  request: AccessRequest,
): AccessControlVerdict {
  if (ipv4ToNumber(request.ipAddress) === undefined) {
    throw new Error(`ipAddress ${JSON.stringify(request.ipAddress)} is not an IPv4 address (a.b.c.d, no range)`);
  }
  if ((request.userId === undefined) === (request.impersonationRoleId === undefined)) {
    throw new Error('a request is made either by a user or by an impersonation role: give exactly one of them');
  }
  if (request.impersonationRoleId !== undefined && request.action !== AccessProtocol.EWS) {
    throw new Error(`impersonation roles work only over EWS, not ${request.action}`);
  }
  const verdict = decide(rules
    .filter((rule) => accessControlRuleMatches(rule, request))
    .map((rule) => ({ rule, effect: rule.effect })));
  return { effect: verdict.effect, matchedRules: verdict.matched.map((rule) => rule.name) };
}
