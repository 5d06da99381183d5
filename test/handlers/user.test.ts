import { CreateGroupCommand } from '@aws-sdk/client-workmail';
import { isComplete, onEvent } from '../../src/handlers';
import { IsCompleteEvent, ResourceEvent } from '../../src/handlers/shared/cfn';
import { ResourceType } from '../../src/private/constants';
import { UserResourceProperties } from '../../src/private/entity-properties';
import { WorkMailEmulator } from '../emulator';
import { request, run } from './cloudformation';
import { workMail } from './directory';
import { addMailDomain, mockSecretReads, mockSecrets, organizationPerTest, SECRET_ARN } from './entities';

jest.mock('@aws-sdk/client-secrets-manager', () => jest.requireActual('./entities').mockSecretsManager(), { virtual: true });

const PASSWORD = 'Corr3ct-Horse-Battery';
const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

const fixture = organizationPerTest();
let emulator: WorkMailEmulator;
let logs: string[];
let organizationId: string;

beforeEach(() => {
  ({ emulator, logs, organizationId } = fixture);
  mockSecrets.clear();
  mockSecrets.set(SECRET_ARN, PASSWORD);
  mockSecretReads.length = 0;
});

const props = (overrides: Partial<UserResourceProperties> = {}): UserResourceProperties => ({
  OrganizationId: organizationId,
  Name: 'alice',
  Email: 'alice@corp.awsapps.com',
  Attributes: { DisplayName: 'Alice Liddell' },
  ...overrides,
});
const create = (p: UserResourceProperties) => request(ResourceType.USER, 'Create', p);
const update = (id: string, oldProps: UserResourceProperties, p: UserResourceProperties) =>
  request(ResourceType.USER, 'Update', p, { PhysicalResourceId: id, OldResourceProperties: oldProps });
const remove = (id: string, p: UserResourceProperties) => request(ResourceType.USER, 'Delete', p, { PhysicalResourceId: id });

function user(id: string) {
  const entity = emulator.organization(organizationId).entities.get(id);
  if (!entity) {
    throw new Error(`no entity ${id}`);
  }
  return entity;
}

/** onEvent, then isComplete once: what the framework does before its first wait. */
async function start(event: ResourceEvent<UserResourceProperties>): Promise<IsCompleteEvent> {
  const started = await onEvent(event as unknown as unknown as ResourceEvent);
  const waiting = { ...(event as unknown as ResourceEvent), PhysicalResourceId: started.PhysicalResourceId!, Data: started.Data };
  return waiting;
}

describe('create', () => {
  test('creates the user, registers it with its address, sets attributes, password and aliases', async () => {
    const { PhysicalResourceId: id, Data } = await run(create(props({
      Role: 'USER',
      Attributes: { DisplayName: 'Alice Liddell', FirstName: 'Alice', JobTitle: 'Explorer' },
      HiddenFromGlobalAddressList: 'true',
      PasswordSecretArn: SECRET_ARN,
      Aliases: ['Alice.L@corp.awsapps.com', 'al@corp.awsapps.com'],
      MailboxQuota: '2048',
    })));

    const alice = user(id);
    expect(alice).toMatchObject({
      name: 'alice',
      state: 'ENABLED',
      email: 'alice@corp.awsapps.com',
      aliases: ['alice.l@corp.awsapps.com', 'al@corp.awsapps.com'],
      hiddenFromGlobalAddressList: true,
      password: PASSWORD,
      mailboxQuota: 2048,
      attributes: { Role: 'USER', DisplayName: 'Alice Liddell', FirstName: 'Alice', JobTitle: 'Explorer' },
    });
    expect(emulator.organization(organizationId).enabledUsers).toBe(1);
    expect(mockSecretReads).toEqual([{ SecretId: SECRET_ARN, VersionId: undefined }]);
    // The user was created before it was registered: CreateUser makes disabled users.
    const order = emulator.calls.map((call) => call.operation).filter((op) => ['CreateUser', 'RegisterToWorkMail', 'CreateAlias'].includes(op));
    expect(order).toEqual(['CreateUser', 'RegisterToWorkMail', 'CreateAlias', 'CreateAlias']);
    expect(Data).toMatchObject({ UserId: id, Email: 'alice@corp.awsapps.com' });
  });

  test('the password never reaches logs or Data', async () => {
    const { Data } = await run(create(props({ PasswordSecretArn: SECRET_ARN })));
    expect(JSON.stringify(Data)).not.toContain(PASSWORD);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(PASSWORD);
    expect(logs.join('\n')).not.toContain('Alice Liddell'); // no properties either
  });

  test('reads the pinned version of the secret', async () => {
    mockSecrets.set(`${SECRET_ARN}|v2`, 'Sec0nd-Version-Pass');
    const { PhysicalResourceId: id } = await run(create(props({ PasswordSecretArn: SECRET_ARN, PasswordSecretVersionId: 'v2' })));
    expect(user(id).password).toBe('Sec0nd-Version-Pass');
  });

  test('a password WorkMail refuses is explained without quoting it', async () => {
    mockSecrets.set(SECRET_ARN, 'short');
    const failure = run(create(props({ PasswordSecretArn: SECRET_ARN })));
    await expect(failure).rejects.toThrow(/WorkMail refused the password in secret arn:aws:secretsmanager.*8-63 characters/);
    await expect(run(create(props({ PasswordSecretArn: SECRET_ARN })))).rejects.not.toThrow(/short/);
  });

  test('a missing secret is explained', async () => {
    await expect(run(create(props({ PasswordSecretArn: `${SECRET_ARN}x` })))).rejects.toThrow(
      /GetSecretValue failed with ResourceNotFoundException for password secret .*check that the secret and version exist/,
    );
    expect(emulator.callsTo('CreateUser')).toEqual([]);
  });

  test('waits while the address\'s domain is not verified, then registers', async () => {
    const domain = addMailDomain(emulator, organizationId, 'example.com', 'PENDING');
    const waiting = await start(create(props({ Email: 'alice@example.com' })));
    await expect(isComplete(waiting)).resolves.toEqual({ IsComplete: false });
    await expect(isComplete(waiting)).resolves.toEqual({ IsComplete: false });
    expect(user(waiting.PhysicalResourceId).state).toBe('DISABLED');

    domain.ownershipVerificationStatus = 'VERIFIED';
    await expect(isComplete(waiting)).resolves.toMatchObject({ IsComplete: true });
    expect(user(waiting.PhysicalResourceId)).toMatchObject({ state: 'ENABLED', email: 'alice@example.com' });
  });

  test('stops waiting for verification after the timeout, with what to do', async () => {
    addMailDomain(emulator, organizationId, 'example.com', 'PENDING');
    await expect(run(create(props({ Email: 'alice@example.com', DomainVerificationTimeout: '0' })))).rejects.toThrow(
      'The mail domain example.com of alice@example.com is still not verified after 0 seconds, so WorkMail cannot give alice this address. '
      + 'Publish the DNS records the WorkMail console lists for example.com',
    );
  });

  test('an address on a domain the organization does not have fails at once', async () => {
    await expect(run(create(props({ Email: 'alice@elsewhere.com' })))).rejects.toThrow(
      /RegisterToWorkMail failed for alice: the mail domain elsewhere.com of alice@elsewhere.com is not registered in organization/,
    );
  });

  test('an alias on an unverified domain waits too', async () => {
    addMailDomain(emulator, organizationId, 'example.com', 'PENDING');
    const waiting = await start(create(props({ Aliases: ['alice@example.com'] })));
    await expect(isComplete(waiting)).resolves.toEqual({ IsComplete: false });
    expect(user(waiting.PhysicalResourceId).state).toBe('ENABLED');
  });

  test('an address another entity uses is explained', async () => {
    await run(create(props({ Name: 'bob', Email: 'shared@corp.awsapps.com' })));
    await expect(run(create(props({ Email: 'shared@corp.awsapps.com' })))).rejects.toThrow(
      /shared@corp.awsapps.com is already the address or an alias of another user, group or resource/,
    );
  });

  test('a redelivered Create finishes the same user without setting its password again', async () => {
    const event = create(props({ PasswordSecretArn: SECRET_ARN }));
    const first = await onEvent(event as unknown as ResourceEvent); // the first delivery's answer was lost
    const again = await run(event);
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(emulator.callsTo('CreateUser').filter((call) => !call.error)).toHaveLength(1);
    expect(emulator.callsTo('ResetPassword')).toEqual([]);
    expect([...emulator.organization(organizationId).entities.values()]).toHaveLength(1);
  });

  test('a deregistered user of the same name (a former employee) is not taken for the earlier delivery\'s', async () => {
    const { PhysicalResourceId: former } = await run(create(props({ Attributes: { DisplayName: 'Alice Former' } })));
    await run(request(ResourceType.USER, 'Update', props({ Enabled: 'false', Attributes: { DisplayName: 'Alice Former' } }), {
      PhysicalResourceId: former, OldResourceProperties: props({ Attributes: { DisplayName: 'Alice Former' } }),
    }));
    await expect(run(create(props({ PasswordSecretArn: SECRET_ARN })))).rejects.toThrow(/A WorkMail user named alice .* already exists/);
    expect(emulator.callsTo('ResetPassword')).toEqual([]);
  });

  test('a redelivery after CreateUser but before registration adopts the disabled user', async () => {
    const event = create(props());
    await onEvent(event as unknown as unknown as ResourceEvent); // the first delivery stopped here
    const { PhysicalResourceId: id } = await run(event);
    expect(emulator.callsTo('CreateUser').filter((call) => !call.error)).toHaveLength(1);
    expect(user(id).state).toBe('ENABLED');
  });

  test('a name another user already holds is a collision, not an adoption', async () => {
    const { PhysicalResourceId: other } = await run(create(props({ Email: 'alice.old@corp.awsapps.com' })));
    await expect(run(create(props()))).rejects.toThrow(
      `A WorkMail user named alice in organization ${organizationId} (id ${other}, state ENABLED, email alice.old@corp.awsapps.com) already exists `
      + `and this stack did not make it, so User refuses to take it over. Either refer to it without managing it (User.fromUserId(this, 'User', '${other}')), `
      + 'or pass adoptExisting: true to User',
    );
    // The second Create tried the name, which WorkMail refused: nothing was made or changed.
    expect(emulator.callsTo('CreateUser').map((call) => call.error)).toEqual([undefined, 'NameAvailabilityException']);
  });

  test('in a read-only directory, which refuses every create, a user of the name is refused as a collision, and no user is the directory\'s error', async () => {
    const { PhysicalResourceId: other } = await run(create(props({ Email: 'alice.old@corp.awsapps.com' })));
    emulator.injectFault({ kind: 'throttle', operation: 'CreateUser', count: 3, errorName: 'UnsupportedOperationException' });
    await expect(run(create(props()))).rejects.toThrow(`A WorkMail user named alice in organization ${organizationId} (id ${other}, state ENABLED`);
    await expect(run(create(props({ Name: 'bob' })))).rejects.toThrow(/UnsupportedOperationException/);
    // bob: tried and looked up; no user of the name, so the directory's answer stands without a second try.
    expect(emulator.callsTo('CreateUser').map((call) => call.error)).toEqual([undefined, 'UnsupportedOperationException', 'UnsupportedOperationException']);
    expect([...emulator.organization(organizationId).entities.values()].map((e) => e.name)).toEqual(['alice']);
  });

  test('a name a group holds is WorkMail\'s refusal, tried once: no user of the name to finish or refuse', async () => {
    await workMail().send(new CreateGroupCommand({ OrganizationId: organizationId, Name: 'alice' }));
    await expect(run(create(props()))).rejects.toThrow(/NameAvailabilityException.*the name is already taken: choose another/s);
    expect(emulator.callsTo('CreateUser').map((call) => call.error)).toEqual(['NameAvailabilityException']);
    expect([...emulator.organization(organizationId).entities.values()].map((e) => [e.kind, e.name])).toEqual([['GROUP', 'alice']]);
  });

  test('a create whose answer was lost is retried into the user it made, which the handler adopts', async () => {
    emulator.injectFault({ kind: 'lost-answer', operation: 'CreateUser', count: 1 });
    const { PhysicalResourceId: id } = await run(create(props()));
    expect(emulator.callsTo('CreateUser').map((call) => call.error)).toEqual(['ServiceUnavailable', 'NameAvailabilityException']);
    expect(user(id).state).toBe('ENABLED');
    const named = [...emulator.organization(organizationId).entities.values()].filter((e) => e.name === user(id).name);
    expect(named).toHaveLength(1);
  });

  test('without Enabled the user is registered, and its attributes may be properties of their own', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Attributes: undefined, DisplayName: 'Alice Liddell', JobTitle: 'Explorer' })));
    expect(user(id)).toMatchObject({ state: 'ENABLED', email: 'alice@corp.awsapps.com', attributes: { DisplayName: 'Alice Liddell', JobTitle: 'Explorer' } });
  });

  test('enabled false creates the user without a mailbox', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Enabled: 'false' })));
    expect(user(id).state).toBe('DISABLED');
    expect(emulator.callsTo('RegisterToWorkMail')).toEqual([]);
  });

  test('tries the name before looking it up, unless adopting: a new user costs one call in onEvent', async () => {
    const onEventCalls = async (properties: UserResourceProperties) => {
      const from = emulator.calls.length;
      await start(create(properties));
      return emulator.calls.slice(from).map((call) => call.operation);
    };
    expect(await onEventCalls(props())).toEqual(['CreateUser']);
    expect(await onEventCalls(props({ Name: 'bob', AdoptExisting: 'true' }))).toEqual(['ListUsers', 'CreateUser']);
  });

  test('reads a new user once, and its mailbox only to set a quota: a burst of creations spends WorkMail\'s request rate on nothing else', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Name: 'bob', Email: 'bob@corp.awsapps.com', Attributes: { DisplayName: 'Bob', JobTitle: 'Builder' } })));
    expect(emulator.callsTo('DescribeUser')).toHaveLength(1);
    expect(emulator.callsTo('GetMailboxDetails')).toEqual([]);
    expect(user(id)).toMatchObject({ state: 'ENABLED', email: 'bob@corp.awsapps.com', attributes: { DisplayName: 'Bob', JobTitle: 'Builder' } });

    await run(create(props({ MailboxQuota: '2048' })));
    expect(emulator.callsTo('DescribeUser')).toHaveLength(2);
    expect(emulator.callsTo('GetMailboxDetails')).toHaveLength(1);
  });

  test('survives throttling on every call', async () => {
    for (const operation of ['DescribeUser', 'CreateUser', 'RegisterToWorkMail', 'CreateAlias', 'ListAliases']) {
      emulator.injectFault({ kind: 'throttle', operation, count: 2 });
    }
    const { PhysicalResourceId: id } = await run(create(props({ Aliases: ['al@corp.awsapps.com'] })));
    expect(user(id)).toMatchObject({ state: 'ENABLED', aliases: ['al@corp.awsapps.com'] });
    expect(emulator.callsTo('CreateUser').filter((call) => !call.error)).toHaveLength(1);
  });
});

describe('update', () => {
  test('changes attributes, address, aliases, quota and password in place', async () => {
    const before = props({
      Attributes: { DisplayName: 'Alice', Office: 'Wonderland' },
      Aliases: ['a1@corp.awsapps.com', 'a2@corp.awsapps.com'],
      PasswordSecretArn: SECRET_ARN,
    });
    const { PhysicalResourceId: id } = await run(create(before));
    emulator.organization(organizationId).entities.get(id)!.aliases.push('console@corp.awsapps.com');
    mockSecrets.set(`${SECRET_ARN}|v2`, 'R0tated-Password!');

    const after = props({
      Email: 'a1@corp.awsapps.com',
      Attributes: { DisplayName: 'Alice L.', City: 'Oxford' },
      Role: 'REMOTE_USER',
      Aliases: ['a3@corp.awsapps.com'],
      PasswordSecretArn: SECRET_ARN,
      PasswordSecretVersionId: 'v2',
      MailboxQuota: '1024',
    });
    const outcome = await run(update(id, before, after));

    expect(outcome.PhysicalResourceId).toBe(id);
    expect(user(id)).toMatchObject({
      state: 'ENABLED',
      email: 'a1@corp.awsapps.com',
      aliases: ['console@corp.awsapps.com', 'a3@corp.awsapps.com'],
      attributes: { Role: 'REMOTE_USER', DisplayName: 'Alice L.', City: 'Oxford' },
      password: 'R0tated-Password!',
      mailboxQuota: 1024,
    });
    expect(user(id).attributes.Office).toBeUndefined();
    expect(emulator.callsTo('CreateUser')).toHaveLength(1);
    expect(emulator.callsTo('DeleteUser')).toEqual([]);
  });

  test('this version\'s properties (attributes on their own, Enabled absent) after an earlier version\'s (Attributes, Enabled "true") change only what differs', async () => {
    const earlier = props({ Enabled: 'true', Attributes: { DisplayName: 'Alice Liddell', Office: 'Wonderland' } });
    const { PhysicalResourceId: id } = await run(create(earlier));
    expect(user(id).attributes).toMatchObject({ DisplayName: 'Alice Liddell', Office: 'Wonderland' });
    const calls = emulator.calls.length;

    // The same user in this version's form: nothing to do.
    const same = props({ Attributes: undefined, DisplayName: 'Alice Liddell', Office: 'Wonderland' });
    await run(update(id, earlier, same));
    const writes = (since: number) => emulator.calls.slice(since).map((call) => call.operation)
      .filter((operation) => !operation.startsWith('Describe') && !operation.startsWith('List') && !operation.startsWith('Get'));
    expect(writes(calls)).toEqual([]);
    expect(user(id)).toMatchObject({ state: 'ENABLED', attributes: { DisplayName: 'Alice Liddell', Office: 'Wonderland' } });

    // An attribute the earlier properties set and these do not is cleared, as within one version.
    await run(update(id, earlier, props({ Attributes: undefined, DisplayName: 'Alice L.' })));
    expect(user(id).attributes).toMatchObject({ DisplayName: 'Alice L.' });
    expect(user(id).attributes.Office).toBeUndefined();
    expect(user(id).state).toBe('ENABLED');
  });

  test('an unchanged secret does not reset the password', async () => {
    const before = props({ PasswordSecretArn: SECRET_ARN });
    const { PhysicalResourceId: id } = await run(create(before));
    await run(update(id, before, { ...before, Attributes: { DisplayName: 'Alice 2' } }));
    expect(emulator.callsTo('ResetPassword')).toEqual([]);
  });

  test('enabled false deregisters, true registers again', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    await run(update(id, props(), props({ Enabled: 'false' })));
    expect(user(id).state).toBe('DISABLED');
    await run(update(id, props({ Enabled: 'false' }), props()));
    expect(user(id).state).toBe('ENABLED');
  });

  test('refuses a rename without touching the user, and the rollback succeeds', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    const writes = () => emulator.calls.filter((call) => !/^(Describe|Get|List)/.test(call.operation)).length;
    const before = writes();

    await expect(run(update(id, props(), props({ Name: 'alicia', Attributes: { DisplayName: 'Alicia' } })))).rejects.toThrow(
      `Refusing to rename WorkMail user alice (${id}) to alicia: WorkMail cannot rename a user, and replacing it would delete its mailbox. Revert the name.`,
    );
    await expect(run(update(id, props({ Name: 'alicia' }), props()))).resolves.toMatchObject({ PhysicalResourceId: id });

    expect(writes()).toBe(before);
    expect(user(id).attributes.DisplayName).toBe('Alice Liddell');
  });

  test('a user deleted outside CloudFormation is reported, not recreated', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    user(id).state = 'DELETED';
    await expect(run(update(id, props(), props({ Attributes: { DisplayName: 'x' } })))).rejects.toThrow(
      `WorkMail user ${id} no longer exists in organization ${organizationId}: it was deleted outside CloudFormation.`,
    );
    expect(emulator.callsTo('CreateUser')).toHaveLength(1);
  });
});

describe('delete', () => {
  test('deregisters, waits until WorkMail reports the user disabled, then deletes it', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    user(id).disablePending = 2; // WorkMail takes a while to disable the mailbox

    const { polls } = await run(remove(id, props()));

    expect(polls).toBe(3);
    expect(user(id).state).toBe('DELETED');
    expect(emulator.organization(organizationId).enabledUsers).toBe(0);
    const order = emulator.calls.map((call) => call.operation).filter((op) => ['DeregisterFromWorkMail', 'DeleteUser'].includes(op));
    expect(order).toEqual(['DeregisterFromWorkMail', 'DeleteUser']);
  });

  test('a disabled user is deleted at once', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Enabled: 'false' })));
    await run(remove(id, props({ Enabled: 'false' })));
    expect(user(id).state).toBe('DELETED');
    expect(emulator.callsTo('DeregisterFromWorkMail')).toEqual([]);
  });

  test('a Delete after a failed Create does nothing', async () => {
    await run(remove(MISSING_PHYSICAL_ID, props()));
    expect(emulator.calls.filter((call) => /User|Register/.test(call.operation))).toEqual([]);
  });

  test('a user already gone, or an organization already gone, is success', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    await run(remove(id, props()));
    await expect(run(remove(id, props()))).resolves.toMatchObject({ PhysicalResourceId: id }); // redelivered
    emulator.organization(organizationId).purged = true;
    await expect(run(remove(id, props()))).resolves.toMatchObject({ PhysicalResourceId: id });
  });

  test('other delete errors are not swallowed', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    emulator.injectFault({ kind: 'not-found', operation: 'DeregisterFromWorkMail', errorName: 'EntityStateException', count: 20 });
    await expect(run(remove(id, props()))).rejects.toThrow(/^DeregisterFromWorkMail failed with EntityStateException/);
    expect(user(id).state).toBe('ENABLED');
  });

  test('survives throttling', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    emulator.injectFault({ kind: 'throttle', operation: 'DeregisterFromWorkMail', count: 2 });
    emulator.injectFault({ kind: 'throttle', operation: 'DeleteUser', count: 2 });
    await run(remove(id, props()));
    expect(user(id).state).toBe('DELETED');
  });
});
