import { createHash } from 'crypto';
import type { MailboxExportJob } from '@aws-sdk/client-workmail';
import {
  Attempt, cancelReport, EXPORT_INTERVAL_MS, ExportReport, exportMarker, MailboxRecord, newReport, nextExportTime, planStarts, pollDelay, progress,
  reconcile, reportKey, resumeReport, s3Key, selectTargets, settle, settleReport, summary, toVerify, verify,
} from '../../src/handlers/mailbox-export/plan';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const HOUR = 3600_000;
const MARKER = exportMarker('stack', 'Export', 'bucket', 'p/');
const LIMITS = { maxAttempts: 3 };
const header = { marker: MARKER, organizationId: 'm-1', bucket: 'bucket', prefix: 'p/' };

const job = (entityId: string, state: string, startedHoursAgo: number, extra: Partial<MailboxExportJob> = {}): MailboxExportJob => ({
  JobId: `job-${entityId}-${startedHoursAgo}`, EntityId: entityId, State: state as any, Description: MARKER, StartTime: new Date(NOW - startedHoursAgo * HOUR), ...extra,
});
const attempt = (jobState: string, startedHoursAgo: number, extra: Partial<Attempt> = {}): Attempt =>
  ({ jobId: `a-${startedHoursAgo}`, jobState, startedAt: new Date(NOW - startedHoursAgo * HOUR).toISOString(), ...extra });
const record = (entityId: string, state: MailboxRecord['state'], attempts: Attempt[] = []): MailboxRecord =>
  ({ mailbox: entityId, entityId, entityState: 'ENABLED', state, attempts });
const report = (...mailboxes: MailboxRecord[]): ExportReport => ({ ...newReport(header, [], NOW), mailboxes });
const pending = (n: number) => Array.from({ length: n }, (_, i) => record(`u${i}`, 'PENDING'));

describe('exportMarker and reportKey', () => {
  test('stable for one destination, different for another; the report sits under the prefix', () => {
    expect(MARKER).toMatch(/^cdk-workmail export [0-9a-f]{24}$/);
    expect(exportMarker('stack', 'Export', 'bucket', 'p/')).toBe(MARKER);
    expect(exportMarker('stack', 'Export', 'bucket', 'q/')).not.toBe(MARKER);
    expect(reportKey('p/', MARKER)).toBe(`p/cdk-workmail-report-${MARKER.split(' ')[2]}.json`);
  });
});

describe('selectTargets', () => {
  const entities = [
    { id: 'u1', name: 'alice', email: 'Alice@Corp.example', state: 'ENABLED', role: 'USER' },
    { id: 'u2', name: 'bob', state: 'DISABLED', role: 'USER', enabledDate: new Date(NOW - 48 * HOUR) },
    { id: 'u6', name: 'never', state: 'DISABLED', role: 'USER' },
    { id: 'u3', name: 'admin', state: 'ENABLED', role: 'SYSTEM_USER' },
    { id: 'u4', name: 'remote', state: 'ENABLED', role: 'REMOTE_USER' },
    { id: 'r1', name: 'room', state: 'ENABLED', role: 'RESOURCE' },
    { id: 'u5', name: 'gone', state: 'DELETED', role: 'USER' },
  ];
  test.each([
    ['every mailbox: enabled ones, and disabled ones that once had a mailbox', undefined, ['u1', 'u2', 'r1']],
    ['listed by email, name or id, case-insensitively, a disabled one included', ['alice@corp.example', 'BOB', 'r1'], ['u1', 'u2', 'r1']],
    ['a never-enabled user, when listed', ['never'], ['u6']],
  ])('%s', (_, requested, ids) => {
    expect(selectTargets(requested, entities).map((target) => target.entityId)).toEqual(ids);
  });
  test('unknown or deleted mailboxes are all named, and nothing starts', () => {
    expect(() => selectTargets(['x', 'gone', 'y'], entities)).toThrow(
      'no user or resource of the organization has the id, name or email address x, y; gone is deleted and has no mailbox');
  });
});

describe('planStarts: 10 jobs per organization, one export per mailbox per 24 hours', () => {
  test.each([
    ['an idle organization starts 10 of 12', pending(12), [], 10],
    ['a foreign running job takes a slot', pending(12), [job('other', 'RUNNING', 1, { Description: 'console' })], 9],
    ['10 running jobs leave no slot', pending(3), Array.from({ length: 10 }, (_, i) => job(`x${i}`, 'RUNNING', 1)), 0],
    ['a mailbox exported 23 hours ago waits', pending(1), [job('u0', 'COMPLETED', 23, { Description: 'console' })], 0],
    ['a mailbox exported 25 hours ago starts', pending(1), [job('u0', 'COMPLETED', 25, { Description: 'console' })], 1],
    ['a failed job 2 hours ago blocks its retry', [record('u0', 'PENDING', [attempt('FAILED', 2)])], [job('u0', 'FAILED', 2)], 0],
  ])('%s', (_, mailboxes, jobs, starts) => {
    expect(planStarts(report(...mailboxes), jobs, NOW)).toHaveLength(starts);
  });
  test('only pending mailboxes, in report order', () => {
    const r = report(record('a', 'EXPORTED'), record('b', 'PENDING'), record('c', 'RUNNING'), record('d', 'REFUSED'), record('e', 'PENDING'));
    expect(planStarts(r, [], NOW).map((target) => target.entityId)).toEqual(['b', 'e']);
  });
  test('nextExportTime is 24 hours after the latest job of any export', () => {
    expect(nextExportTime('u0', [job('u0', 'COMPLETED', 30), job('u0', 'FAILED', 5), job('u1', 'RUNNING', 1)])).toBe(NOW - 5 * HOUR + EXPORT_INTERVAL_MS);
    expect(nextExportTime('u9', [])).toBe(0);
  });
});

describe('settle: a mailbox state from its attempts', () => {
  const verified = { result: 'VERIFIED' as const };
  const mismatch = { result: 'HASH_MISMATCH' as const, detail: 'differs' };
  test.each<[string, Attempt[], MailboxRecord['state'], string | undefined]>([
    ['no attempt', [], 'PENDING', undefined],
    ['running', [attempt('RUNNING', 1)], 'RUNNING', undefined],
    ['completed, not checked yet', [attempt('COMPLETED', 1)], 'RUNNING', undefined],
    ['completed and verified', [attempt('COMPLETED', 1, { verification: verified })], 'EXPORTED', undefined],
    ['completed, file does not match its log: retried', [attempt('COMPLETED', 1, { verification: mismatch })], 'PENDING', 'differs'],
    ['failed once: retried', [attempt('FAILED', 1, { error: 'boom' })], 'PENDING', 'boom'],
    ['cancelled outside: retried', [attempt('CANCELLED', 1)], 'PENDING', 'job a-1 ended CANCELLED'],
    ['failed every allowed attempt', [attempt('FAILED', 60), attempt('FAILED', 30), attempt('FAILED', 1, { error: 'boom' })], 'FAILED', 'boom'],
    ['failed, then exported', [attempt('FAILED', 30), attempt('COMPLETED', 1, { verification: verified })], 'EXPORTED', undefined],
    ['cancelled by the export\'s removal: no attempt', [attempt('FAILED', 60), attempt('FAILED', 30), attempt('CANCELLED', 1, { cancelledByRemoval: true })],
      'PENDING', undefined],
  ])('%s', (_, attempts, state, reason) => {
    const settled = settle(record('u', 'PENDING', attempts), LIMITS);
    expect([settled.state, settled.reason]).toEqual([state, reason]);
  });
  test('refused and cancelled are final', () => {
    expect(settle({ ...record('u', 'REFUSED'), reason: 'disabled' }, LIMITS).state).toBe('REFUSED');
    expect(settle(record('u', 'CANCELLED', [attempt('CANCELLED', 1)]), LIMITS).state).toBe('CANCELLED');
  });
  test('the report is COMPLETED once no mailbox can change', () => {
    const exported = record('a', 'EXPORTED', [attempt('COMPLETED', 1, { verification: verified })]);
    expect(settleReport(report(exported, record('b', 'REFUSED')), LIMITS, NOW).state).toBe('COMPLETED');
    expect(settleReport(report(exported, record('b', 'PENDING')), LIMITS, NOW).state).toBe('RUNNING');
  });
});

describe('reconcile and toVerify', () => {
  test('a running attempt takes the job\'s end; a completed one is checked once', () => {
    const r = report(record('u0', 'RUNNING', [{ ...attempt('RUNNING', 2), jobId: 'j0' }]), record('u1', 'RUNNING', [{ ...attempt('RUNNING', 1), jobId: 'j1' }]));
    const end = new Date(NOW - HOUR);
    const jobs = [
      { ...job('u0', 'COMPLETED', 2), JobId: 'j0', EndTime: end, S3Path: 'bucket/p/j0.zip' },
      { ...job('u1', 'RUNNING', 1), JobId: 'j1' },
    ];
    const next = reconcile(r, jobs);
    expect(next.mailboxes[0].attempts[0]).toMatchObject({ jobState: 'COMPLETED', endedAt: end.toISOString(), s3Key: 'p/j0.zip' });
    expect(next.mailboxes[1]).toBe(r.mailboxes[1]);
    expect(toVerify(next).map((item) => item.entityId)).toEqual(['u0']);
  });
  test.each([
    ['bucket/p/j.zip', 'p/j.zip'], ['s3://bucket/p/j.zip', 'p/j.zip'], ['other/p/j.zip', 'other/p/j.zip'],
  ])('s3Key(%s)', (path, key) => expect(s3Key(path, 'bucket')).toBe(key));
});

describe('verify: the .zip against its export log', () => {
  const zip = Buffer.from('PK zip bytes');
  const sha = createHash('sha384').update(zip).digest('hex');
  const log = (fields: object) => JSON.stringify({ totalNonExportableItems: '13', totalMessages: '76', sha384Hash: sha, totalBytes: '161892', ...fields });
  test.each([
    ['matching', { zipBytes: zip.length, zipSha384: sha, logText: log({}) }, 'VERIFIED'],
    ['hash in upper case', { zipBytes: zip.length, zipSha384: sha, logText: log({ sha384Hash: sha.toUpperCase() }) }, 'VERIFIED'],
    ['another hash', { zipBytes: zip.length, zipSha384: sha, logText: log({ sha384Hash: 'a'.repeat(96) }) }, 'HASH_MISMATCH'],
    ['no zip', { logText: log({}) }, 'ZIP_MISSING'],
    ['no log', { zipBytes: zip.length, zipSha384: sha }, 'LOG_MISSING'],
    ['a log that is not JSON', { zipBytes: zip.length, zipSha384: sha, logText: '{"totalMessages": ' }, 'LOG_UNREADABLE'],
    ['a log without counts', { zipBytes: zip.length, zipSha384: sha, logText: log({ totalMessages: undefined }) }, 'LOG_UNREADABLE'],
    ['a log with a short hash', { zipBytes: zip.length, zipSha384: sha, logText: log({ sha384Hash: '4de93a***96a1dd' }) }, 'LOG_UNREADABLE'],
  ])('%s', (_, files, result) => {
    expect(verify(files).verification!.result).toBe(result);
  });
  test('reads the counts of a verified export', () => {
    expect(verify({ zipBytes: 12, zipSha384: sha, logText: log({}) })).toEqual({
      sizeBytes: 12, itemsExported: 76, nonExportableItems: 13, verification: { result: 'VERIFIED' },
    });
  });
});

describe('pollDelay', () => {
  const runningFor = (hours: number) => record('u', 'RUNNING', [attempt('RUNNING', hours)]);
  test.each([
    ['a job started a minute ago: the minimum', [runningFor(1 / 60)], [], 15],
    ['a job running 2 hours: a twentieth of that', [runningFor(2)], [], 360],
    ['a job running a day: the maximum', [runningFor(24)], [], 900],
    ['the oldest running job counts', [runningFor(2), runningFor(0.1)], [], 360],
    ['nothing running, a retry in 10 hours', [record('u0', 'PENDING', [attempt('FAILED', 14)])], [job('u0', 'FAILED', 14)], 36000],
    ['nothing running, slots held elsewhere', [record('u0', 'PENDING')], [], 60],
  ])('%s', (_, mailboxes, jobs, seconds) => {
    expect(pollDelay(report(...mailboxes), jobs, NOW)).toBe(seconds);
  });
  test('over: no delay', () => {
    expect(pollDelay({ ...report(record('a', 'EXPORTED')), state: 'COMPLETED' }, [], NOW)).toBeUndefined();
  });
});

test('cancelReport: running and pending mailboxes are cancelled, finished ones kept', () => {
  const r = report(record('a', 'EXPORTED', [attempt('COMPLETED', 3)]), record('b', 'RUNNING', [attempt('RUNNING', 1)]), record('c', 'PENDING'));
  const cancelled = cancelReport(r, ['a-1'], NOW);
  expect(cancelled.state).toBe('CANCELLED');
  expect(cancelled.mailboxes.map((m) => m.state)).toEqual(['EXPORTED', 'CANCELLED', 'CANCELLED']);
  expect(cancelled.mailboxes[1].attempts[0]).toMatchObject({ jobState: 'CANCELLED', endedAt: new Date(NOW).toISOString() });
});

test('resumeReport: an export added again makes its cancelled mailboxes pending, history kept', () => {
  const r = cancelReport(report(record('a', 'EXPORTED', [attempt('COMPLETED', 3)]), record('b', 'RUNNING', [attempt('RUNNING', 1)])), ['a-1'], NOW);
  const resumed = resumeReport(r);
  expect(resumed.state).toBe('RUNNING');
  expect(resumed.mailboxes.map((m) => m.state)).toEqual(['EXPORTED', 'PENDING']);
  expect(resumed.mailboxes[1].attempts).toEqual(r.mailboxes[1].attempts);
  expect(settle(resumed.mailboxes[1], { maxAttempts: 1 }).state).toBe('PENDING');
});

test('progress and summary count every state and the verified bytes', () => {
  const r = report(
    record('a', 'EXPORTED', [
      attempt('COMPLETED', 3, { sizeBytes: 100, verification: { result: 'HASH_MISMATCH' } }),
      attempt('COMPLETED', 1, { sizeBytes: 120 }),
    ]),
    record('b', 'RUNNING'), record('c', 'PENDING'), record('d', 'FAILED'), record('e', 'REFUSED'), record('f', 'CANCELLED'),
  );
  expect(progress(r)).toEqual({
    total: 6, exported: 1, running: 1, pending: 1, failed: 1, refused: 1, cancelled: 1, bytes: 120, verificationFailures: 1,
  });
  expect(summary(r)).toBe('1 of 6 mailboxes exported; 1 running; 1 pending; 1 failed; 1 refused; 1 cancelled');
});
