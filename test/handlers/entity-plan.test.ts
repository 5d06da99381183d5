import {
  ActualEntity,
  checkRename,
  domainNotVerified,
  isEntityId,
  parseRegistration,
  keepsRegistration,
  planCreate,
  planDeletion,
  planRegistration,
  planLinks,
  RegistrationSettings,
} from '../../src/handlers/entity/plan';
import { parseGroupSettings, planHidden } from '../../src/handlers/group/plan';
import { parsePermissionSettings, physicalId, planDelete } from '../../src/handlers/mailbox-permission/plan';
import { parseResourceSettings, planResourceUpdate } from '../../src/handlers/resource/plan';
import { parseUserSettings, passwordChanged, planAttributes, planMailboxQuota, UserSettings } from '../../src/handlers/user/plan';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const ID = '12345678-1234-1234-1234-123456789012';

const settings = (overrides: Partial<RegistrationSettings> = {}): RegistrationSettings => ({
  organizationId: ORG,
  name: 'alice',
  email: 'alice@corp.com',
  enabled: true,
  aliases: [],
  domainVerificationTimeoutSeconds: 1800,
  ...overrides,
});
const actual = (overrides: Partial<ActualEntity> = {}): ActualEntity => ({
  id: ID, name: 'alice', state: 'ENABLED', email: 'alice@corp.com', ...overrides,
});

describe('parseRegistration', () => {
  test('parses strings, lower-cases addresses, defaults', () => {
    expect(parseRegistration({ OrganizationId: ORG, Name: 'a', Email: 'A@Corp.com', Aliases: ['X@Corp.com'] }, true)).toEqual({
      organizationId: ORG,
      name: 'a',
      email: 'a@corp.com',
      enabled: true,
      hiddenFromGlobalAddressList: undefined,
      aliases: ['x@corp.com'],
      domainVerificationTimeoutSeconds: 1800,
    });
    expect(parseRegistration({
      OrganizationId: ORG, Name: 'a', Email: 'a@b.co', Enabled: 'false', HiddenFromGlobalAddressList: 'true', DomainVerificationTimeout: '60',
    }, true)).toMatchObject({ enabled: false, hiddenFromGlobalAddressList: true, domainVerificationTimeoutSeconds: 60 });
  });

  test('without an address nothing is registered', () => {
    expect(parseRegistration({ OrganizationId: ORG, Name: 'g' }, true).enabled).toBe(false);
  });

  test('rejects malformed values loudly', () => {
    expect(() => parseRegistration({ OrganizationId: ORG, Name: 'a', Enabled: 'yes' }, true)).toThrow('Property Enabled must be true or false, got "yes".');
  });
});

test.each([
  [ID, true],
  [ID.toUpperCase(), true],
  ['S-1-1-12-1234567890-123456789-123456789-1234', true],
  ['AWSCDK::CustomResourceProviderFramework::CREATE_FAILED', false],
  ['r-0123456789abcdef0123456789abcdef', true],
  ['request-1', false],
  [undefined, false],
])('isEntityId(%s) is %s', (id, expected) => {
  expect(isEntityId(id)).toBe(expected);
});

describe('planCreate', () => {
  test('creates when nothing has the name, or only a deleted entity', () => {
    expect(planCreate('user', settings(), undefined, false, false)).toBe('create');
    expect(planCreate('user', settings(), actual({ state: 'DELETED' }), false, false)).toBe('create');
  });

  test('finishes only what an earlier delivery of this Create made: disabled, no address, as the create call left it', () => {
    expect(planCreate('user', settings(), actual({ state: 'DISABLED', email: undefined }), false, true)).toBe('finish');
    expect(() => planCreate('user', settings(), actual({ state: 'DISABLED', email: undefined }), false, false)).toThrow(/already exists/);
    // Registered with the very address asked for is still someone else's: registration happens after onEvent.
    expect(() => planCreate('user', settings(), actual(), false, true)).toThrow(/already exists/);
    expect(() => planCreate('group', settings(), actual({ state: 'DISABLED' }), false, true)).toThrow(/already exists/); // deregistered keeps its address
  });

  test('adopts whatever it finds when told to', () => {
    expect(planCreate('user', settings(), actual({ email: 'other@corp.com' }), true, false)).toBe('adopt');
    expect(planCreate('group', settings(), actual({ state: 'DISABLED' }), true, false)).toBe('adopt');
  });

  test('anything else is refused, naming the entity and both ways on', () => {
    expect(() => planCreate('user', settings(), actual({ email: 'other@corp.com' }), false, false)).toThrow(
      `A WorkMail user named alice in organization ${ORG} (id ${ID}, state ENABLED, email other@corp.com) already exists`,
    );
    expect(() => planCreate('group', settings(), actual({ state: 'DISABLED', email: 'x@corp.com' }), false, false)).toThrow(
      new RegExp(`Group.fromGroupId\\(this, 'Group', '${ID}'\\).*adoptExisting: true`),
    );
  });

  test('an adopted entity whose properties name no address keeps its registration', () => {
    expect(keepsRegistration(settings({ email: undefined }), true)).toBe(true);
    expect(keepsRegistration(settings({ email: undefined }), false)).toBe(false);
    expect(keepsRegistration(settings(), true)).toBe(false);
  });
});

describe('planRegistration', () => {
  test('registers a disabled entity, then adds the aliases', () => {
    expect(planRegistration(settings({ aliases: ['a1@corp.com'] }), [], actual({ state: 'DISABLED', email: undefined }), [])).toEqual([
      { kind: 'RegisterToWorkMail', email: 'alice@corp.com' },
      { kind: 'CreateAlias', alias: 'a1@corp.com' },
    ]);
  });

  test('nothing to do when WorkMail matches', () => {
    expect(planRegistration(settings({ aliases: ['a1@corp.com'] }), ['a1@corp.com'], actual(), ['a1@corp.com'])).toEqual([]);
  });

  test('changes the primary address in place', () => {
    expect(planRegistration(settings({ email: 'new@corp.com' }), [], actual(), [])).toEqual([
      { kind: 'UpdatePrimaryEmailAddress', email: 'new@corp.com' },
    ]);
  });

  test('an alias becoming the primary address is removed first', () => {
    expect(planRegistration(settings({ email: 'a1@corp.com' }), ['a1@corp.com'], actual(), ['a1@corp.com'])).toEqual([
      { kind: 'DeleteAlias', alias: 'a1@corp.com' },
      { kind: 'UpdatePrimaryEmailAddress', email: 'a1@corp.com' },
    ]);
  });

  test('removes only aliases the stack set before; keeps aliases added elsewhere', () => {
    expect(planRegistration(settings({ aliases: ['keep@corp.com'] }), ['gone@corp.com', 'keep@corp.com', 'already@corp.com'],
      actual(), ['gone@corp.com', 'keep@corp.com', 'console@corp.com'])).toEqual([
      { kind: 'DeleteAlias', alias: 'gone@corp.com' },
    ]);
  });

  test('disabled deregisters an enabled entity and leaves a disabled one alone', () => {
    expect(planRegistration(settings({ enabled: false }), [], actual(), [])).toEqual([{ kind: 'DeregisterFromWorkMail' }]);
    expect(planRegistration(settings({ enabled: false }), [], actual({ state: 'DISABLED' }), [])).toEqual([]);
  });

  test('re-registers with the current address a deregistered entity', () => {
    expect(planRegistration(settings(), [], actual({ state: 'DISABLED', email: 'old@corp.com' }), [])).toEqual([
      { kind: 'RegisterToWorkMail', email: 'alice@corp.com' },
    ]);
  });
});

describe('planDeletion', () => {
  test.each([
    ['onEvent', undefined, 'done'],
    ['onEvent', 'DELETED', 'done'],
    ['onEvent', 'ENABLED', 'deregister'],
    ['onEvent', 'DISABLED', 'delete'],
    ['isComplete', undefined, 'done'],
    ['isComplete', 'ENABLED', 'wait'],
    ['isComplete', 'DISABLED', 'delete'],
    ['isComplete', 'DELETED', 'done'],
  ] as const)('%s with state %s: %s', (phase, state, expected) => {
    expect(planDeletion(phase, state === undefined ? undefined : actual({ state }))).toBe(expected);
  });
});

describe('checkRename', () => {
  test('the same name in other case is no rename', () => {
    expect(() => checkRename('user', settings({ name: 'Alice' }), actual())).not.toThrow();
  });
  test('a rename of a user and of a group is refused with the way forward', () => {
    expect(() => checkRename('user', settings({ name: 'bob' }), actual())).toThrow(/change displayName instead/);
    expect(() => checkRename('group', settings({ name: 'bob' }), actual())).toThrow(/would delete its address and memberships/);
  });
});

test('domainNotVerified waits until the deadline, then explains', () => {
  expect(domainNotVerified(settings(), 999, 1000)).toBe('wait');
  expect(() => domainNotVerified(settings(), 1000, 1000)).toThrow(/mail domain corp.com of alice@corp.com is still not verified after 1800 seconds/);
});

describe('user', () => {
  const user = (overrides: Partial<UserSettings> = {}): UserSettings => ({
    ...parseUserSettings({ OrganizationId: ORG, Name: 'alice', Email: 'alice@corp.com' }),
    ...overrides,
  });

  test('parses role, attributes, secret, version and quota', () => {
    expect(parseUserSettings({
      OrganizationId: ORG,
      Name: 'a',
      Role: 'REMOTE_USER',
      Attributes: { City: 'Oxford' },
      PasswordSecretArn: 'arn:s',
      PasswordSecretVersionId: 'v1',
      MailboxQuota: '1024',
    })).toMatchObject({ role: 'REMOTE_USER', attributes: { City: 'Oxford' }, passwordSecretArn: 'arn:s', passwordSecretVersionId: 'v1', mailboxQuota: 1024 });
    expect(() => parseUserSettings({ OrganizationId: ORG, Name: 'a', MailboxQuota: 'lots' })).toThrow('Property MailboxQuota must be a number');
  });

  test('planAttributes sends only what differs, clears what the stack stopped setting, leaves the rest', () => {
    const current = { ...actual(), role: 'USER', attributes: { DisplayName: 'Alice', City: 'Oxford', Office: 'console' } };
    expect(planAttributes(undefined, user({ attributes: { DisplayName: 'Alice', City: 'Oxford' } }), current)).toBeUndefined();
    expect(planAttributes(
      user({ attributes: { City: 'Oxford', Country: 'UK' } }),
      user({ attributes: { DisplayName: 'Alice L.' }, role: 'REMOTE_USER', registration: settings({ hiddenFromGlobalAddressList: true }) }),
      { ...current, attributes: { ...current.attributes, Country: 'UK' } },
    )).toEqual({ DisplayName: 'Alice L.', City: '', Country: '', Role: 'REMOTE_USER', HiddenFromGlobalAddressList: true });
  });

  test('passwordChanged: another secret or version; nothing when no secret', () => {
    expect(passwordChanged(user(), user())).toBe(false);
    expect(passwordChanged(user(), user({ passwordSecretArn: 'arn:a' }))).toBe(true);
    expect(passwordChanged(user({ passwordSecretArn: 'arn:a' }), user({ passwordSecretArn: 'arn:a' }))).toBe(false);
    expect(passwordChanged(user({ passwordSecretArn: 'arn:a' }), user({ passwordSecretArn: 'arn:a', passwordSecretVersionId: 'v2' }))).toBe(true);
    expect(passwordChanged(user({ passwordSecretArn: 'arn:a' }), user())).toBe(false);
  });

  test('planMailboxQuota', () => {
    expect(planMailboxQuota(user(), 51200)).toBeUndefined();
    expect(planMailboxQuota(user({ mailboxQuota: 1024 }), 51200)).toBe(1024);
    expect(planMailboxQuota(user({ mailboxQuota: 1024 }), 1024)).toBeUndefined();
  });
});

describe('group', () => {
  test('parses members', () => {
    expect(parseGroupSettings({ OrganizationId: ORG, Name: 'g', Members: ['a', 'b'] }).members).toEqual(['a', 'b']);
    expect(parseGroupSettings({ OrganizationId: ORG, Name: 'g' }).members).toEqual([]);
  });

  test('planLinks adds the missing, removes what the stack dropped, keeps the rest', () => {
    expect(planLinks(['a', 'b', 'c'], ['b', 'd'], ['a', 'b', 'x'])).toEqual({ add: ['d'], remove: ['a'] });
    expect(planLinks([], [], ['x'])).toEqual({ add: [], remove: [] });
  });

  test('planHidden', () => {
    const group = parseGroupSettings({ OrganizationId: ORG, Name: 'g', HiddenFromGlobalAddressList: 'true' });
    expect(planHidden(group, actual({ hiddenFromGlobalAddressList: false }))).toBe(true);
    expect(planHidden(group, actual({ hiddenFromGlobalAddressList: true }))).toBeUndefined();
    expect(planHidden(parseGroupSettings({ OrganizationId: ORG, Name: 'g' }), actual({ hiddenFromGlobalAddressList: true }))).toBeUndefined();
  });
});

describe('mailbox permission', () => {
  const permission = parsePermissionSettings({ OrganizationId: ORG, EntityId: 'e', GranteeId: 'g', PermissionValues: ['SEND_AS', 'SEND_AS'] });
  test('the pair is the physical id; values are deduplicated', () => {
    expect(physicalId(permission)).toBe('e|g');
    expect(permission.permissionValues).toEqual(['SEND_AS']);
  });
  test('Delete acts only for the pair this resource set', () => {
    expect(planDelete(permission, 'e|g')).toBe(true);
    expect(planDelete(permission, 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED')).toBe(false);
    expect(planDelete(permission, undefined)).toBe(false);
  });
});

describe('resource', () => {
  const base = { OrganizationId: ORG, Name: 'room-1', Type: 'ROOM', Email: 'room-1@corp.com' };
  const current = {
    ...actual({ name: 'room-1' }),
    type: 'ROOM',
    description: 'old',
    bookingOptions: { AutoAcceptRequests: true, AutoDeclineRecurringRequests: false, AutoDeclineConflictingRequests: true },
  };

  test('parses booking options, leaving unset ones out', () => {
    expect(parseResourceSettings({ ...base, BookingOptions: { AutoAcceptRequests: 'false' }, Delegates: ['d'] })).toMatchObject({
      type: 'ROOM', bookingOptions: { AutoAcceptRequests: false }, delegates: ['d'],
    });
  });

  test('nothing differs, nothing to send', () => {
    expect(planResourceUpdate(undefined, parseResourceSettings({ ...base, Description: 'old' }), current)).toBeUndefined();
  });

  test('renames, retypes, clears a dropped description, merges booking options', () => {
    const previous = parseResourceSettings({ ...base, Description: 'old' });
    const next = parseResourceSettings({
      ...base, Name: 'projector', Type: 'EQUIPMENT', HiddenFromGlobalAddressList: 'true', BookingOptions: { AutoDeclineRecurringRequests: 'true' },
    });
    expect(planResourceUpdate(previous, next, current)).toEqual({
      Name: 'projector',
      Type: 'EQUIPMENT',
      Description: '',
      HiddenFromGlobalAddressList: true,
      BookingOptions: { AutoAcceptRequests: true, AutoDeclineRecurringRequests: true, AutoDeclineConflictingRequests: true },
    });
  });

  test('a description set outside the stack and never in it is left alone', () => {
    expect(planResourceUpdate(undefined, parseResourceSettings(base), current)).toBeUndefined();
  });
});
