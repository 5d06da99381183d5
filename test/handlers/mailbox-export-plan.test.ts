import type { MailboxExportJob } from '@aws-sdk/client-workmail';
import {
  attributes, EXPORT_INTERVAL_MS, exportMarker, failedSince, failure, isSettled, planStep, s3Key, selectTargets, summary,
} from '../../src/handlers/mailbox-export/plan';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const MARKER = exportMarker('stack', 'Export', 'bucket', 'p/');
const job = (entityId: string, state: string, extra: Partial<MailboxExportJob> = {}): MailboxExportJob =>
  ({ JobId: `job-${entityId}-${state}`, EntityId: entityId, State: state as any, Description: MARKER, StartTime: new Date(NOW - 1000), ...extra });
const targets = (...ids: string[]) => ids.map((id) => ({ mailbox: id, entityId: id }));

describe('exportMarker', () => {
  test('is stable for one destination and differs for another', () => {
    expect(MARKER).toMatch(/^cdk-workmail export [0-9a-f]{24}$/);
    expect(exportMarker('stack', 'Export', 'bucket', 'p/')).toBe(MARKER);
    expect(exportMarker('stack', 'Export', 'bucket', 'q/')).not.toBe(MARKER);
    expect(exportMarker('stack', 'Other', 'bucket', 'p/')).not.toBe(MARKER);
  });
});

describe('selectTargets', () => {
  const entities = [
    { id: 'u1', name: 'alice', email: 'Alice@Corp.example', state: 'ENABLED', role: 'USER' },
    { id: 'u2', name: 'bob', state: 'DISABLED', role: 'USER' },
    { id: 'u3', name: 'admin', state: 'ENABLED', role: 'SYSTEM_USER' },
    { id: 'u4', name: 'remote', state: 'ENABLED', role: 'REMOTE_USER' },
    { id: 'r1', name: 'room', state: 'ENABLED', role: 'RESOURCE' },
    { id: 'u5', name: 'gone', state: 'DELETED', role: 'USER' },
  ];
  test('all: enabled user mailboxes and resources only', () => {
    expect(selectTargets(undefined, entities)).toEqual(targets('u1', 'r1'));
  });
  test('listed: by id, name or email, case-insensitively, disabled users included', () => {
    expect(selectTargets(['alice@corp.example', 'BOB', 'r1'], entities)).toEqual([
      { mailbox: 'alice@corp.example', entityId: 'u1' }, { mailbox: 'BOB', entityId: 'u2' }, { mailbox: 'r1', entityId: 'r1' },
    ]);
  });
  test('unknown or deleted mailboxes are all named', () => {
    expect(() => selectTargets(['x', 'gone', 'y'], entities)).toThrow(
      'no user or resource of the organization has the id, name or email address x, y; gone is deleted and has no mailbox');
  });
});

describe('planStep', () => {
  test('starts mailboxes without a job of this export, in order', () => {
    expect(planStep(targets('a', 'b'), [], MARKER, NOW)).toEqual({ start: targets('a', 'b'), reports: [] });
  });

  test('reports this export\'s latest job per mailbox and starts nothing for it, whatever its state', () => {
    const jobs = [
      job('a', 'FAILED', { StartTime: new Date(NOW - 3 * EXPORT_INTERVAL_MS) }),
      job('a', 'COMPLETED', { S3Path: 'bucket/p/a.zip' }),
      job('b', 'RUNNING'),
      job('c', 'CANCELLED'),
    ];
    const step = planStep(targets('a', 'b', 'c'), jobs, MARKER, NOW);
    expect(step.start).toEqual([]);
    expect(step.reports.map((r) => [r.mailbox, r.state, r.jobId])).toEqual([
      ['a', 'COMPLETED', 'job-a-COMPLETED'], ['b', 'RUNNING', 'job-b-RUNNING'], ['c', 'CANCELLED', 'job-c-CANCELLED'],
    ]);
    expect(step.reports[0]).toMatchObject({ s3Path: 'bucket/p/a.zip', startedAt: NOW - 1000 });
  });

  test.each([
    [0, 10], [3, 7], [9, 1], [10, 0], [12, 0],
  ])('with %i jobs running in the organization, starts %i of 12', (running, started) => {
    const others = Array.from({ length: running }, (_, i) => job(`other${i}`, 'RUNNING', { Description: 'someone else' }));
    const ids = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const step = planStep(targets(...ids), others, MARKER, NOW);
    expect(step.start).toEqual(targets(...ids.slice(0, started)));
    expect(step.reports.map((r) => r.state)).toEqual(Array(12 - started).fill('QUEUED'));
  });

  test('the 24-hour rule counts every job of the mailbox, and ends exactly 24 hours later', () => {
    const elsewhere = (ago: number) => [job('a', 'COMPLETED', { Description: 'console', JobId: 'console-job', StartTime: new Date(NOW - ago) })];
    expect(() => planStep(targets('a', 'b'), elsewhere(EXPORT_INTERVAL_MS - 1), MARKER, NOW)).toThrow(
      /and a \(exported by job console-job at 2026-11-25T12:00:00.001Z; next export possible after 2026-11-26T12:00:00.001Z\): deploy again after that time/);
    expect(planStep(targets('a'), elsewhere(EXPORT_INTERVAL_MS), MARKER, NOW).start).toEqual(targets('a'));
  });
});

describe('reporting', () => {
  const reports = [
    { mailbox: 'a', entityId: 'a', state: 'COMPLETED' as const, jobId: 'j1', s3Path: 'bucket/p/j1.zip', startedAt: NOW },
    { mailbox: 'b', entityId: 'b', state: 'RUNNING' as const, jobId: 'j2', startedAt: NOW },
    { mailbox: 'c', entityId: 'c', state: 'QUEUED' as const },
    { mailbox: 'd', entityId: 'd', state: 'FAILED' as const, jobId: 'j4', startedAt: NOW - 1 },
  ];

  test('summary counts each state', () => {
    expect(summary(reports)).toBe('1 of 4 mailboxes exported; 1 running; 1 queued; 1 failed');
    expect(summary([])).toBe('0 of 0 mailboxes exported');
  });

  test('attributes per mailbox only when asked', () => {
    expect(attributes(reports, 'bucket', false)).toEqual({ Summary: summary(reports) });
    expect(attributes(reports.slice(0, 3), 'bucket', true)).toEqual({
      'Summary': '1 of 3 mailboxes exported; 1 running; 1 queued',
      'a.JobId': 'j1',
      'a.State': 'COMPLETED',
      'a.S3Key': 'p/j1.zip',
      'b.JobId': 'j2',
      'b.State': 'RUNNING',
      'b.S3Key': '',
      'c.JobId': '',
      'c.State': 'QUEUED',
      'c.S3Key': '',
    });
  });

  test.each([
    ['bucket/p/j.zip', 'p/j.zip'], ['s3://bucket/p/j.zip', 'p/j.zip'], ['p/j.zip', 'p/j.zip'], ['bucketx/p', 'bucketx/p'], [undefined, ''],
  ])('s3Key(%p) = %p', (path, key) => expect(s3Key(path, 'bucket')).toBe(key));

  test('only failures of this request fail it', () => {
    expect(failedSince(reports, NOW).map((r) => r.mailbox)).toEqual([]);
    expect(failedSince(reports, NOW - 1).map((r) => r.mailbox)).toEqual(['d']);
    expect(failure([{ ...reports[3], reason: 'bucket policy denies' }]).message).toBe(
      'Mailbox export failed for d (job j4 FAILED: bucket policy denies). Exported data is kept. WorkMail allows one export per mailbox every 24 hours: '
      + 'after that, export these mailboxes again with a new prefix (a new export).');
  });

  test('settled when nothing runs or waits, or at the deadline', () => {
    expect(isSettled(reports, NOW, NOW + 1)).toBe(false);
    expect(isSettled(reports, NOW + 1, NOW + 1)).toBe(true);
    expect(isSettled([reports[0], reports[3]], NOW, NOW + 1)).toBe(true);
  });
});
