import { handleProviderEvent } from '../../src/handlers';
import { OnEventResult } from '../../src/handlers/shared/cfn';
import { ResourceType } from '../../src/private/constants';
import { OrganizationResourceProperties } from '../../src/private/organization-properties';
import { WorkMailEmulator } from '../emulator';
import { request, run, startEmulator } from './cloudformation';

const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID';

let emulator: WorkMailEmulator;
let logs: string[];

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(() => {
  emulator.reset();
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
});

const create = (props: OrganizationResourceProperties, extra = {}) =>
  request(ResourceType.ORGANIZATION, 'Create', props, extra);
const update = (physicalId: string, oldProps: OrganizationResourceProperties, props: OrganizationResourceProperties) =>
  request(ResourceType.ORGANIZATION, 'Update', props, { PhysicalResourceId: physicalId, OldResourceProperties: oldProps });
const remove = (physicalId: string, props: OrganizationResourceProperties) =>
  request(ResourceType.ORGANIZATION, 'Delete', props, { PhysicalResourceId: physicalId });

async function createOrganization(props: OrganizationResourceProperties = { Alias: 'corp' }) {
  return run(create(props));
}

describe('create', () => {
  test('creates, waits through Requested and Creating to Active, then tags', async () => {
    const { PhysicalResourceId: id, Data, polls } = await run(create({ Alias: 'corp', Tags: [{ Key: 'team', Value: 'mail' }] }));

    const organization = emulator.organization(id);
    expect(organization.state).toBe('Active');
    expect(polls).toBeGreaterThanOrEqual(2); // Requested, Creating, Active
    expect(Data).toEqual({
      OrganizationId: id,
      OrganizationArn: organization.arn,
      Alias: 'corp',
      DefaultMailDomain: 'corp.awsapps.com',
      DirectoryId: organization.directoryId,
    });
    expect(Object.fromEntries(organization.tags)).toEqual({ 'team': 'mail', 'cdk-workmail:kms-key': 'aws/workmail' });
    // The test domain was checked before reporting success.
    expect(emulator.callsTo('GetMailDomain').map((call) => call.input)).toContainEqual({
      OrganizationId: id, DomainName: 'corp.awsapps.com',
    });
  });

  test('sends a client token derived from the request, the same on redelivery', async () => {
    const event = create({ Alias: 'corp' });
    const first = await run(event);
    const again = await run(event); // CloudFormation re-sends the same request
    expect(again.PhysicalResourceId).toBe(first.PhysicalResourceId);
    expect(emulator.organizations()).toHaveLength(1);
    const tokens = emulator.callsTo('CreateOrganization').map((call) => call.input.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });

  test('a different request gets a different token', async () => {
    await createOrganization({ Alias: 'one' });
    await createOrganization({ Alias: 'two' });
    const [a, b] = emulator.callsTo('CreateOrganization').map((call) => call.input.ClientToken);
    expect(a).not.toBe(b);
  });

  test('passes directory, interoperability and key to WorkMail', async () => {
    const keyArn = emulator.kms.addKey();
    const { PhysicalResourceId: id } = await createOrganization({
      Alias: 'corp', KmsKeyArn: keyArn, DirectoryId: 'd-0123456789', EnableInteroperability: 'true',
    });
    expect(emulator.callsTo('CreateOrganization')[0].input).toMatchObject({
      Alias: 'corp', KmsKeyArn: keyArn, DirectoryId: 'd-0123456789', EnableInteroperability: true,
    });
    expect(emulator.organization(id).tags.get('cdk-workmail:kms-key')).toBe(keyArn);
  });

  test.each([
    [{ keyManager: 'AWS' as const }, /it is managed by AWS, not by you/],
    [{ keySpec: 'RSA_2048' as const, keyUsage: 'SIGN_VERIFY' as const }, /its key spec is RSA_2048; its usage is SIGN_VERIFY/],
    [{ keyState: 'Disabled' as const }, /its state is Disabled/],
  ])('refuses an unsuitable KMS key before creating anything %#', async (key, reason) => {
    const keyArn = emulator.kms.addKey(key);
    await expect(createOrganization({ Alias: 'corp', KmsKeyArn: keyArn })).rejects.toThrow(reason);
    await expect(createOrganization({ Alias: 'corp', KmsKeyArn: keyArn })).rejects.toThrow(/Pass an enabled symmetric customer managed key/);
    expect(emulator.callsTo('CreateOrganization')).toEqual([]);
  });

  test('an unknown KMS key is refused, naming the key and the fix, before creating anything', async () => {
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000';
    await expect(createOrganization({ Alias: 'corp', KmsKeyArn: keyArn })).rejects.toThrow(
      `KMS key ${keyArn} cannot encrypt a WorkMail organization: it does not exist in this account and region. Pass an enabled symmetric customer managed key`);
    expect(emulator.callsTo('CreateOrganization')).toEqual([]);
  });

  test('fails with WorkMail\'s reason when the organization ends Failed', async () => {
    emulator.failOrganizationCreation('corp', 'The directory limit was reached');
    await expect(createOrganization()).rejects.toThrow(
      /WorkMail could not create organization corp \(m-[0-9a-f]{32}\): The directory limit was reached\. The organization is left in state Failed/,
    );
  });

  test('an alias this account already uses points at the organization to import', async () => {
    const { PhysicalResourceId: existing } = await createOrganization();
    await expect(createOrganization()).rejects.toThrow(
      `WorkMail organization alias corp is already used by organization ${existing} (state Active) in this account: `
      + `to manage it, import it with Organization.fromOrganizationId(this, 'Organization', '${existing}')`,
    );
  });

  test('an alias taken elsewhere says so', async () => {
    emulator.injectFault({ kind: 'not-found', operation: 'CreateOrganization', errorName: 'NameAvailabilityException', count: 1 });
    await expect(createOrganization({ Alias: 'taken' })).rejects.toThrow(
      'WorkMail organization alias taken is taken by another AWS account (aliases are global: they become taken.awsapps.com): choose another alias.',
    );
  });

  test('a directory in use fails with advice', async () => {
    await createOrganization({ Alias: 'one', DirectoryId: 'd-0123456789' });
    await expect(createOrganization({ Alias: 'two', DirectoryId: 'd-0123456789' })).rejects.toThrow(
      /^CreateOrganization failed with DirectoryInUseException: .*\(the directory already belongs to another WorkMail organization/,
    );
  });

  test('WorkMail rejecting a value is explained', async () => {
    await expect(createOrganization({ Alias: '-bad' })).rejects.toThrow(
      /^CreateOrganization failed with InvalidParameterException: .*Alias.*\(WorkMail rejected a value: correct the property the message names\)/,
    );
  });

  test('survives throttling bursts and server errors', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'CreateOrganization', count: 3 });
    emulator.injectFault({ kind: 'server-error', operation: 'DescribeOrganization', count: 2 });
    emulator.injectFault({ kind: 'throttle', operation: 'TagResource', count: 2 });
    const { PhysicalResourceId: id } = await createOrganization();
    expect(emulator.organization(id).state).toBe('Active');
    expect(emulator.organizations()).toHaveLength(1);
    expect(emulator.calls.filter((call) => call.error === 'ThrottlingException')).toHaveLength(5);
  });

  test('throttling with no time left: the waiting phase asks again later, the first phase fails explained', async () => {
    type ProviderEvent = Parameters<typeof handleProviderEvent>[0];
    const noTimeLeft = { getRemainingTimeInMillis: () => 0 };
    const createRequest = (alias: string) => request<Record<string, unknown>>(ResourceType.ORGANIZATION, 'Create', { Alias: alias });
    const event = createRequest('corp');
    const started = await handleProviderEvent(event, noTimeLeft) as OnEventResult;
    const waiting = { ...event, ...started, PhysicalResourceId: started.PhysicalResourceId! } as ProviderEvent;

    emulator.injectFault({ kind: 'throttle', operation: 'DescribeOrganization', count: 1 });
    await expect(handleProviderEvent(waiting, noTimeLeft)).resolves.toEqual({ IsComplete: false });
    expect(emulator.calls.filter((call) => call.error === 'ThrottlingException')).toHaveLength(1);

    emulator.injectFault({ kind: 'throttle', operation: 'CreateOrganization', count: 1 });
    await expect(handleProviderEvent(createRequest('other'), noTimeLeft)).rejects.toThrow(/ThrottlingException.*kept throttling/);
  });

  test('keeps waiting while WorkMail does not know the new id yet', async () => {
    emulator.injectFault({ kind: 'not-found', operation: 'DescribeOrganization', count: 2 });
    const { PhysicalResourceId: id } = await createOrganization();
    expect(emulator.organization(id).state).toBe('Active');
  });
});

describe('update', () => {
  test('changes tags in place and keeps tags set outside the stack', async () => {
    const props = { Alias: 'corp', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] };
    const { PhysicalResourceId: id } = await createOrganization(props);
    emulator.organization(id).tags.set('console', 'kept');

    const outcome = await run(update(id, props, { Alias: 'corp', Tags: [{ Key: 'a', Value: '9' }, { Key: 'c', Value: '3' }] }));

    expect(outcome.PhysicalResourceId).toBe(id);
    expect(outcome.Data.OrganizationId).toBe(id);
    expect(Object.fromEntries(emulator.organization(id).tags)).toEqual({
      'a': '9', 'c': '3', 'console': 'kept', 'cdk-workmail:kms-key': 'aws/workmail',
    });
  });

  test.each([
    ['alias', { Alias: 'other' }, /Refusing to change alias \(corp -> other\)/],
    ['KMS key', { Alias: 'corp', KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/new' }, /Refusing to change kmsKey \(aws\/workmail -> arn:aws:kms/],
    ['directory', { Alias: 'corp', DirectoryId: 'd-9999999999' }, /Refusing to change directoryId/],
    ['interoperability', { Alias: 'corp', EnableInteroperability: 'true' }, /Refusing to change enableInteroperability \(false -> true\)/],
  ])('refuses a %s change without touching the organization, and the rollback succeeds', async (_, next, message) => {
    const original = { Alias: 'corp' };
    const { PhysicalResourceId: id } = await createOrganization(original);
    const writesBefore = emulator.calls.filter((call) => !/^(Describe|Get|List)/.test(call.operation)).length;

    await expect(run(update(id, original, next))).rejects.toThrow(message);
    // CloudFormation rolls back by sending the original properties.
    await expect(run(update(id, next, original))).resolves.toMatchObject({ PhysicalResourceId: id });

    expect(emulator.calls.filter((call) => !/^(Describe|Get|List)/.test(call.operation))).toHaveLength(writesBefore);
    expect(emulator.organizations()).toHaveLength(1);
    expect(emulator.organization(id).state).toBe('Active');
  });

  test('an organization deleted outside CloudFormation is reported, not recreated', async () => {
    const { PhysicalResourceId: id } = await createOrganization();
    emulator.organization(id).purged = true;
    await expect(run(update(id, { Alias: 'corp' }, { Alias: 'corp', Tags: [{ Key: 'a', Value: '1' }] })))
      .rejects.toThrow(`WorkMail organization ${id} no longer exists in this account and region`);
    expect(emulator.callsTo('CreateOrganization')).toHaveLength(1);
  });
});

describe('delete', () => {
  test('deletes the organization and its WorkMail directory, and waits until it is gone', async () => {
    const { PhysicalResourceId: id } = await createOrganization();
    const { polls } = await run(remove(id, { Alias: 'corp' }));
    expect(polls).toBeGreaterThanOrEqual(2); // Deleting, Deleted
    expect(emulator.organization(id).purged).toBe(true);
    expect(emulator.callsTo('DeleteOrganization')[0].input).toMatchObject({
      OrganizationId: id, DeleteDirectory: true, ForceDelete: false, ClientToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('keeps a directory the user brought', async () => {
    const { PhysicalResourceId: id } = await createOrganization({ Alias: 'corp', DirectoryId: 'd-0123456789' });
    await run(remove(id, { Alias: 'corp', DirectoryId: 'd-0123456789' }));
    expect(emulator.organization(id).deleteDirectory).toBe(false);
  });

  test('refuses to delete an organization with enabled users unless forced, and says how', async () => {
    const { PhysicalResourceId: id } = await createOrganization();
    emulator.organization(id).enabledUsers = 3;
    await expect(run(remove(id, { Alias: 'corp' }))).rejects.toThrow(
      /WorkMail refused to delete organization corp .*set forceDelete: true \(their mailboxes are deleted with it\)/,
    );
    expect(emulator.organization(id).state).toBe('Active');

    await run(remove(id, { Alias: 'corp', ForceDelete: 'true' }));
    expect(emulator.organization(id).purged).toBe(true);
  });

  test('never reports success while the organization still exists', async () => {
    const { PhysicalResourceId: id } = await createOrganization();
    const deletion = remove(id, { Alias: 'corp' });
    await expect(run(deletion, 1)).rejects.toThrow('isComplete never completed');
    // WorkMail stuck in Deleting: the framework's timeout fails the delete instead of hiding it.
    Object.assign(emulator.organization(id), { state: 'Deleting', pendingStates: [] });
    await expect(run(deletion, 5)).rejects.toThrow('isComplete never completed');
    expect(emulator.organization(id).state).toBe('Deleting');
  });

  test('an organization already gone is deleted', async () => {
    const { PhysicalResourceId: id } = await createOrganization();
    emulator.organization(id).purged = true;
    await expect(run(remove(id, { Alias: 'corp' }))).resolves.toMatchObject({ polls: 1 });
  });

  test.each([MISSING_PHYSICAL_ID, 'request-7'])('after a failed create (physical id %j) does nothing', async (physicalId) => {
    await expect(run(remove(physicalId, { Alias: 'corp' }))).resolves.toMatchObject({ polls: 1 });
    expect(emulator.calls).toEqual([]);
  });

  test('a redelivered delete succeeds', async () => {
    const { PhysicalResourceId: id } = await createOrganization();
    const deletion = remove(id, { Alias: 'corp' });
    await run(deletion);
    await expect(run(deletion)).resolves.toMatchObject({ PhysicalResourceId: id });
  });
});

describe('logging', () => {
  test('logs identifiers and operations, never properties', async () => {
    const { PhysicalResourceId: id } = await createOrganization({ Alias: 'corp', Tags: [{ Key: 'owner', Value: 'alice@example.com' }] });
    await run(remove(id, { Alias: 'corp', Tags: [{ Key: 'owner', Value: 'alice@example.com' }] }));
    const entries = logs.map((line) => JSON.parse(line));
    expect(entries).toContainEqual({ phase: 'onEvent', requestType: 'Create', resourceType: 'Custom::WorkMailOrganization', logicalResourceId: 'Resource' });
    expect(entries).toContainEqual({ service: 'workmail', operation: 'CreateOrganization', outcome: 'ok' });
    expect(entries).toContainEqual({ service: 'workmail', operation: 'DeleteOrganization', outcome: 'ok' });
    expect(logs.join('\n')).not.toMatch(/alice@example\.com|owner|ResourceProperties/);
  });
});

test('an unknown resource type is refused with a way forward', async () => {
  await expect(run(request('Custom::WorkMailSomethingNew', 'Create', {}))).rejects.toThrow(
    'cdk-workmail has no handler for resource type Custom::WorkMailSomethingNew: upgrade cdk-workmail',
  );
});
