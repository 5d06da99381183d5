import * as acr from '../../src/handlers/access-control-rule/plan';
import * as removal from '../../src/handlers/default-rule-removal/plan';
import * as role from '../../src/handlers/impersonation-role/plan';
import * as override from '../../src/handlers/mobile-device-access-override/plan';
import * as mobile from '../../src/handlers/mobile-device-access-rule/plan';
import { assignedIdOf, parsePhysicalId, planCreateOrUpdate } from '../../src/handlers/shared/rules';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const OTHER = 'm-11111111111111111111111111111111';

describe('physical ids', () => {
  test.each([
    [`${ORG}|name`, 1, { organizationId: ORG, key: ['name'] }],
    [`${ORG}|user|device`, 2, { organizationId: ORG, key: ['user', 'device'] }],
    [`${ORG}|name`, 2, undefined],
    [`${ORG}|`, 1, undefined],
    ['AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', 1, undefined],
    ['m-0123|name', 1, undefined],
    [undefined, 1, undefined],
  ])('%s with %d key parts', (id, parts, expected) => {
    expect(parsePhysicalId(id, parts)).toEqual(expected);
  });

  test('assigned ids', () => {
    expect(assignedIdOf(`${ORG}|abc`)).toEqual({ organizationId: ORG, id: 'abc' });
    expect(assignedIdOf('request-1')).toBeUndefined();
  });
});

describe('planCreateOrUpdate', () => {
  test.each([
    ['Create', undefined, ORG, { kind: 'Create', organizationId: ORG }],
    ['Update', `${ORG}|abc`, ORG, { kind: 'Update', organizationId: ORG, id: 'abc' }],
    ['Update', `${ORG}|abc`, OTHER, { kind: 'Create', organizationId: OTHER }],
    ['Update', 'not-an-id', ORG, { kind: 'Create', organizationId: ORG }],
  ] as const)('%s of %s in %s', (type, physicalId, organizationId, plan) => {
    expect(planCreateOrUpdate(type, physicalId, organizationId)).toEqual(plan);
  });
});

describe('access control rule plan', () => {
  const props = {
    OrganizationId: ORG,
    Name: 'office',
    Effect: 'DENY',
    Description: 'd',
    Actions: ['IMAP'],
    NotActions: [],
    IpRanges: ['10.0.0.0/8', '192.0.2.0/24'],
    UserIds: undefined,
  };

  const OWNER = 'aaaaaabbbbbb';

  test('put request: API member names, empty and absent lists omitted, the description marked with the owner', () => {
    expect(acr.putRequest(props, OWNER)).toEqual({
      OrganizationId: ORG, Name: 'office', Effect: 'DENY', Description: 'd (cdk-workmail aaaaaabbbbbb)', Actions: ['IMAP'], IpRanges: ['10.0.0.0/8', '192.0.2.0/24'],
    });
    expect(acr.physicalId(props)).toBe(`${ORG}|office`);
    expect(acr.ruleOf(`${ORG}|office`)).toEqual({ organizationId: ORG, name: 'office' });
    expect(acr.ruleOf(`${ORG}|office|found-0123456789ab`)).toEqual({ organizationId: ORG, name: 'office', found: '0123456789ab' });
    // A rule may be named like a mark: only an extra part is one.
    expect(acr.ruleOf(`${ORG}|found-0123456789ab`)).toEqual({ organizationId: ORG, name: 'found-0123456789ab' });
  });

  test('without an owner, the request is the rule as the organization had it: no marker', () => {
    expect(acr.putRequest(props, undefined).Description).toBe('d');
  });

  const written = { Name: 'office', Effect: 'DENY', Actions: ['IMAP'], IpRanges: ['192.0.2.0/24', '10.0.0.0/8'], NotActions: [] };
  test.each([
    ['the rule these properties wrote', { ...written, Description: 'd (cdk-workmail aaaaaabbbbbb)' }, 'delete'],
    ['the rule an earlier version wrote (no marker)', { ...written, Description: 'd' }, 'delete'],
    ['no rule', undefined, 'gone'],
    ['the rule another resource of the stack wrote (a move)', { ...written, Description: 'd (cdk-workmail aaaaaacccccc)' }, 'stack'],
    ['the rule another stack wrote', { ...written, Description: 'd (cdk-workmail ddddddbbbbbb)' }, 'other'],
    ['a rule with another effect', { ...written, Effect: 'ALLOW', Description: 'd (cdk-workmail aaaaaabbbbbb)' }, 'changed'],
    ['a rule with other ranges', { ...written, IpRanges: ['10.0.0.0/8'], Description: 'd (cdk-workmail aaaaaabbbbbb)' }, 'changed'],
    ['a rule with another description', { ...written, Description: 'e (cdk-workmail aaaaaabbbbbb)' }, 'changed'],
    ['an unmarked rule with other content', { ...written, Description: 'e' }, 'changed'],
  ] as const)('a Delete finding %s: %s', (_, current, expected) => {
    expect(acr.planDelete(props, OWNER, current as any)).toBe(expected);
  });

  const ID = `${ORG}|office`;
  /** The physical id of a Create that finds the organization's rule holding exactly `props`. */
  const FOUND_ID = acr.planPut(props, OWNER, { ...written, Description: 'd' } as any).physicalId;
  const FOUND = acr.ruleOf(FOUND_ID)!.found!;
  /** The same rule, found with other content (an Effect of ALLOW). */
  const OTHER_FOUND_ID = acr.planPut({ ...props, Effect: 'ALLOW' }, OWNER, { ...written, Effect: 'ALLOW', Description: 'd' } as any).physicalId;

  test('a found mark records the content: other content, another mark; list order does not count', () => {
    expect(FOUND_ID).toMatch(new RegExp(`^${ID.replace(/\|/g, '\\|')}\\|found-[0-9a-f]{12}$`));
    expect(OTHER_FOUND_ID).not.toBe(FOUND_ID);
    expect(acr.planPut({ ...props, IpRanges: ['192.0.2.0/24', '10.0.0.0/8'] }, OWNER, { ...written, Description: 'd' } as any).physicalId).toBe(FOUND_ID);
  });

  test.each([
    ['the unmarked rule it found so', { ...written, Description: 'd' }, 'found'],
    ['that rule changed outside since', { ...written, Description: 'e' }, 'changed'],
    ['the found content under its marker (written by an earlier version)', { ...written, Description: 'd (cdk-workmail aaaaaabbbbbb)' }, 'found'],
    ['the rule a moved construct wrote since', { ...written, Description: 'd (cdk-workmail aaaaaacccccc)' }, 'stack'],
  ] as const)('a Delete of a rule found with these properties, finding %s: %s', (_, current, expected) => {
    expect(acr.planDelete(props, OWNER, current as any, FOUND)).toBe(expected);
  });

  test.each([
    ['the rule an Update wrote', { ...written, Description: 'd (cdk-workmail aaaaaabbbbbb)' }, 'delete'],
    ['the rule an Update wrote, changed outside since', { ...written, Description: 'e (cdk-workmail aaaaaabbbbbb)' }, 'changed'],
  ] as const)('a Delete of a rule found with other content, finding %s: %s', (_, current, expected) => {
    expect(acr.planDelete(props, OWNER, current as any, acr.ruleOf(OTHER_FOUND_ID)!.found)).toBe(expected);
  });

  test.each([
    ['no rule', 'Create', undefined, { put: true, marked: true, physicalId: ID }],
    ['an unmarked rule that holds the properties', 'Create', { ...written, Description: 'd' }, { put: false, marked: false, physicalId: FOUND_ID }],
    ['an unmarked rule with other content', 'Create', { ...written, Description: 'e' }, { put: true, marked: true, physicalId: ID }],
    ['its own rule (a redelivery)', 'Create', { ...written, Description: 'd (cdk-workmail aaaaaabbbbbb)' }, { put: false, marked: true, physicalId: ID }],
    ['the rule of a moved construct', 'Create', { ...written, Description: 'd (cdk-workmail aaaaaacccccc)' }, { put: true, marked: true, physicalId: ID }],
    ['another stack\'s rule', 'Create', { ...written, Description: 'd (cdk-workmail ddddddbbbbbb)' }, { put: true, marked: true, physicalId: ID }],
    ['the rule it found, unchanged', FOUND_ID, { ...written, Description: 'd' }, { put: false, marked: false, physicalId: FOUND_ID }],
    ['the rule it found, now to change', OTHER_FOUND_ID, { ...written, Effect: 'ALLOW', Description: 'd' }, { put: true, marked: true, physicalId: OTHER_FOUND_ID }],
    ['the rule it found and changed, changed back (a revert or a rollback)', FOUND_ID, { ...written, Effect: 'ALLOW', Description: 'd (cdk-workmail aaaaaabbbbbb)' },
      { put: true, marked: false, physicalId: FOUND_ID }],
    ['the rule it found, back under its own marker', FOUND_ID, { ...written, Description: 'd (cdk-workmail aaaaaabbbbbb)' }, { put: true, marked: false, physicalId: FOUND_ID }],
    ['its own rule, unchanged', ID, { ...written, Description: 'd (cdk-workmail aaaaaabbbbbb)' }, { put: false, marked: true, physicalId: ID }],
    ['an unmarked rule of an earlier version', ID, { ...written, Description: 'd' }, { put: true, marked: true, physicalId: ID }],
    ['a rule of another name before (a rename)', `${ORG}|old|found-0123456789ab`, { ...written, Description: 'd' }, { put: false, marked: false, physicalId: FOUND_ID }],
  ] as const)('a Create or Update (from physical id) finding %s', (_, from, current, expected) => {
    expect(acr.planPut(props, OWNER, current as any, from === 'Create' ? undefined : from)).toEqual(expected);
  });


  test('the built-in rule a Delete puts back when it would leave no rule', () => {
    expect(acr.builtInDefaultRule(ORG)).toEqual({ OrganizationId: ORG, Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule' });
  });

  test('the limit: ten rules, unless the name replaces one of them', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ Name: `r${i}` }));
    expect(acr.exceedsLimit(ten, 'new')).toBe(true);
    expect(acr.exceedsLimit(ten, 'r3')).toBe(false);
    expect(acr.exceedsLimit(ten.slice(1), 'new')).toBe(false);
  });
});

describe('impersonation role plan', () => {
  test('request: empty strings and lists are omitted, rules keep their ids', () => {
    expect(role.roleRequest({
      OrganizationId: ORG,
      Name: 'r',
      Type: 'READ_ONLY',
      Description: '',
      Rules: [{ ImpersonationRuleId: 'a', Name: '', Effect: 'ALLOW', TargetUsers: [], NotTargetUsers: ['bob'] }],
    })).toEqual({
      OrganizationId: ORG,
      Name: 'r',
      Type: 'READ_ONLY',
      Description: undefined,
      Rules: [{ ImpersonationRuleId: 'a', Name: undefined, Description: undefined, Effect: 'ALLOW', TargetUsers: undefined, NotTargetUsers: ['bob'] }],
    });
    expect(role.roleRequest({ OrganizationId: ORG, Name: 'r', Type: 'FULL_ACCESS' }).Rules).toEqual([]);
  });

  test('an adopted role that holds the request is left as it is: rule order counts, target order does not', () => {
    const request = role.roleRequest({
      OrganizationId: ORG,
      Name: 'r',
      Type: 'READ_ONLY',
      Rules: [{ ImpersonationRuleId: 'a', Effect: 'ALLOW', TargetUsers: ['u1', 'u2'] }, { ImpersonationRuleId: 'b', Effect: 'DENY', TargetUsers: ['u3'] }],
    });
    const live = {
      Name: 'r',
      Type: 'READ_ONLY' as const,
      Rules: [
        { ImpersonationRuleId: 'a', Effect: 'ALLOW' as const, TargetUsers: ['u2', 'u1'] }, { ImpersonationRuleId: 'b', Effect: 'DENY' as const, TargetUsers: ['u3'] },
      ],
    };
    expect(role.holdsRequest(request, live)).toBe(true);
    expect(role.holdsRequest(request, { ...live, Description: 'x' })).toBe(false);
    expect(role.holdsRequest(request, { ...live, Type: 'FULL_ACCESS' })).toBe(false);
    expect(role.holdsRequest(request, { ...live, Rules: [...live.Rules].reverse() })).toBe(false);
  });
});

describe('mobile device access rule plan', () => {
  const request = mobile.ruleRequest({ OrganizationId: ORG, Name: 'n', Effect: 'DENY', DeviceTypes: ['android'], NotDeviceModels: [] });

  test('request: conditions by API member name, empty ones omitted', () => {
    expect(request).toMatchObject({ OrganizationId: ORG, Name: 'n', Effect: 'DENY', DeviceTypes: ['android'], NotDeviceModels: undefined });
  });

  test('no conditions', () => {
    expect(mobile.hasNoConditions({ Effect: 'ALLOW' })).toBe(true);
    expect(mobile.hasNoConditions({ Effect: 'ALLOW', DeviceTypes: [] })).toBe(true);
    expect(mobile.hasNoConditions({ Effect: 'ALLOW', NotDeviceUserAgents: ['x'] })).toBe(false);
  });

  test('the limit: ten rules, unless an identical one (an earlier delivery) exists', () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({ Name: `r${i}`, Effect: 'DENY' as const }));
    expect(mobile.exceedsLimit(nine, request)).toBe(false);
    expect(mobile.exceedsLimit([...nine, { Name: 'x', Effect: 'DENY' }], request)).toBe(true);
    expect(mobile.exceedsLimit([...nine, { Name: 'n', Effect: 'DENY', DeviceTypes: ['android'] }], request)).toBe(false);
    expect(mobile.exceedsLimit([...nine, { Name: 'n', Effect: 'DENY', DeviceTypes: ['ios'] }], request)).toBe(true);
  });

  test('an adopted rule that holds the request, description included, is left as it is', () => {
    expect(mobile.holdsRequest({ Name: 'n', Effect: 'DENY', DeviceTypes: ['android'] }, request)).toBe(true);
    expect(mobile.holdsRequest({ Name: 'n', Effect: 'DENY', DeviceTypes: ['android'], Description: 'x' }, request)).toBe(false);
    expect(mobile.holdsRequest({ Name: 'n', Effect: 'ALLOW', DeviceTypes: ['android'] }, request)).toBe(false);
    expect(mobile.holdsRequest(undefined, request)).toBe(false);
  });
});

describe('override plan', () => {
  test('device ids are lower-cased in the physical id, which they do not change', () => {
    const id = override.physicalId({ OrganizationId: ORG, UserId: 'alice', DeviceId: 'PHONE1', Effect: 'ALLOW' });
    expect(id).toBe(`${ORG}|alice|phone1`);
    expect(override.overrideOf(id)).toEqual({ organizationId: ORG, userId: 'alice', deviceId: 'phone1' });
    expect(override.overrideOf(`${id}|found-0123456789ab`)).toEqual({ organizationId: ORG, userId: 'alice', deviceId: 'phone1', found: '0123456789ab' });
    expect(override.overrideOf(`${ORG}|alice`)).toBeUndefined();
  });

  test('an override found holding the properties is left unwritten, and its Delete leaves it', () => {
    const OWNER = 'aaaaaabbbbbb';
    const props = { OrganizationId: ORG, UserId: 'alice', DeviceId: 'phone1', Effect: 'ALLOW', Description: 'mdm' };
    const id = `${ORG}|alice|phone1`;
    const found = override.planPut(props, OWNER, { Effect: 'ALLOW', Description: 'mdm' });
    expect(found).toEqual({ put: false, marked: false, physicalId: expect.stringMatching(new RegExp(`^${id}\\|found-[0-9a-f]{12}$`)) });
    expect(override.planPut(props, OWNER, { Effect: 'DENY', Description: 'mdm' })).toEqual({ put: true, marked: true, physicalId: id });
    const digest = override.overrideOf(found.physicalId)!.found;
    expect(override.planDelete(props, OWNER, { Effect: 'ALLOW', Description: 'mdm' }, digest)).toBe('found');
    expect(override.planDelete(props, OWNER, { Effect: 'ALLOW', Description: 'mdm' })).toBe('delete');
    // Changed by an Update and changed back: put as found, without a marker; its Delete leaves it.
    expect(override.planPut(props, OWNER, { Effect: 'DENY', Description: 'mdm (cdk-workmail aaaaaabbbbbb)' }, found.physicalId))
      .toEqual({ put: true, marked: false, physicalId: found.physicalId });
    expect(override.markedDescription({ ...props, Description: undefined }, undefined)).toBeUndefined();
  });
});

describe('default rule removal plan', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  const rules = [
    { MobileDeviceAccessRuleId: 'mine', Name: 'allow-all-mine', Effect: 'ALLOW' as const, DateCreated: at(5) },
    { MobileDeviceAccessRuleId: 'builtin', Name: 'DefaultAllowAll', Effect: 'ALLOW' as const, DateCreated: at(0) },
    { MobileDeviceAccessRuleId: 'ios', Name: 'ios', Effect: 'ALLOW' as const, DeviceTypes: ['iPhone'], DateCreated: at(1) },
    { MobileDeviceAccessRuleId: 'deny', Name: 'deny', Effect: 'DENY' as const, DateCreated: at(2) },
  ];

  test('the built-in mobile rule: the oldest rule, when it allows every device and nobody marked or made it', () => {
    expect(removal.builtInMobileRule(rules, [`${ORG}|mine`])?.MobileDeviceAccessRuleId).toBe('builtin');
    expect(removal.builtInMobileRule(rules, [`${ORG}|builtin`])).toBeUndefined();
    expect(removal.builtInMobileRule(rules.filter((rule) => rule.MobileDeviceAccessRuleId !== 'builtin'), [])).toBeUndefined();
    expect(removal.builtInMobileRule([{ ...rules[1], Description: 'x (cdk-workmail aaaaaabbbbbb)' }], [])).toBeUndefined();
  });

  test('the built-in access control rule: the unmarked rule named default, whole', () => {
    const builtIn = { Name: 'default', Effect: 'ALLOW' as const, Description: 'Default WorkMail Rule', NotIpRanges: ['10.0.0.0/8'], DateCreated: at(0) };
    expect(removal.builtInAccessControlRule([builtIn])).toEqual({ Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule', NotIpRanges: ['10.0.0.0/8'] });
    expect(removal.builtInAccessControlRule([{ ...builtIn, Description: 'mine (cdk-workmail aaaaaabbbbbb)' }])).toBeUndefined();
    expect(removal.decodeRule(removal.encodeRule(removal.builtInAccessControlRule([builtIn])!))).toEqual(removal.builtInAccessControlRule([builtIn]));
  });

  test.each([
    [undefined, 'remove', 'restore', 'gone'],
    ['aaaaaabbbbbb', 'finish', 'restore', 'restore'],
    ['aaaaaacccccc', 'take over', 'restore', 'stack'],
  ] as const)('a record owned by %s: Create %s, Delete %s', (recordOwner, create, _, restore) => {
    const record = recordOwner && { owner: recordOwner, payload: '' };
    expect(removal.planRemoval(record, 'aaaaaabbbbbb', ORG, 'AccessControlRule')).toBe(create);
    expect(removal.planRestore(record, 'aaaaaabbbbbb')).toBe(restore);
  });

  test('a record of another stack refuses the Create and stays with that stack', () => {
    const record = { owner: 'ddddddcccccc', payload: '' };
    expect(() => removal.planRemoval(record, 'aaaaaabbbbbb', ORG, 'AccessControlRule')).toThrow(/removed by another stack/);
    expect(removal.planRestore(record, 'aaaaaabbbbbb')).toBe('other');
  });

  test('physical ids and kinds', () => {
    const id = removal.physicalId({ OrganizationId: ORG, Kind: 'AccessControlRule' });
    expect(id).toBe(`${ORG}|default-rule-removal|AccessControlRule`);
    expect(removal.removalOf(id)).toEqual({ organizationId: ORG, kind: 'AccessControlRule' });
    expect(removal.removalOf(`${ORG}|other|AccessControlRule`)).toBeUndefined();
    expect(() => removal.checkKind('MobileDeviceAccessRule')).not.toThrow();
    expect(() => removal.checkKind('Users')).toThrow(/Kind must be one of AccessControlRule, MobileDeviceAccessRule/);
  });
});
