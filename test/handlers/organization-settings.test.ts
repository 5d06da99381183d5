import { GetDefaultRetentionPolicyCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { withActiveOrganization } from './active-organization';
import { request, run } from './cloudformation';
import { parsePhysicalId, physicalId, planCreate, planDelete, planUpdate } from '../../src/handlers/retention-policy/plan';
import { ResourceType } from '../../src/private/constants';
import { InboundDmarcResourceProperties, RetentionPolicyResourceProperties } from '../../src/private/settings-properties';
import { isDmarcEnforced } from '../emulator/workmail/dmarc';
import { retentionPolicyOf, setRetentionPolicy } from '../emulator/workmail/retention';

const mail = withActiveOrganization();

const ORG = 'm-0123456789abcdef0123456789abcdef';

describe('retention policy plan', () => {
  const desired = { name: 'cdk-workmail', folders: [{ Name: 'INBOX' as const, Action: 'DELETE' as const, Period: 30 }] };

  test('the physical id records the previous policy and reads back', () => {
    const previous = { name: 'Legacy_1', folders: [{ Name: 'JUNK_EMAIL' as const, Action: 'PERMANENTLY_DELETE' as const, Period: 7 }, { Name: 'DRAFTS' as const, Action: 'NONE' as const }] };
    const id = physicalId(ORG, previous);
    expect(id).toBe(`${ORG}|retention-policy|Legacy_1|JUNK_EMAIL:PERMANENTLY_DELETE:7,DRAFTS:NONE`);
    expect(parsePhysicalId(id)).toEqual({ organizationId: ORG, previous: { name: 'Legacy_1', folders: [previous.folders[0], { Name: 'DRAFTS', Action: 'NONE', Period: undefined }] } });
    expect(parsePhysicalId(physicalId(ORG, undefined))).toEqual({ organizationId: ORG });
  });

  test.each([undefined, '', 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', ORG, `${ORG}|inbound-dmarc`])(
    'any other physical id records nothing (%p)', (id) => expect(parsePhysicalId(id)).toBeUndefined());

  test('create without a policy puts a new one; with one, replaces it in place', () => {
    expect(planCreate(ORG, desired, undefined)).toEqual({
      physicalResourceId: `${ORG}|retention-policy|none`,
      operations: [{ kind: 'PutRetentionPolicy', id: undefined, policy: desired }],
    });
    const current = { id: 'p1', name: 'old', folders: [] };
    expect(planCreate(ORG, desired, current)).toEqual({
      physicalResourceId: `${ORG}|retention-policy|old|`,
      operations: [{ kind: 'PutRetentionPolicy', id: 'p1', policy: desired }],
    });
  });

  test('update puts in place, or creates when someone deleted the policy', () => {
    expect(planUpdate(desired, { id: 'p1', ...desired })).toEqual([{ kind: 'PutRetentionPolicy', id: 'p1', policy: desired }]);
    expect(planUpdate(desired, undefined)).toEqual([{ kind: 'PutRetentionPolicy', id: undefined, policy: desired }]);
  });

  test('delete restores the previous policy, removes ours when there was none, and does nothing when nothing is left', () => {
    expect(planDelete(desired, { id: 'p1', name: 'x', folders: [] })).toEqual([{ kind: 'PutRetentionPolicy', id: 'p1', policy: desired }]);
    expect(planDelete(desired, undefined)).toEqual([{ kind: 'PutRetentionPolicy', id: undefined, policy: desired }]);
    expect(planDelete(undefined, { id: 'p1', name: 'x', folders: [] })).toEqual([{ kind: 'DeleteRetentionPolicy', id: 'p1' }]);
    expect(planDelete(undefined, undefined)).toEqual([]);
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

  test('takes over an existing policy in place and restores it on delete (without its description)', async () => {
    const legacy = setRetentionPolicy(mail.emulator.organization(mail.organizationId), {
      name: 'Legacy', description: 'set in the console', folders: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 14 }],
    });
    const { PhysicalResourceId: id } = await run(create(inbox30()));
    expect(retentionPolicyOf(mail.emulator.organization(mail.organizationId))).toMatchObject({ id: legacy.id, name: 'cdk-workmail' });

    await run(remove(id, inbox30()));
    const restored = retentionPolicyOf(mail.emulator.organization(mail.organizationId));
    expect(restored).toEqual({ id: legacy.id, name: 'Legacy', description: undefined, folders: [{ Name: 'JUNK_EMAIL', Action: 'PERMANENTLY_DELETE', Period: 14 }] });
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
