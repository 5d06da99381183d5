import { DeregisterFromWorkMailCommand, DescribeResourceCommand } from '@aws-sdk/client-workmail';
import { onEvent } from '../../src/handlers';
import { ResourceEvent } from '../../src/handlers/shared/cfn';
import { ResourceType } from '../../src/private/constants';
import { ResourceResourceProperties, UserResourceProperties } from '../../src/private/entity-properties';
import { WorkMailEmulator } from '../emulator';
import { request, run } from './cloudformation';
import { createRoom, workMail } from './directory';
import { organizationPerTest } from './entities';

const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';

const fixture = organizationPerTest();
let emulator: WorkMailEmulator;
let organizationId: string;
let alice: string;

beforeEach(async () => {
  ({ emulator, organizationId } = fixture);
  const user: UserResourceProperties = { OrganizationId: organizationId, Name: 'alice', Email: 'alice@corp.awsapps.com' };
  alice = (await run(request(ResourceType.USER, 'Create', user))).PhysicalResourceId;
});

const props = (overrides: Partial<ResourceResourceProperties> = {}): ResourceResourceProperties => ({
  OrganizationId: organizationId,
  Name: 'room-1',
  Type: 'ROOM',
  Email: 'room-1@corp.awsapps.com',
  ...overrides,
});
const create = (p: ResourceResourceProperties) => request(ResourceType.RESOURCE, 'Create', p);
const update = (id: string, oldProps: ResourceResourceProperties, p: ResourceResourceProperties) =>
  request(ResourceType.RESOURCE, 'Update', p, { PhysicalResourceId: id, OldResourceProperties: oldProps });
const remove = (id: string, p: ResourceResourceProperties) => request(ResourceType.RESOURCE, 'Delete', p, { PhysicalResourceId: id });
const entity = (id: string) => emulator.organization(organizationId).entities.get(id)!;

test('creates a room, registers it, sets delegates before booking options that need them', async () => {
  const { PhysicalResourceId: id, Data } = await run(create(props({
    Description: 'Big room',
    Aliases: ['boardroom@corp.awsapps.com'],
    Delegates: [alice],
    BookingOptions: { AutoAcceptRequests: 'false', AutoDeclineConflictingRequests: 'false' },
  })));
  expect(id).toMatch(/^r-[0-9a-f]{32}$/);
  expect(entity(id)).toMatchObject({
    kind: 'RESOURCE',
    resourceType: 'ROOM',
    state: 'ENABLED',
    email: 'room-1@corp.awsapps.com',
    description: 'Big room',
    aliases: ['boardroom@corp.awsapps.com'],
    bookingOptions: { AutoAcceptRequests: false, AutoDeclineRecurringRequests: false, AutoDeclineConflictingRequests: false },
  });
  expect([...entity(id).delegates]).toEqual([alice]);
  expect(Data).toMatchObject({ ResourceId: id });
});

test('renames, retypes and changes options in place; switching back to auto-accept drops delegates after', async () => {
  const before = props({ Delegates: [alice], BookingOptions: { AutoAcceptRequests: 'false' }, Description: 'x' });
  const { PhysicalResourceId: id } = await run(create(before));
  const after = props({ Name: 'projector', Type: 'EQUIPMENT', BookingOptions: { AutoAcceptRequests: 'true' }, HiddenFromGlobalAddressList: 'true' });
  await run(update(id, before, after));
  expect(entity(id)).toMatchObject({ name: 'projector', resourceType: 'EQUIPMENT', description: undefined, hiddenFromGlobalAddressList: true });
  expect(entity(id).bookingOptions.AutoAcceptRequests).toBe(true);
  expect(entity(id).delegates.size).toBe(0);
  expect(emulator.callsTo('CreateResource')).toHaveLength(1);
});

test('booking options without a delegate are explained', async () => {
  await expect(run(create(props({ BookingOptions: { AutoAcceptRequests: 'false' } })))).rejects.toThrow(
    /WorkMail refused the booking options of resource room-1: a resource that does not accept requests automatically needs at least one delegate/,
  );
});

test('redelivery finishes its own resource; delete deregisters then deletes; failed-create delete does nothing', async () => {
  const event = create(props());
  await onEvent(event as unknown as ResourceEvent); // the first delivery's answer was lost
  const { PhysicalResourceId: id } = await run(event);
  expect(emulator.callsTo('CreateResource')).toHaveLength(1);
  emulator.injectFault({ kind: 'throttle', operation: 'DeleteResource', count: 2 });
  await run(remove(id, props()));
  expect(entity(id).state).toBe('DELETED');
  const order = emulator.calls.map((call) => call.operation).filter((op) => ['DeregisterFromWorkMail', 'DeleteResource'].includes(op));
  expect(order).toEqual(['DeregisterFromWorkMail', 'DeleteResource', 'DeleteResource', 'DeleteResource']);
  await run(remove(MISSING_PHYSICAL_ID, props()));
  await run(remove(id, props()));
  expect(emulator.callsTo('DeleteResource').filter((call) => !call.error)).toHaveLength(1);
});

test('a name in use is a collision', async () => {
  await run(create(props({ Email: 'other@corp.awsapps.com' })));
  await expect(run(create(props()))).rejects.toThrow(/A WorkMail resource named room-1 in organization .* already exists .*Resource.fromResourceId.*adoptExisting: true/);
});

describe('enabled', () => {
  /** The resource's state and address as DescribeResource reports them. */
  const described = async (id: string) => {
    const { State, Email } = await workMail().send(new DescribeResourceCommand({ OrganizationId: organizationId, ResourceId: id }));
    return { State, Email };
  };
  const mail = () => ({ emulator, organizationId });
  /** The console's Disable, done outside the stack. */
  const disable = (id: string) => workMail().send(new DeregisterFromWorkMailCommand({ OrganizationId: organizationId, EntityId: id }));
  const registrations = () => emulator.calls.map((call) => call.operation)
    .filter((op) => ['RegisterToWorkMail', 'DeregisterFromWorkMail'].includes(op));

  test('a resource created disabled is never registered; enabling registers it with its address', async () => {
    const closed = props({ Email: undefined, Enabled: 'false' });
    const { PhysicalResourceId: id, Data } = await run(create(closed));
    expect(await described(id)).toEqual({ State: 'DISABLED', Email: undefined });
    expect(Data).toMatchObject({ ResourceId: id, Email: '' });
    expect(registrations()).toEqual(['RegisterToWorkMail']); // alice's, in beforeEach
    const open = props({ Enabled: 'true' });
    const { Data: enabled } = await run(update(id, closed, open));
    expect(await described(id)).toEqual({ State: 'ENABLED', Email: 'room-1@corp.awsapps.com' });
    expect(enabled).toMatchObject({ Email: 'room-1@corp.awsapps.com' });
  });

  test('disabling deregisters, keeping the booking options; the rollback enables it again', async () => {
    const before = props({ Aliases: ['boardroom@corp.awsapps.com'], Delegates: [alice], BookingOptions: { AutoAcceptRequests: 'false' } });
    const { PhysicalResourceId: id } = await run(create(before));
    const after = props({ Enabled: 'false', Delegates: [alice], BookingOptions: { AutoAcceptRequests: 'false' } });
    await run(update(id, before, after));
    expect((await described(id)).State).toBe('DISABLED');
    expect(entity(id).bookingOptions.AutoAcceptRequests).toBe(false);
    expect([...entity(id).delegates]).toEqual([alice]);
    await run(update(id, after, before)); // CloudFormation's rollback sends the old properties back
    expect(await described(id)).toEqual({ State: 'ENABLED', Email: 'room-1@corp.awsapps.com' });
    expect(entity(id).aliases).toEqual(['boardroom@corp.awsapps.com']);
  });

  test('a resource disabled outside is enabled again by the next update', async () => {
    const { PhysicalResourceId: id } = await run(create(props()));
    await disable(id);
    await run(update(id, props(), props({ Description: 'Remodeled' })));
    expect(await described(id)).toEqual({ State: 'ENABLED', Email: 'room-1@corp.awsapps.com' });
  });

  test('adoption keeps the state unless Enabled is named', async () => {
    const closed = await createRoom(mail(), 'room-1', 'old-room@corp.awsapps.com');
    await disable(closed);
    const before = registrations().length;

    // Without Enabled: a disabled resource stays disabled, and nothing registers it.
    const adopted = props({ AdoptExisting: 'true' });
    const { PhysicalResourceId: id, Data } = await run(create(adopted));
    expect(id).toBe(closed);
    expect((await described(id)).State).toBe('DISABLED');
    expect(Data).toMatchObject({ Email: '' });
    await run(update(id, adopted, props({ AdoptExisting: 'true', Description: 'Remodeled' })));
    expect((await described(id)).State).toBe('DISABLED');
    expect(registrations()).toHaveLength(before);

    // Named: it is enabled with the properties' address, then disabled without one.
    const enabled = props({ AdoptExisting: 'true', Enabled: 'true' });
    await run(update(id, adopted, enabled));
    expect(await described(id)).toEqual({ State: 'ENABLED', Email: 'room-1@corp.awsapps.com' });
    await run(update(id, enabled, props({ AdoptExisting: 'true', Enabled: 'false', Email: undefined })));
    expect((await described(id)).State).toBe('DISABLED');
  });

  test('an adopted enabled resource keeps its state and gets the address', async () => {
    const open = await createRoom(mail(), 'room-1', 'old-room@corp.awsapps.com');
    const { PhysicalResourceId: id } = await run(create(props({ AdoptExisting: 'true' })));
    expect(id).toBe(open);
    expect(await described(id)).toEqual({ State: 'ENABLED', Email: 'room-1@corp.awsapps.com' });
  });

  test('adoption reads the state once for registration, then once more for the booking options', async () => {
    const open = await createRoom(mail(), 'room-1', 'room-1@corp.awsapps.com');
    const before = emulator.callsTo('DescribeResource').length;
    const { PhysicalResourceId: id } = await run(create(props({ AdoptExisting: 'true', Description: 'Remodeled' })));
    expect(id).toBe(open);
    expect(emulator.callsTo('DescribeResource').length - before).toBe(2);
    expect(entity(id)).toMatchObject({ state: 'ENABLED', email: 'room-1@corp.awsapps.com', description: 'Remodeled' });
  });

  test('removing a disabled resource with DESTROY deletes it without deregistering', async () => {
    const closed = props({ Email: undefined, Enabled: 'false', RemovalPolicy: 'destroy' });
    const { PhysicalResourceId: id } = await run(create(closed));
    const before = registrations().length;
    await run(remove(id, closed));
    expect(entity(id).state).toBe('DELETED');
    expect(registrations()).toHaveLength(before);
  });
});

