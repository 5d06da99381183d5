/**
 * Benchmark (i): `cdk-workmail import` of an organization of 1,000 users against the loopback
 * emulator, which throttles each operation above RATE requests a second, while every call takes
 * LATENCY ms more (the round trip to WorkMail, which the loopback does not have): reads at most
 * 8 at a time (the command's default) versus one at a time, both with the handlers' retry.
 *
 * What it models: the reads per user (DescribeUser, ListAliases, GetMailboxDetails,
 * ListMailboxPermissions) dominate; one at a time they cost users x 4 round trips, in parallel
 * they overlap within the bound and the rate limit.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { printTable } from './report';
import { main } from '../src/cli';
import { boundedRetry } from '../src/handlers/shared/retry';
import { ResourceType } from '../src/private/constants';
import { seedOrganization } from '../test/cli-organization';
import { request, run, startEmulator } from '../test/handlers/cloudformation';

const USERS = 1000;
/** Requests per second each operation answers (a token bucket per operation). */
const RATE = 150;
/** Milliseconds added to every call. */
const LATENCY = 20;

/** A client of the emulator with the command's retry, whose every call waits `latency` ms first. */
function slowClient(latency: number): WorkMailClient {
  const client = new WorkMailClient(boundedRetry());
  client.middlewareStack.add((next) => async (args) => {
    await new Promise((resolve) => setTimeout(resolve, latency));
    return next(args);
  }, { step: 'finalizeRequest', name: 'benchLatency' });
  return client;
}

export async function importReads(): Promise<void> {
  const emulator = await startEmulator();
  const log = console.log;
  try {
    emulator.reset();
    emulator.setCreationSteps(0);
    // The organization handler logs each call: not part of the table.
    console.log = () => undefined;
    const organizationId = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }))).PhysicalResourceId;
    console.log = log;
    await seedOrganization(new WorkMailClient({}), emulator, organizationId, { users: USERS });

    const rows: Array<Record<string, string | number>> = [];
    const seconds: Record<string, number> = {};
    for (const [reads, concurrency] of [['one at a time', '1'], ['parallel, 8 at a time (default)', '8']] as const) {
      emulator.limitRate({ perSecond: RATE });
      const from = emulator.calls.length;
      const started = performance.now();
      const code = await main(['import', '--organization-id', organizationId, '--out', mkdtempSync(join(tmpdir(), 'bench-import-')), '--concurrency', concurrency],
        slowClient(LATENCY), () => undefined, () => undefined);
      seconds[concurrency] = (performance.now() - started) / 1000;
      const calls = emulator.calls.slice(from);
      rows.push({
        'reads': reads,
        'exit code': code,
        'seconds': seconds[concurrency].toFixed(1),
        'WorkMail calls': calls.length,
        'throttled': calls.filter((call) => call.error === 'ThrottlingException').length,
        'speed-up': (seconds['1'] / seconds[concurrency]).toFixed(1),
      });
    }
    printTable(`(i) cdk-workmail import of ${USERS + 5} users, ${LATENCY} ms per call, each operation throttled above ${RATE}/s (target: parallel at least 4x faster)`, rows);
  } finally {
    console.log = log;
    await emulator.stop();
  }
}
