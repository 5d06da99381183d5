/**
 * Mobile device access evaluation, traced to "How mobile device access rules work", "Dealing with
 * empty fields" and "How mobile device access overrides work" in the Administrator Guide.
 */
import {
  AccessEffect,
  evaluateMobileDeviceAccessRules,
  MobileDeviceAccessOverrideDefinition,
  MobileDeviceAccessRuleDefinition,
} from '../../src/policy';

const { ALLOW, DENY } = AccessEffect;
const IPHONE = { deviceType: 'iPhone', deviceModel: 'iPhone10C1', deviceOperatingSystem: 'iOS 14.2.1 16F203', deviceUserAgent: 'iOS/14.2 (18B92) exchangesyncd/1.0' };
const ANDROID = { deviceType: 'Android', deviceModel: 'Pixel 7', deviceOperatingSystem: 'Android 14', deviceUserAgent: 'Android-Mail/2023' };
// "By default, each Amazon WorkMail organization uses a rule that grants mailbox access to any devices"
const DEFAULT: MobileDeviceAccessRuleDefinition = { name: 'default', effect: ALLOW };

describe('evaluateMobileDeviceAccessRules: rules', () => {
  test.each([
    ['"Rules with no conditions apply to all requests." (the default allow-all rule)', [DEFAULT], IPHONE, ALLOW, ['default']],
    ['"If no rule applies, the device is blocked." (no rules at all)', [], IPHONE, DENY, []],
    ['"If you delete all the mobile device access rules ..., Amazon WorkMail blocks all mobile device access."', [], {}, DENY, []],
    ['"DENY rules take precedence over ALLOW rules." (BlockAllAndroid example)', [DEFAULT, { name: 'BlockAllAndroid', effect: DENY, deviceTypes: ['android'] }], ANDROID, DENY, ['BlockAllAndroid']],
    ['"If at least one ALLOW rule matches, and no DENY rule matches, the policy allows the device."', [DEFAULT, { name: 'BlockAllAndroid', effect: DENY, deviceTypes: ['android'] }], IPHONE, ALLOW, ['default']],
    ['"Each condition uses a case-insensitive prefix match": "iOS 14" matches "IOS 14.2.1"', [{ name: 'ios14', effect: ALLOW, deviceOperatingSystems: ['iOS 14'] }], { deviceOperatingSystem: 'IOS 14.2.1 16F203' }, ALLOW, ['ios14']],
    ['a prefix match, not a substring match: "14.2" does not match "iOS 14.2"', [{ name: 'r', effect: ALLOW, deviceOperatingSystems: ['14.2'] }], IPHONE, DENY, []],
    ['AllowLatestiOS: "iOS 14.3" does not match iOS 14.2.1 once the default ALLOW-all rule is removed', [{ name: 'AllowLatestiOS', effect: ALLOW, deviceOperatingSystems: ['iOS 14.3'] }], IPHONE, DENY, []],
    ['"A rule applies ... only if all of the conditions of the rule match": type matches, model does not', [{ name: 'r', effect: ALLOW, deviceTypes: ['iphone'], deviceModels: ['iPad'] }], IPHONE, DENY, []],
    ['DeviceTypes=["iphone", "ipad", "$NONE"] "will match devices that report a device type of iphone or ipad"', [{ name: 'apple', effect: ALLOW, deviceTypes: ['iphone', 'ipad', '$NONE'] }], IPHONE, ALLOW, ['apple']],
    ['... "or don\'t report a device type at all"', [{ name: 'apple', effect: ALLOW, deviceTypes: ['iphone', 'ipad', '$NONE'] }], { deviceModel: 'x' }, ALLOW, ['apple']],
    ['an empty reported value counts as not reported', [{ name: 'none', effect: ALLOW, deviceTypes: ['$NONE'] }], { deviceType: '' }, ALLOW, ['none']],
    ['without $NONE, a condition does not match an unreported field', [{ name: 'apple', effect: ALLOW, deviceTypes: ['iphone'] }], {}, DENY, []],
    ['NotDeviceTypes=["android"] "will match devices that report a device type other than android"', [{ name: 'not-android', effect: ALLOW, notDeviceTypes: ['android'] }], IPHONE, ALLOW, ['not-android']],
    ['... and not android itself', [{ name: 'not-android', effect: ALLOW, notDeviceTypes: ['android'] }], ANDROID, DENY, []],
    ['"the rule won\'t match devices that don\'t report a device type at all"', [{ name: 'not-android', effect: ALLOW, notDeviceTypes: ['android'] }], { deviceModel: 'x' }, DENY, []],
    ['"Negative conditions such as ... NotDeviceUserAgents won\'t match these empty values"', [{ name: 'r', effect: DENY, notDeviceUserAgents: ['Outlook'] }, DEFAULT], { deviceType: 'iPhone' }, ALLOW, ['default']],
  ])('%s', (_, rules, device, effect, matchedRules) => {
    expect(evaluateMobileDeviceAccessRules(rules as MobileDeviceAccessRuleDefinition[], [], device))
      .toEqual({ effect, matchedRules, rulesEffect: effect, overridden: false });
  });
});

describe('evaluateMobileDeviceAccessRules: overrides', () => {
  const DENY_ALL: MobileDeviceAccessRuleDefinition[] = [{ name: 'DefaultDenyAll', effect: DENY }];
  const overrides: MobileDeviceAccessOverrideDefinition[] = [
    { userId: 'alice', deviceId: '6APMEKPHCP2ND42VIJ4BR8ECD0', effect: ALLOW },
    { userId: 'bob', deviceId: 'BOBPHONE', effect: DENY },
  ];

  test('"if an access rule normally denies access, an access override allows that user and device"', () => {
    const verdict = evaluateMobileDeviceAccessRules(DENY_ALL, overrides, { ...IPHONE, userId: 'alice', deviceId: '6APMEKPHCP2ND42VIJ4BR8ECD0' });
    expect(verdict).toEqual({ effect: ALLOW, matchedRules: ['DefaultDenyAll'], rulesEffect: DENY, overridden: true });
  });

  test('"Conversely, if an access rule normally allows access, you can create an override that prevents the user and device"', () => {
    const verdict = evaluateMobileDeviceAccessRules([DEFAULT], overrides, { ...IPHONE, userId: 'bob', deviceId: 'BOBPHONE' });
    expect(verdict).toMatchObject({ effect: DENY, rulesEffect: ALLOW, overridden: true });
  });

  test('"DeviceId is case insensitive" (PutMobileDeviceAccessOverride)', () => {
    const verdict = evaluateMobileDeviceAccessRules(DENY_ALL, overrides, { userId: 'alice', deviceId: '6apmekphcp2nd42vij4br8ecd0' });
    expect(verdict.effect).toBe(ALLOW);
  });

  test('"The overrides apply to specific users and devices": another user with the same device, or another device, keeps the rules\' result', () => {
    expect(evaluateMobileDeviceAccessRules(DENY_ALL, overrides, { userId: 'bob', deviceId: '6APMEKPHCP2ND42VIJ4BR8ECD0' }).effect).toBe(DENY);
    expect(evaluateMobileDeviceAccessRules(DENY_ALL, overrides, { userId: 'alice', deviceId: 'OTHER' }).effect).toBe(DENY);
    expect(evaluateMobileDeviceAccessRules(DENY_ALL, overrides, { userId: 'alice' })).toMatchObject({ effect: DENY, overridden: false });
  });
});
