import { createHash } from 'crypto';
import { DeregisterFromWorkMailCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { withActiveOrganization } from './active-organization';
import { request, run, STACK_ID } from './cloudformation';
import { addVerifiedDomain, createRoom, createUser } from './directory';
import { isComplete, onEvent } from '../../src/handlers';
import { exportEngineHandler } from '../../src/handlers/mailbox-export';
import { STEPS_PER_EXECUTION } from '../../src/handlers/mailbox-export/engine';
import { ExportReport, exportMarker, reportKey } from '../../src/handlers/mailbox-export/plan';
import { ResourceType } from '../../src/private/constants';
import { ENGINE_WORKMAIL_OPERATIONS, ExportExecutionInput, MailboxExportResourceProperties } from '../../src/private/export-properties';
import { exportJobs, exportSettings, resetExportSettings } from '../emulator/workmail/export';

const mail = withActiveOrganization();
const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:MailExport';
const BUCKET = 'exports';
const MARKER = exportMarker(STACK_ID, 'Resource', BUCKET, 'workmail/');
const REPORT_KEY = reportKey('workmail/', MARKER);
let keyArn: string;
let logLines: string[];

beforeEach(async () => {
  resetExportSettings();
  await addVerifiedDomain(mail, 'corp.example');
  keyArn = mail.emulator.kms.addKey();
  mail.emulator.addBucket(BUCKET);
  logLines = [];
  (console.log as jest.Mock).mockImplementation((line: string) => logLines.push(line));
});

const organization = () => mail.emulator.organization(mail.organizationId);
const report = (): ExportReport => JSON.parse(mail.emulator.bucket(BUCKET).get(REPORT_KEY)!.body.toString());
const running = () => mail.emulator.executions().filter((execution) => execution.status === 'RUNNING');

/** Enabled users user0, user1, ... with addresses on corp.example, in order. */
async function addUsers(count: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    ids.push(await createUser(mail, `user${i}`, `user${i}@corp.example`));
  }
  return ids;
}

const props = (extra: Partial<MailboxExportResourceProperties> = {}): MailboxExportResourceProperties => ({
  OrganizationId: mail.organizationId,
  RoleArn: 'arn:aws:iam::123456789012:role/Export',
  KmsKeyArn: keyArn,
  BucketName: BUCKET,
  Prefix: 'workmail/',
  WaitSeconds: '0',
  MaxAttempts: '3',
  StateMachineArn: STATE_MACHINE,
  ...extra,
});
const create = (p: MailboxExportResourceProperties) => request(ResourceType.MAILBOX_EXPORT, 'Create', p);

/**
 * Runs the running execution as its state machine would: a step, then the wait it asks for,
 * until DONE. A wait of an hour or more (the 24-hour window) passes at once: the jobs' times
 * move back by the wait. Fails when the engine calls a WorkMail operation its role lacks, or
 * when the organization ever runs more than 10 jobs.
 */
async function runExport(maxSteps = 300): Promise<{ readonly steps: number; readonly daysWaited: number }> {
  const execution = running()[0];
  let input = JSON.parse(execution.input) as ExportExecutionInput;
  let daysWaited = 0;
  const from = mail.emulator.calls.length;
  for (let steps = 1; steps <= maxSteps; steps++) {
    const step = await exportEngineHandler(input);
    expect(exportJobs(organization()).filter((job) => job.state === 'RUNNING').length).toBeLessThanOrEqual(10);
    if (step.next === 'DONE') {
      execution.status = 'SUCCEEDED';
      const operations = mail.emulator.calls.slice(from).filter((call) => call.service === 'workmail').map((call) => call.operation);
      expect([...new Set(operations)].filter((operation) => !ENGINE_WORKMAIL_OPERATIONS.includes(operation))).toEqual([]);
      return { steps, daysWaited };
    }
    expect(step.next).toBe('WAIT');
    if (step.delaySeconds >= 3600) {
      daysWaited += step.delaySeconds / 86400;
      for (const job of exportJobs(organization())) {
        job.startTime = new Date(job.startTime.getTime() - step.delaySeconds * 1000);
      }
    }
    input = { ...input, step };
  }
  throw new Error(`the export did not end in ${maxSteps} steps`);
}

const metricLines = () => logLines.map((line) => JSON.parse(line)).filter((entry) => entry._aws !== undefined);

test('a 60-mailbox organization: 10 jobs at a time, failures retried after 24 hours, a corrupted log, throttling; every mailbox accounted for', async () => {
  const users = await addUsers(55);
  const rooms: string[] = [];
  for (let i = 0; i < 5; i++) {
    rooms.push(await createRoom(mail, `room${i}`, `room${i}@corp.example`));
  }
  await createUser(mail, 'never-enabled'); // DISABLED and never registered: no mailbox, not exported
  exportSettings.steps = 3;
  exportSettings.failures.set(users[3], 1); // fails once, exported on the retry
  exportSettings.failures.set(users[7], 3); // fails every allowed attempt
  exportSettings.corruptLogs.add(users[11]); // its first .zip does not match its log
  mail.emulator.injectFault({ kind: 'throttle', operation: 'StartMailboxExportJob', count: 3 });
  mail.emulator.injectFault({ kind: 'throttle', operation: 'ListMailboxExportJobs', count: 2 });
  mail.emulator.injectFault({ kind: 'throttle', operation: 'GetObject', count: 2 });

  await run(create(props()));
  expect(running()).toHaveLength(1);
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toEqual([]); // the deployment only starts the run
  const { daysWaited } = await runExport();

  const final = report();
  expect(final.state).toBe('COMPLETED');
  expect(final.mailboxes.map((record) => record.entityId).sort()).toEqual([...users, ...rooms].sort());
  const byId = new Map(final.mailboxes.map((record) => [record.entityId, record]));
  expect(final.mailboxes.filter((record) => record.state === 'EXPORTED')).toHaveLength(59);
  expect(byId.get(users[7])).toMatchObject({ state: 'FAILED', reason: 'Mailbox export failed: internal error' });
  expect(byId.get(users[7])!.attempts.map((attempt) => attempt.jobState)).toEqual(['FAILED', 'FAILED', 'FAILED']);
  expect(byId.get(users[3])!.attempts.map((attempt) => attempt.jobState)).toEqual(['FAILED', 'COMPLETED']);
  expect(byId.get(users[11])!.attempts.map((attempt) => attempt.verification?.result)).toEqual(['HASH_MISMATCH', 'VERIFIED']);
  // Two retries of users[7] each waited out WorkMail's 24 hours.
  expect(daysWaited).toBeGreaterThanOrEqual(1.9);

  // Every exported mailbox: its job, times, the .zip's size and the log's counts, from the bucket.
  const objects = mail.emulator.bucket(BUCKET);
  for (const record of final.mailboxes.filter((r) => r.state === 'EXPORTED')) {
    const attempt = record.attempts[record.attempts.length - 1];
    const job = exportJobs(organization()).find((j) => j.jobId === attempt.jobId)!;
    expect(job).toMatchObject({ entityId: record.entityId, state: 'COMPLETED', description: MARKER, bucket: BUCKET, prefix: 'workmail/' });
    const zip = objects.get(`workmail/${attempt.jobId}.zip`)!.body;
    const log = JSON.parse(objects.get(`workmail/${attempt.jobId}.log`)!.body.toString());
    expect(attempt).toMatchObject({
      s3Key: `workmail/${attempt.jobId}.zip`,
      sizeBytes: zip.length,
      itemsExported: Number(log.totalMessages),
      nonExportableItems: 2,
      verification: { result: 'VERIFIED' },
    });
    expect(createHash('sha384').update(zip).digest('hex')).toBe(log.sha384Hash);
    expect(Date.parse(attempt.startedAt)).toBeLessThanOrEqual(Date.parse(attempt.endedAt!));
  }
  // One job per attempt, and never a mailbox started twice within a step's retry.
  expect(exportJobs(organization())).toHaveLength(60 + 1 + 2 + 1);
  expect(mail.emulator.callsTo('StartMailboxExportJob').filter((call) => call.error === 'LimitExceededException')).toEqual([]);
  // The report is encrypted under the export's key.
  expect(objects.get(REPORT_KEY)).toMatchObject({ serverSideEncryption: 'aws:kms', kmsKeyId: keyArn });

  const last = metricLines().pop();
  expect(last).toMatchObject({
    OrganizationId: mail.organizationId,
    Prefix: 'workmail/',
    Mailboxes: 60,
    MailboxesExported: 59,
    MailboxesFailed: 1,
    MailboxesRunning: 0,
    VerificationFailures: 1,
    _aws: { CloudWatchMetrics: [{ Namespace: 'cdk-workmail/MailboxExport', Dimensions: [['OrganizationId', 'Prefix']] }] },
  });
  expect(last.ExportedBytes).toBe(final.mailboxes.filter((r) => r.state === 'EXPORTED')
    .reduce((sum, r) => sum + r.attempts[r.attempts.length - 1].sizeBytes!, 0));
});

test('listed mailboxes by name, email or id; a disabled user is refused and the report says why', async () => {
  const [, , carol] = await addUsers(3);
  const room = await createRoom(mail, 'room', 'room@corp.example');
  await new WorkMailClient({}).send(new DeregisterFromWorkMailCommand({ OrganizationId: mail.organizationId, EntityId: carol }));
  await run(create(props({ Mailboxes: ['user0', 'USER1@corp.example', room, 'user2'] })));
  await runExport();
  const final = report();
  expect(final.mailboxes.map((record) => [record.mailbox, record.state])).toEqual([
    ['user0', 'EXPORTED'], ['USER1@corp.example', 'EXPORTED'], [room, 'EXPORTED'], ['user2', 'REFUSED'],
  ]);
  expect(final.mailboxes[3].reason).toMatch(/^WorkMail refused to export this mailbox \(the user or resource is disabled\): EntityStateException: /);
  expect(exportJobs(organization()).map((job) => job.entityId)).not.toContain(carol);
});

test('an unknown mailbox fails the deployment before the run starts', async () => {
  await addUsers(1);
  await expect(run(create(props({ Mailboxes: ['user0', 'nobody@corp.example'] })))).rejects.toThrow(
    'no user or resource of the organization has the id, name or email address nobody@corp.example: correct the mailboxes of the MailboxExport. Nothing was exported.');
  expect(mail.emulator.executions()).toEqual([]);
});

test('redelivery and an update that only changes the wait keep the one run; other settings replace it; a finished export starts no job', async () => {
  await addUsers(2);
  const first = props({ Mailboxes: ['user0', 'user1'] });
  const event = create(first);
  const created = await run(event);
  await run(event);
  expect(mail.emulator.executions()).toHaveLength(1);
  expect(JSON.parse(mail.emulator.executions()[0].input)).toEqual({
    run: {
      organizationId: mail.organizationId,
      mailboxes: ['user0', 'user1'],
      roleArn: first.RoleArn,
      kmsKeyArn: keyArn,
      bucket: BUCKET,
      prefix: 'workmail/',
      marker: MARKER,
      maxAttempts: 3,
    },
    startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  expect(created.Data).toMatchObject({ Marker: MARKER, ReportKey: REPORT_KEY, ExecutionArn: mail.emulator.executions()[0].executionArn });

  const update = (old: MailboxExportResourceProperties, p: MailboxExportResourceProperties) =>
    run(request(ResourceType.MAILBOX_EXPORT, 'Update', p, { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: old }));
  // Its waiting phase would wait the minute for the run: the decision is onEvent's.
  const longerWait = props({ Mailboxes: ['user0', 'user1'], WaitSeconds: '60' });
  const kept = await onEvent(request(ResourceType.MAILBOX_EXPORT, 'Update', longerWait,
    { PhysicalResourceId: created.PhysicalResourceId, OldResourceProperties: first }) as any);
  expect(kept.PhysicalResourceId).toBe(created.PhysicalResourceId);
  expect(kept.Data!.ExecutionArn).toBe(created.Data.ExecutionArn);
  expect(mail.emulator.executions()).toHaveLength(1);

  const oneMailbox = props({ Mailboxes: ['user0'] });
  await update(first, oneMailbox);
  expect(mail.emulator.executions().map((execution) => execution.status)).toEqual(['ABORTED', 'RUNNING']);
  await runExport();
  expect(report().mailboxes.map((record) => record.state)).toEqual(['EXPORTED']);

  // Deploying again once the export is over: a new run, which finds every mailbox done.
  const starts = mail.emulator.callsTo('StartMailboxExportJob').length;
  await update(oneMailbox, props({ Mailboxes: ['user0'], MaxAttempts: '2' }));
  expect(await runExport()).toMatchObject({ steps: 1 });
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(starts);
});

test('waits for the run when asked, within the bound, and reports the summary', async () => {
  await addUsers(2);
  const event = create(props({ WaitSeconds: '600' }));
  const started = await onEvent(event as any);
  const waiting = { ...event, PhysicalResourceId: started.PhysicalResourceId!, Data: started.Data };
  expect(await isComplete(waiting as any)).toEqual({ IsComplete: false });
  await runExport();
  expect(await isComplete(waiting as any)).toEqual({ IsComplete: true, Data: { Summary: '2 of 2 mailboxes exported' } });
});

test('removing the export while jobs run stops the run, cancels the jobs and says so; exported files stay', async () => {
  const users = await addUsers(12);
  exportSettings.steps = 100;
  const created = await run(create(props()));
  const execution = running()[0];
  await exportEngineHandler(JSON.parse(execution.input)); // 10 jobs start; 2 mailboxes wait
  exportJobs(organization())[0].state = 'COMPLETED';
  const before = new Map(mail.emulator.bucket(BUCKET));

  await run(request(ResourceType.MAILBOX_EXPORT, 'Delete', props(), { PhysicalResourceId: created.PhysicalResourceId }));
  expect(execution.status).toBe('ABORTED');
  expect(exportJobs(organization()).map((job) => job.state)).toEqual(['COMPLETED', ...Array(9).fill('CANCELLED')]);
  const final = report();
  expect(final.state).toBe('CANCELLED');
  expect(final.mailboxes.filter((record) => record.state === 'CANCELLED')).toHaveLength(12);
  expect(final.mailboxes.find((record) => record.entityId === users[1])!.attempts[0].jobState).toBe('CANCELLED');
  for (const key of before.keys()) {
    expect(mail.emulator.bucket(BUCKET).has(key)).toBe(true);
  }
  expect(logLines.some((line) => line.includes('the MailboxExport was removed: 9 running export job(s) cancelled'))).toBe(true);

  // A step that Step Functions had already scheduled ends at once.
  expect(await exportEngineHandler(JSON.parse(execution.input))).toMatchObject({ next: 'DONE' });
  // The Delete after a failed Create (physical id not ours) touches nothing.
  const calls = mail.emulator.calls.length;
  await run(request(ResourceType.MAILBOX_EXPORT, 'Delete', props(), { PhysicalResourceId: 'failed-create' }));
  expect(mail.emulator.calls.length).toBe(calls);

  // Added again: the cancelled mailboxes resume (once their 24 hours have passed); a cancelled job
  // was no attempt of its mailbox. The job the test ended by hand wrote no file: not exported.
  exportSettings.steps = 2;
  await run(create(props({ MaxAttempts: '1' })));
  await runExport();
  const resumed = report();
  expect(resumed.state).toBe('COMPLETED');
  expect(resumed.mailboxes.filter((record) => record.state === 'EXPORTED')).toHaveLength(11);
  expect(resumed.mailboxes.find((record) => record.entityId === users[1])!.attempts.map((a) => a.jobState)).toEqual(['CANCELLED', 'COMPLETED']);
  expect(resumed.mailboxes.find((record) => record.entityId === users[0])).toMatchObject({
    state: 'FAILED', attempts: [{ jobState: 'COMPLETED', verification: { result: 'ZIP_MISSING' } }],
  });
});

test('a key disabled during the run stops new jobs from starting; the step fails for Step Functions to retry', async () => {
  await addUsers(11);
  exportSettings.steps = 100;
  await run(create(props()));
  const input = JSON.parse(running()[0].input) as ExportExecutionInput;
  await exportEngineHandler(input);
  mail.emulator.kms.key(keyArn)!.keyState = 'Disabled';
  exportJobs(organization())[0].state = 'COMPLETED';
  await expect(exportEngineHandler(input)).rejects.toThrow(/its state is Disabled/);
  expect(mail.emulator.callsTo('StartMailboxExportJob')).toHaveLength(10);
});

test('after the steps an execution may take, the run goes on in a new execution', async () => {
  await addUsers(1);
  exportSettings.steps = 100;
  await run(create(props()));
  const input = JSON.parse(running()[0].input) as ExportExecutionInput;
  const step = await exportEngineHandler({ ...input, step: { next: 'WAIT', delaySeconds: 15, iteration: STEPS_PER_EXECUTION - 1 } });
  expect(step).toMatchObject({ next: 'CONTINUE', iteration: 0 });
});
