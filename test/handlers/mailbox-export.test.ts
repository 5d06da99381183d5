import { withActiveOrganization } from './active-organization';
import { request, run } from './cloudformation';
import { createDeletedUser, createRoom, createUser, addVerifiedDomain } from './directory';
import { isComplete, onEvent } from '../../src/handlers';
import { ResourceType } from '../../src/private/constants';
import { MailboxExportResourceProperties } from '../../src/private/export-properties';
import { seedEntity } from '../emulator/workmail/entities';
import { exportJobs, exportSettings } from '../emulator/workmail/export';


const mail = withActiveOrganization();
let keyArn: string;
beforeEach(async () => {
  await addVerifiedDomain(mail, 'corp.example');
  keyArn = mail.emulator.kms.addKey();
});

const organization = () => mail.emulator.organization(mail.organizationId);
/** Enabled users user0, user1, ... with addresses on corp.example, in order. */
async function addUsers(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await createUser(mail, `user${i}`, `user${i}@corp.example`));
  }
  return ids;
}

const props = (extra: Partial<MailboxExportResourceProperties> = {}): MailboxExportResourceProperties => ({
  OrganizationId: mail.organizationId,
  RoleArn: 'arn:aws:iam::123456789012:role/Export',
  KmsKeyArn: keyArn,
  BucketName: 'exports',
  Prefix: 'workmail/',
  WaitSeconds: '3000',
  ...extra,
});
const create = (p: MailboxExportResourceProperties) => request(ResourceType.MAILBOX_EXPORT, 'Create', p);
const update = (id: string, old: MailboxExportResourceProperties, p: MailboxExportResourceProperties) =>
  request(ResourceType.MAILBOX_EXPORT, 'Update', p, { PhysicalResourceId: id, OldResourceProperties: old });

test('exports the listed mailboxes by name, email or id and reports each one', async () => {
  const [alice, bob] = await addUsers(2);
  const room = await createRoom(mail, 'room', 'room@corp.example');
  const { PhysicalResourceId: id, Data } = await run(create(props({ Mailboxes: ['user0', 'USER1@corp.example', room], ReportMailboxes: 'true' })));

  expect(id).toMatch(new RegExp(`^${mail.organizationId}\\|mailbox-export\\|[0-9a-f]{24}$`));
  const jobs = exportJobs(organization());
  expect(jobs.map((job) => job.entityId)).toEqual([alice, bob, room]);
  expect(jobs.every((job) => job.state === 'COMPLETED' && job.bucket === 'exports' && job.prefix === 'workmail/')).toBe(true);
  expect(Data).toMatchObject({
    'Summary': '3 of 3 mailboxes exported',
    'user0.JobId': jobs[0].jobId,
    'user0.State': 'COMPLETED',
    'user0.S3Key': `workmail/${jobs[0].jobId}.zip`,
    'USER1@corp.example.State': 'COMPLETED',
    [`${room}.JobId`]: jobs[2].jobId,
  });
  const start = mail.emulator.callsTo('StartMailboxExportJob')[0].input;
  expect(start).toMatchObject({ RoleArn: props().RoleArn, KmsKeyArn: props().KmsKeyArn, S3BucketName: 'exports', S3Prefix: 'workmail/' });
  expect(start.ClientToken).toMatch(/^[0-9a-f]{64}$/);
});

test('without a list, exports every enabled user and resource mailbox, reading every page', async () => {
  const users = await addUsers(12);
  await createUser(mail, 'gone'); // never registered: DISABLED, no mailbox
  // The API creates no SYSTEM_USER: write one into the emulator's directory.
  seedEntity(organization(), { kind: 'USER', name: 'admin', state: 'ENABLED', role: 'SYSTEM_USER' });
  const room = await createRoom(mail, 'room', 'room@corp.example');
  const { Data } = await run(create(props()), 40);
  expect(new Set(exportJobs(organization()).map((job) => job.entityId))).toEqual(new Set([...users, room]));
  expect(Data.Summary).toBe('13 of 13 mailboxes exported');
  expect(Object.keys(Data).some((key) => key.endsWith('.JobId'))).toBe(false);
});

test('runs at most 10 jobs at a time, counting jobs started elsewhere, and starts the rest as slots free', async () => {
  const users = await addUsers(12);
  const other = await createUser(mail, 'other', 'other@corp.example'); // someone else's running export takes a slot
  exportJobs(organization()).push({
    jobId: 'elsewhere', entityId: other, roleArn: 'r', kmsKeyArn: 'k', bucket: 'b', prefix: 'p/', state: 'RUNNING', progress: 0, startTime: new Date(),
  });
  exportSettings.steps = 3;
  await run(create(props({ Mailboxes: users.map((_, i) => `user${i}`) })), 40);
  const starts = mail.emulator.calls.filter((call) => call.operation === 'StartMailboxExportJob');
  expect(starts).toHaveLength(12);
  // The first step started 9 (10 minus the foreign job); the other 3 waited for a free slot.
  const firstList = mail.emulator.calls.findIndex((call) => call.operation === 'ListMailboxExportJobs');
  const secondList = mail.emulator.calls.findIndex((call, i) => i > firstList && call.operation === 'ListMailboxExportJobs');
  expect(mail.emulator.calls.slice(firstList, secondList).filter((call) => call.operation === 'StartMailboxExportJob')).toHaveLength(9);
  expect(mail.emulator.calls.filter((call) => call.operation === 'StartMailboxExportJob' && call.error !== undefined)).toEqual([]);
  expect(exportJobs(organization()).filter((job) => job.description?.startsWith('cdk-workmail export'))).toHaveLength(12);
});

test('a mailbox exported within 24 hours fails the deploy before any job starts, naming it and when', async () => {
  const [alice] = await addUsers(2);
  const startTime = new Date(Date.now() - 3600_000);
  exportJobs(organization()).push({ jobId: 'console-job', entityId: alice, roleArn: 'r', kmsKeyArn: 'k', bucket: 'b', prefix: 'p/', state: 'COMPLETED', progress: 100, startTime });
  await expect(run(create(props({ Mailboxes: ['user1', 'user0'] })))).rejects.toThrow(
    `WorkMail exports a mailbox at most once every 24 hours, and user0 (exported by job console-job at ${startTime.toISOString()}; `
    + `next export possible after ${new Date(startTime.getTime() + 24 * 3600_000).toISOString()}): deploy again after that time`);
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toEqual([]);
  startTime.setTime(Date.now() - 25 * 3600_000);
  await run(create(props({ Mailboxes: ['user1', 'user0'] })));
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(2);
});

test('jobs that outlive the wait keep running; a later update reports completion and starts nothing', async () => {
  await addUsers(2);
  exportSettings.steps = 5;
  const first = props({ Mailboxes: ['user0', 'user1'], WaitSeconds: '0', ReportMailboxes: 'true' });
  const created = await run(create(first));
  expect(created.Data).toMatchObject({ 'Summary': '0 of 2 mailboxes exported; 2 running', 'user0.State': 'RUNNING' });
  expect(created.Data['user0.JobId']).toMatch(/^[0-9a-f-]{36}$/);

  const later = props({ Mailboxes: ['user0', 'user1'], WaitSeconds: '3000', ReportMailboxes: 'true' });
  const updated = await run(update(created.PhysicalResourceId, first, later));
  expect(updated.PhysicalResourceId).toBe(created.PhysicalResourceId);
  expect(updated.Data).toMatchObject({ 'Summary': '2 of 2 mailboxes exported', 'user0.JobId': created.Data['user0.JobId'], 'user1.State': 'COMPLETED' });
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(2);

  // Rolling back (the old properties again) starts nothing either.
  await run(update(created.PhysicalResourceId, later, first));
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(2);
});

test('a new prefix is a new export with a new physical id; delete never touches jobs or data', async () => {
  await addUsers(1);
  const first = props({ Mailboxes: ['user0'] });
  const created = await run(create(first));
  exportJobs(organization())[0].startTime = new Date(Date.now() - 25 * 3600_000);
  const moved = await run(update(created.PhysicalResourceId, first, props({ Mailboxes: ['user0'], Prefix: 'second/' })));
  expect(moved.PhysicalResourceId).not.toBe(created.PhysicalResourceId);
  expect(exportJobs(organization()).map((job) => job.prefix)).toEqual(['workmail/', 'second/']);
  const callsBefore = mail.emulator.calls.length;
  await run(request(ResourceType.MAILBOX_EXPORT, 'Delete', first, { PhysicalResourceId: created.PhysicalResourceId }));
  await run(request(ResourceType.MAILBOX_EXPORT, 'Delete', first, { PhysicalResourceId: 'failed-create' }));
  expect(mail.emulator.calls.length).toBe(callsBefore);
});

test('a failed job fails the deploy naming the mailbox and WorkMail\'s reason', async () => {
  await addUsers(2);
  exportSettings.steps = 4;
  const event = create(props({ Mailboxes: ['user0', 'user1'] }));
  const started = await onEvent(event as any);
  const job = exportJobs(organization())[1];
  Object.assign(job, { state: 'FAILED', errorInfo: 'Access denied writing to the bucket' });
  await expect(isComplete({ ...event, PhysicalResourceId: started.PhysicalResourceId!, Data: started.Data } as any)).rejects.toThrow(
    `Mailbox export failed for user1 (job ${job.jobId} FAILED: Access denied writing to the bucket). Exported data is kept.`);
});

test('redelivery starts nothing twice; throttling is survived', async () => {
  await addUsers(2);
  mail.emulator.injectFault({ kind: 'throttle', operation: 'StartMailboxExportJob', count: 2 });
  mail.emulator.injectFault({ kind: 'throttle', operation: 'ListUsers', count: 1 });
  const event = create(props({ Mailboxes: ['user0', 'user1'] }));
  await run(event);
  await run(event);
  expect(exportJobs(organization())).toHaveLength(2);
});

test('unknown and deleted mailboxes fail before anything starts', async () => {
  await addUsers(1);
  await createDeletedUser(mail, 'left');
  await expect(run(create(props({ Mailboxes: ['user0', 'nobody@corp.example', 'left'] })))).rejects.toThrow(
    'no user or resource of the organization has the id, name or email address nobody@corp.example; left is deleted and has no mailbox: '
    + 'correct the mailboxes of the MailboxExport. Nothing was exported.');
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toEqual([]);
});

test('checks the key with DescribeKey before starting jobs', async () => {
  await addUsers(1);
  await run(create(props({ Mailboxes: ['user0'] })));
  const order = mail.emulator.calls.map((call) => call.operation).filter((operation) => ['DescribeKey', 'StartMailboxExportJob'].includes(operation));
  expect(order).toEqual(['DescribeKey', 'StartMailboxExportJob']);
  expect(mail.emulator.callsTo('DescribeKey')[0].input).toEqual({ KeyId: keyArn });
});

test.each([
  ['a disabled key', () => mail.emulator.kms.addKey({ keyState: 'Disabled' }), /cannot encrypt a mailbox export: its state is Disabled\./],
  ['a key pending deletion', () => mail.emulator.kms.addKey({ keyState: 'PendingDeletion' }), /its state is PendingDeletion/],
  ['an asymmetric key', () => mail.emulator.kms.addKey({ keySpec: 'RSA_2048' }), /its key spec is RSA_2048/],
  ['a key that does not exist', () => 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000',
    /cannot encrypt a mailbox export: it does not exist in this account and region\./],
])('%s is refused, naming the key and the fix, and no job starts', async (_, key, reason) => {
  await addUsers(1);
  const KmsKeyArn = key();
  const attempt = run(create(props({ Mailboxes: ['user0'], KmsKeyArn })));
  await expect(attempt).rejects.toThrow(reason);
  await expect(attempt).rejects.toThrow(`KMS key ${KmsKeyArn} cannot encrypt a mailbox export`);
  await expect(attempt).rejects.toThrow(/Pass an enabled symmetric customer managed key \(KeySpec SYMMETRIC_DEFAULT, usage ENCRYPT_DECRYPT\) as encryptionKey of the MailboxExport, or omit encryptionKey/);
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toEqual([]);
  expect(exportJobs(organization())).toEqual([]);
});

test('a key disabled after the first jobs stops the rest from starting', async () => {
  const users = await addUsers(11);
  exportSettings.steps = 100;
  const event = create(props({ Mailboxes: users.map((_, i) => `user${i}`) }));
  const started = await onEvent(event as any);
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(10);
  mail.emulator.kms.key(keyArn)!.keyState = 'Disabled';
  exportJobs(organization())[0].state = 'COMPLETED';
  await expect(isComplete({ ...event, PhysicalResourceId: started.PhysicalResourceId!, Data: started.Data } as any)).rejects.toThrow(/its state is Disabled/);
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(10);
});
