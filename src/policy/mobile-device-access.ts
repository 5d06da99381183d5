/**
 * Mobile device access rules and overrides (GetMobileDeviceAccessEffect), answered offline.
 * They apply to Exchange ActiveSync devices only.
 */
import { AccessEffect, decide } from './effect';

/** Condition value that matches a device which does not report the field. */
export const UNREPORTED = '$NONE';

/** A mobile device access rule with WorkMail's API member names. */
export interface MobileDeviceAccessRuleDefinition {
  readonly name: string;
  readonly effect: AccessEffect;
  readonly deviceTypes?: readonly string[];
  readonly notDeviceTypes?: readonly string[];
  readonly deviceModels?: readonly string[];
  readonly notDeviceModels?: readonly string[];
  readonly deviceOperatingSystems?: readonly string[];
  readonly notDeviceOperatingSystems?: readonly string[];
  readonly deviceUserAgents?: readonly string[];
  readonly notDeviceUserAgents?: readonly string[];
}

/** An override of the rules' result for one user and one device. */
export interface MobileDeviceAccessOverrideDefinition {
  readonly userId: string;
  readonly deviceId: string;
  readonly effect: AccessEffect;
}

/** The properties a device reports during ActiveSync provisioning; absent or empty: not reported. */
export interface DeviceProperties {
  readonly deviceType?: string;
  readonly deviceModel?: string;
  readonly deviceOperatingSystem?: string;
  readonly deviceUserAgent?: string;
  /** With `deviceId`, selects the override that applies. */
  readonly userId?: string;
  readonly deviceId?: string;
}

export interface MobileDeviceAccessVerdict {
  readonly effect: AccessEffect;
  /** Names of the rules that produced the rules' effect. */
  readonly matchedRules: string[];
  /** The rules' effect, before any override. */
  readonly rulesEffect: AccessEffect;
  /** Set when an override for the user and device decided the effect. */
  readonly overridden: boolean;
}

/** A positive condition: a case-insensitive prefix of the reported value, or `$NONE` for no value. */
function conditionMatches(values: readonly string[] | undefined, reported: string | undefined): boolean {
  if (values === undefined) {
    return true;
  }
  if (!reported) {
    return values.some((value) => value.toUpperCase() === UNREPORTED);
  }
  return values.some((value) => reported.toLowerCase().startsWith(value.toLowerCase()));
}

/** A Not* condition: never matches an unreported field; else no value is a prefix of the reported one. */
function notConditionMatches(values: readonly string[] | undefined, reported: string | undefined): boolean {
  if (values === undefined) {
    return true;
  }
  return !!reported && !values.some((value) => reported.toLowerCase().startsWith(value.toLowerCase()));
}

/** A rule applies only when all its conditions match; a rule without conditions applies to every device. */
export function mobileDeviceAccessRuleMatches(rule: MobileDeviceAccessRuleDefinition, device: DeviceProperties): boolean {
  return conditionMatches(rule.deviceTypes, device.deviceType)
    && notConditionMatches(rule.notDeviceTypes, device.deviceType)
    && conditionMatches(rule.deviceModels, device.deviceModel)
    && notConditionMatches(rule.notDeviceModels, device.deviceModel)
    && conditionMatches(rule.deviceOperatingSystems, device.deviceOperatingSystem)
    && notConditionMatches(rule.notDeviceOperatingSystems, device.deviceOperatingSystem)
    && conditionMatches(rule.deviceUserAgents, device.deviceUserAgent)
    && notConditionMatches(rule.notDeviceUserAgents, device.deviceUserAgent);
}

/** Device ids are case-insensitive. */
export function sameDevice(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The rules decide (DENY wins, then ALLOW, no match denies); an override for the device's user
 * and device id then replaces that result with its own effect.
 */
export function evaluateMobileDeviceAccessRules(
  rules: readonly MobileDeviceAccessRuleDefinition[],
  overrides: readonly MobileDeviceAccessOverrideDefinition[],
  device: DeviceProperties,
): MobileDeviceAccessVerdict {
  const verdict = decide(rules
    .filter((rule) => mobileDeviceAccessRuleMatches(rule, device))
    .map((rule) => ({ rule, effect: rule.effect })));
  const override = device.userId === undefined || device.deviceId === undefined
    ? undefined
    : overrides.find((o) => o.userId === device.userId && sameDevice(o.deviceId, device.deviceId!));
  return {
    effect: override?.effect ?? verdict.effect,
    matchedRules: verdict.matched.map((rule) => rule.name),
    rulesEffect: verdict.effect,
    overridden: override !== undefined,
  };
}
