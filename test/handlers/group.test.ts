import { onEvent } from '../../src/handlers';
import { ResourceEvent } from '../../src/handlers/shared/cfn';
import { ResourceType } from '../../src/private/constants';
import { GroupResourceProperties, MailboxPermissionResourceProperties, UserResourceProperties } from '../../src/private/entity-properties';
import { WorkMailEmulator } from '../emulator';
import { request, run } from './cloudformation';
import { addMailDomain, organizationPerTest } from './entities';

const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

const fixture = organizationPerTest();
let emulator: WorkMailEmulator;
let organizationId: string;
let alice: string;
let bob: string;

beforeEach(async () => {
  ({ emulator, organizationId } = fixture);
  alice = await createUser('alice');
  bob = await createUser('bob');
});

async function createUser(name: string): Promise<string> {
  const user: UserResourceProperties = { OrganizationId: organizationId, Name: name, Email: `${name}@corp.awsapps.com` };
  return (await run(request(ResourceType.USER, 'Create', user))).PhysicalResourceId;
}

const props = (overrides: Partial<GroupResourceProperties> = {}): GroupResourceProperties => ({
  OrganizationId: organizationId,
  Name: 'Sales Team',
  Email: 'sales@corp.awsapps.com',
  ...overrides,
});
const create = (p: GroupResourceProperties) => request(ResourceType.GROUP, 'Create', p);
const update = (id: string, oldProps: GroupResourceProperties, p: GroupResourceProperties) =>
  request(ResourceType.GROUP, 'Update', p, { PhysicalResourceId: id, OldResourceProperties: oldProps });
const remove = (id: string, p: GroupResourceProperties) => request(ResourceType.GROUP, 'Delete', p, { PhysicalResourceId: id });

const entity = (id: string) => emulator.organization(organizationId).entities.get(id)!;

describe('group', () => {
  test('creates, registers, adds members and aliases', async () => {
    const { PhysicalResourceId: id, Data } = await run(create(props({
      Members: [alice, bob], Aliases: ['team@corp.awsapps.com'], HiddenFromGlobalAddressList: 'true',
    })));
    expect(entity(id)).toMatchObject({
      kind: 'GROUP',
      name: 'Sales Team',
      state: 'ENABLED',
      email: 'sales@corp.awsapps.com',
      aliases: ['team@corp.awsapps.com'],
      hiddenFromGlobalAddressList: true,
    });
    expect([...entity(id).members]).toEqual([alice, bob]);
    expect(Data).toMatchObject({ GroupId: id, Email: 'sales@corp.awsapps.com' });
  });

  test('a create whose answer was lost is retried into the group it made, which the handler adopts', async () => {
    emulator.injectFault({ kind: 'lost-answer', operation: 'CreateGroup', count: 1 });
    const { PhysicalResourceId: id } = await run(create(props({ Members: [alice] })));
    expect(emulator.callsTo('CreateGroup').map((call) => call.error)).toEqual(['ServiceUnavailable', 'NameAvailabilityException']);
    expect(entity(id)).toMatchObject({ kind: 'GROUP', name: 'Sales Team', state: 'ENABLED' });
  });

  test('a group without an address stays disabled and still has members', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Email: undefined, Members: [alice] })));
    expect(entity(id).state).toBe('DISABLED');
    expect([...entity(id).members]).toEqual([alice]);
  });

  test('groups can be members of groups, and membership reads every page', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, (_, i) => createUser(`user${i}`)));
    const { PhysicalResourceId: inner } = await run(create(props({ Name: 'inner', Email: undefined, Members: users })));
    const { PhysicalResourceId: outer } = await run(create(props({ Members: [inner, ...users] })));
    expect(entity(outer).members.size).toBe(13);
    // A second run finds all 13 across pages and adds none.
    await run(update(outer, props({ Members: [inner, ...users] }), props({ Members: [inner, ...users] })));
    expect(emulator.callsTo('AssociateMemberToGroup')).toHaveLength(12 + 13);
  });

  test('updates members in place, keeping members added elsewhere', async () => {
    const carol = await createUser('carol');
    const { PhysicalResourceId: id } = await run(create(props({ Members: [alice, bob] })));
    entity(id).members.add(carol); // added in the console

    await run(update(id, props({ Members: [alice, bob] }), props({ Members: [bob], Email: 'sales2@corp.awsapps.com', HiddenFromGlobalAddressList: 'true' })));

    expect([...entity(id).members].sort()).toEqual([bob, carol].sort());
    expect(entity(id)).toMatchObject({ email: 'sales2@corp.awsapps.com', hiddenFromGlobalAddressList: true });
    expect(emulator.callsTo('CreateGroup')).toHaveLength(1);
  });

  test('a member deleted meanwhile is no obstacle to removing it', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Members: [alice] })));
    emulator.injectFault({ kind: 'not-found', operation: 'DisassociateMemberFromGroup', errorName: 'EntityNotFoundException', count: 1 });
    await run(update(id, props({ Members: [alice] }), props({ Members: [] })));
  });

  test('an unknown member fails with the operation named', async () => {
    await expect(run(create(props({ Members: ['00000000-0000-0000-0000-000000000000'] })))).rejects.toThrow(
      /^AssociateMemberToGroup failed with EntityNotFoundException: .*\(the user, group or resource it names does not exist/,
    );
  });

  test('waits for the domain of its address to be verified', async () => {
    const domain = addMailDomain(emulator, organizationId, 'example.com', 'PENDING');
    const started = await onEvent(create(props({ Email: 'sales@example.com' })) as unknown as ResourceEvent);
    domain.ownershipVerificationStatus = 'VERIFIED';
    expect(entity(started.PhysicalResourceId!).state).toBe('DISABLED');
    const { PhysicalResourceId: id } = await run(create(props({ Email: 'sales@example.com' }))); // redelivery adopts it
    expect(id).toBe(started.PhysicalResourceId);
    expect(entity(id)).toMatchObject({ state: 'ENABLED', email: 'sales@example.com' });
  });

  test('refuses a rename and the rollback succeeds', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    await expect(run(update(id, props(), props({ Name: 'Marketing' })))).rejects.toThrow(
      `Refusing to rename WorkMail group Sales Team (${id}) to Marketing: WorkMail cannot rename a group`,
    );
    await run(update(id, props({ Name: 'Marketing' }), props()));
    expect(entity(id).name).toBe('Sales Team');
  });

  test('a name collision with a group of another address is explained', async () => {
    await run(create(props({ Email: 'other@corp.awsapps.com' })));
    await expect(run(create(props()))).rejects.toThrow(/A WorkMail group named Sales Team in organization .* already exists .*Group.fromGroupId.*adoptExisting: true/);
  });

  test('deletes after deregistering; memberships go with it', async () => {
    const { PhysicalResourceId: id } = await run(create(props({ Members: [alice] })));
    await run(remove(id, props()));
    expect(entity(id).state).toBe('DELETED');
    const order = emulator.calls.map((call) => call.operation).filter((op) => ['DeregisterFromWorkMail', 'DeleteGroup'].includes(op));
    expect(order).toEqual(['DeregisterFromWorkMail', 'DeleteGroup']);
    await run(remove(id, props())); // redelivered: already gone
    await run(remove(MISSING_PHYSICAL_ID, props())); // after a failed Create
    expect(emulator.callsTo('DeleteGroup')).toHaveLength(1);
  });
});

describe('mailbox permission', () => {
  const permission = (overrides: Partial<MailboxPermissionResourceProperties> = {}): MailboxPermissionResourceProperties => ({
    OrganizationId: organizationId, EntityId: alice, GranteeId: bob, PermissionValues: ['FULL_ACCESS'], ...overrides,
  });
  const permissionsOf = (mailbox: string) => Object.fromEntries(entity(mailbox).mailboxPermissions);

  test('grants, changes in place, moves to another pair, and deletes', async () => {
    const first = await run(request(ResourceType.MAILBOX_PERMISSION, 'Create', permission()));
    expect(first.PhysicalResourceId).toBe(`${alice}|${bob}`);
    expect(permissionsOf(alice)).toEqual({ [bob]: ['FULL_ACCESS'] });

    const changed = permission({ PermissionValues: ['SEND_AS', 'SEND_ON_BEHALF'] });
    const second = await run(request(ResourceType.MAILBOX_PERMISSION, 'Update', changed, {
      PhysicalResourceId: first.PhysicalResourceId, OldResourceProperties: permission(),
    }));
    expect(second.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(permissionsOf(alice)).toEqual({ [bob]: ['SEND_AS', 'SEND_ON_BEHALF'] });

    // Another grantee is another pair: a new physical id, then CloudFormation deletes the old one.
    const moved = await run(request(ResourceType.MAILBOX_PERMISSION, 'Update', permission({ EntityId: bob, GranteeId: alice }), {
      PhysicalResourceId: first.PhysicalResourceId, OldResourceProperties: changed,
    }));
    expect(moved.PhysicalResourceId).toBe(`${bob}|${alice}`);
    await run(request(ResourceType.MAILBOX_PERMISSION, 'Delete', changed, { PhysicalResourceId: first.PhysicalResourceId }));
    expect(permissionsOf(alice)).toEqual({});
    expect(permissionsOf(bob)).toEqual({ [alice]: ['FULL_ACCESS'] });
  });

  test('a Delete after a failed Create leaves permissions granted elsewhere alone', async () => {
    entity(alice).mailboxPermissions.set(bob, ['SEND_AS']);
    await run(request(ResourceType.MAILBOX_PERMISSION, 'Delete', permission(), { PhysicalResourceId: MISSING_PHYSICAL_ID }));
    expect(permissionsOf(alice)).toEqual({ [bob]: ['SEND_AS'] });
  });

  test('redelivery and throttling are harmless; a deleted mailbox makes Delete a success', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'PutMailboxPermissions', count: 2 });
    const event = request(ResourceType.MAILBOX_PERMISSION, 'Create', permission());
    await run(event);
    await run(event);
    expect(permissionsOf(alice)).toEqual({ [bob]: ['FULL_ACCESS'] });
    emulator.injectFault({ kind: 'not-found', operation: 'DeleteMailboxPermissions', errorName: 'EntityNotFoundException', count: 1 });
    await run(request(ResourceType.MAILBOX_PERMISSION, 'Delete', permission(), { PhysicalResourceId: `${alice}|${bob}` }));
  });

  test('a grantee that does not exist fails with the operation named', async () => {
    await expect(run(request(ResourceType.MAILBOX_PERMISSION, 'Create', permission({ GranteeId: 'nobody' })))).rejects.toThrow(
      /^PutMailboxPermissions failed with EntityNotFoundException/,
    );
  });
});
