import { GetDefaultRetentionPolicyCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { withActiveOrganization } from './active-organization';
import { request, run } from './cloudformation';
import { parsePhysicalId, physicalId, planCreate, planDelete, planPut } from '../../src/handlers/retention-policy/plan';
import { ResourceType } from '../../src/private/constants';
import { InboundDmarcResourceProperties, RetentionPolicyResourceProperties } from '../../src/private/settings-properties';
import { isDmarcEnforced } from '../emulator/workmail/dmarc';
import { retentionPolicyOf, setRetentionPolicy } from '../emulator/workmail/retention';

const mail = withActiveOrganization();

const ORG = 'm-0123456789abcdef0123456789abcdef';

describe('retention policy plan', () => {
  const desired = { name: 'cdk-workmail', folders: [{ Name: 'INBOX' as const, Action: 'DELETE' as const, Period: 30 }] };

  const OWNER = 'aaaaaabbbbbb';
  const mine = { ...desired, description: '(cdk-workmail aaaaaabbbbbb)' };

  test('the physical id records the previous policy, description included, and reads back', () => {
    const previous = {
      name: 'Legacy_1',
      description: 'Set by IT | 2019',
      folders: [{ Name: 'JUNK_EMAIL' as const, Action: 'PERMANENTLY_DELETE' as const, Period: 7 }, { Name: 'DRAFTS' as const, Action: 'NONE' as const }],
    };
    const id = physicalId(ORG, previous);
    expect(id).toBe(`${ORG}|retention-policy|Legacy_1|JUNK_EMAIL:PERMANENTLY_DELETE:7,DRAFTS:NONE|${Buffer.from('Set by IT | 2019').toString('base64url')}`);
    expect(parsePhysicalId(id)).toEqual({ organizationId: ORG, previous: { ...previous, folders: [previous.folders[0], { Name: 'DRAFTS', Action: 'NONE', Period: undefined }] } });
    expect(parsePhysicalId(physicalId(ORG, undefined))).toEqual({ organizationId: ORG, previous: undefined });
    expect(parsePhysicalId(physicalId(ORG, 'unknown'))).toEqual({ organizationId: ORG, previous: 'unknown' });
    // Older versions recorded no description.
    expect(parsePhysicalId(`${ORG}|retention-policy|Old|INBOX:NONE`)).toEqual({ organizationId: ORG, previous: { name: 'Old', folders: [{ Name: 'INBOX', Action: 'NONE', Period: undefined }] } });
  });

  test.each([undefined, '', 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', ORG, `${ORG}|inbound-dmarc`])(
    'any other physical id records nothing (%p)', (id) => expect(parsePhysicalId(id)).toBeUndefined());

  test('create records none, refuses a policy it was not told to adopt, and cannot know what hid under its own or the stack\'s', () => {
    expect(planCreate(ORG, undefined, OWNER, false)).toBe(`${ORG}|retention-policy|none`);
    const outside = { id: 'p1', name: 'old', description: 'console', folders: [] };
    expect(planCreate(ORG, outside, OWNER, false)).toBeUndefined();
    expect(planCreate(ORG, outside, OWNER, true)).toBe(`${ORG}|retention-policy|old||${Buffer.from('console').toString('base64url')}`);
    expect(planCreate(ORG, { id: 'p1', ...mine }, OWNER, false)).toBe(`${ORG}|retention-policy|unknown`);
    expect(planCreate(ORG, { id: 'p1', ...mine, description: '(cdk-workmail aaaaaacccccc)' }, OWNER, false)).toBe(`${ORG}|retention-policy|unknown`);
    expect(planCreate(ORG, { id: 'p1', ...mine, description: '(cdk-workmail ccccccbbbbbb)' }, OWNER, false)).toBeUndefined();
  });

  test('put marks the description, in place, or creates when someone deleted the policy', () => {
    expect(planPut(desired, OWNER, { id: 'p1', ...desired })).toEqual([{ kind: 'PutRetentionPolicy', id: 'p1', policy: mine }]);
    expect(planPut(desired, OWNER, undefined)).toEqual([{ kind: 'PutRetentionPolicy', id: undefined, policy: mine }]);
  });

  test('delete restores exactly what was recorded, only while the policy is still the one it wrote', () => {
    const previous = { name: 'x', description: 'theirs', folders: [] };
    expect(planDelete(previous, desired, OWNER, { id: 'p1', ...mine })).toEqual([{ kind: 'PutRetentionPolicy', id: 'p1', policy: previous }]);
    expect(planDelete(undefined, desired, OWNER, { id: 'p1', ...mine })).toEqual([{ kind: 'DeleteRetentionPolicy', id: 'p1' }]);
    expect(planDelete('unknown', desired, OWNER, { id: 'p1', ...mine })).toBe('unknown');
    expect(planDelete(previous, desired, OWNER, undefined)).toBe('gone');
    expect(planDelete(previous, desired, OWNER, { id: 'p1', ...mine, description: '(cdk-workmail aaaaaacccccc)' })).toBe('stack');
    expect(planDelete(previous, desired, OWNER, { id: 'p1', ...mine, folders: [] })).toBe('changed');
  });
});

describe('Custom::WorkMailRetentionPolicy', () => {
  const props = (folders: RetentionPolicyResourceProperties['Folders'], name = 'cdk-workmail'): RetentionPolicyResourceProperties => ({
    OrganizationId: mail.organizationId, PolicyName: name, Folders: folders,
  });
  const inbox30 = () => props([{ Name: 'INBOX', Action: 'DELETE', Period: '30' }, { Name: 'DRAFTS', Action: 'NONE' }]);
  const create = (p: RetentionPolicyResourceProperties) => request(ResourceType.RETENTION_POLICY, 'Create', p);
  const update = (id: string, old: RetentionPolicyResourceProperties, p: RetentionPolicyResourceProperties) =>
    request(ResourceType.RETENTION_POLICY, 'Update', p, { PhysicalResourceId: id, OldResourceProperties: old });
  const remove = (id: string, p: RetentionPolicyResourceProperties) => request(ResourceType.RETENTION_POLICY, 'Delete', p, { PhysicalResourceId: id });

  test('create puts the policy with periods as numbers; delete removes it when there was none', async () => {
    const { PhysicalResourceId: id } = await run(create(inbox30()));
    expect(id).toBe(`${mail.organizationId}|retention-policy|none`);
    const policy = retentionPolicyOf(mail.emulator.organization(mail.organizationId));
    expect(policy).toMatchObject({ name: 'cdk-workmail', folders: [{ Name: 'INBOX', Action: 'DELETE', Period: 30 }, { Name: 'DRAFTS', Action: 'NONE' }] });

    await run(remove(id, inbox30()));
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toBeUndefined();
  });

  test('takes over an existing policy only when told to adopt it, in place, and restores it whole on delete', async () => {
    const legacy = setRetentionPolicy(mail.emulator.organization(mail.organizationId), {
      name: 'Legacy', description: 'set in the console', folders: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 14 }],
    });
    await expect(run(create(inbox30()))).rejects.toThrow(/retention policy Legacy .* already exists .* adoptExisting: true/);
    const { PhysicalResourceId: id } = await run(create({ ...inbox30(), AdoptExisting: 'true' }));
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toMatchObject({ id: legacy.id, name: 'cdk-workmail' });

    await run(remove(id, inbox30()));
    const restored = retentionPolicyOf(mail.emulator.organization(mail.organizationId));
    expect(restored).toEqual({ id: legacy.id, name: 'Legacy', description: 'set in the console', folders: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 14 }] });
  });

  test('updates in place, keeps the physical id, and a rollback puts the old policy back', async () => {
    const { PhysicalResourceId: id } = await run(create(inbox30()));
    const stricter = props([{ Name: 'INBOX', Action: 'PERMANENTLY_DELETE', Period: '365' }], 'Stricter');
    expect((await run(update(id, inbox30(), stricter))).PhysicalResourceId).toBe(id);
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toMatchObject({ name: 'Stricter', folders: [{ Action: 'PERMANENTLY_DELETE', Period: 365 }] });
    await run(update(id, stricter, inbox30()));
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toMatchObject({ name: 'cdk-workmail', folders: [{ Period: 30 }, { Name: 'DRAFTS' }] });
    expect(mail.emulator.callsTo('PutRetentionPolicy').slice(1).every((call) => call.input.Id !== undefined)).toBe(true);
  });

  test('redelivered create and delete leave one policy and do not fail', async () => {
    const event = create(inbox30());
    const { PhysicalResourceId: id } = await run(event);
    await run(event);
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))?.name).toBe('cdk-workmail');
    await run(remove(id, inbox30()));
    await run(remove(id, inbox30()));
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toBeUndefined();
  });

  test('delete after a failed create and delete of a gone organization do nothing', async () => {
    await run(remove('AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', inbox30()));
    expect(mail.emulator.callsTo('GetDefaultRetentionPolicy')).toEqual([]);
    await run(remove(`m-${'f'.repeat(32)}|retention-policy|none`, inbox30()));
  });

  test('delete never swallows other errors', async () => {
    const { PhysicalResourceId: id } = await run(create(inbox30()));
    mail.emulator.injectFault({ kind: 'not-found', operation: 'DeleteRetentionPolicy', errorName: 'OrganizationStateException', count: 1 });
    await expect(run(remove(id, inbox30()))).rejects.toThrow(/^DeleteRetentionPolicy failed with OrganizationStateException/);
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toBeDefined();
  });

  test('survives throttling', async () => {
    mail.emulator.injectFault({ kind: 'throttle', operation: 'PutRetentionPolicy', count: 2 });
    await run(create(inbox30()));
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toBeDefined();
  });

  test('WorkMail\'s refusal fails the deployment with the operation named', async () => {
    await expect(run(create(props([{ Name: 'INBOX', Action: 'DELETE', Period: '731' }])))).rejects.toThrow(
      /^PutRetentionPolicy failed with InvalidParameterException/);
  });

  test('the policy the handler wrote reads back through the SDK', async () => {
    await run(create(inbox30()));
    const client = new WorkMailClient({});
    const policy = await client.send(new GetDefaultRetentionPolicyCommand({ OrganizationId: mail.organizationId }));
    expect(policy.FolderConfigurations).toEqual([{ Name: 'INBOX', Action: 'DELETE', Period: 30 }, { Name: 'DRAFTS', Action: 'NONE' }]);
  });
});

describe('Custom::WorkMailInboundDmarcSettings', () => {
  const props = (enforced: string): InboundDmarcResourceProperties => ({ OrganizationId: mail.organizationId, Enforced: enforced });

  test('turns enforcement off, updates in place, and delete turns it back on', async () => {
    const { PhysicalResourceId: id } = await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Create', props('false')));
    expect(id).toBe(`${mail.organizationId}|inbound-dmarc`);
    expect(isDmarcEnforced(mail.emulator.organization(mail.organizationId))).toBe(false);
    const updated = await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Update', props('true'), { PhysicalResourceId: id, OldResourceProperties: props('false') }));
    expect(updated.PhysicalResourceId).toBe(id);
    expect(isDmarcEnforced(mail.emulator.organization(mail.organizationId))).toBe(true);
    await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Update', props('false'), { PhysicalResourceId: id, OldResourceProperties: props('true') }));
    await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Delete', props('false'), { PhysicalResourceId: id }));
    expect(isDmarcEnforced(mail.emulator.organization(mail.organizationId))).toBe(true);
  });

  test('delete after a failed create, of a gone organization, and redelivered create', async () => {
    await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Delete', props('false'), { PhysicalResourceId: 'failed-create' }));
    expect(mail.emulator.callsTo('PutInboundDmarcSettings')).toEqual([]);
    await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Delete', props('false'), { PhysicalResourceId: `m-${'f'.repeat(32)}|inbound-dmarc` }));
    const event = request(ResourceType.INBOUND_DMARC_SETTINGS, 'Create', props('false'));
    mail.emulator.injectFault({ kind: 'throttle', operation: 'PutInboundDmarcSettings', count: 2 });
    await run(event);
    await run(event);
    expect(isDmarcEnforced(mail.emulator.organization(mail.organizationId))).toBe(false);
  });

  test('delete never swallows other errors', async () => {
    const { PhysicalResourceId: id } = await run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Create', props('false')));
    mail.emulator.injectFault({ kind: 'not-found', operation: 'PutInboundDmarcSettings', errorName: 'OrganizationStateException', count: 1 });
    await expect(run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Delete', props('false'), { PhysicalResourceId: id })))
      .rejects.toThrow(/^PutInboundDmarcSettings failed with OrganizationStateException/);
    expect(isDmarcEnforced(mail.emulator.organization(mail.organizationId))).toBe(false);
  });

  test('a non-boolean value is refused', async () => {
    await expect(run(request(ResourceType.INBOUND_DMARC_SETTINGS, 'Create', props('yes')))).rejects.toThrow(/Enforced must be true or false/);
  });
});
