/**
 * Benchmark (d): 200 users created at once through the handlers (the real SDK clients against the
 * loopback emulator) while WorkMail throttles, versus the same calls made with SDK clients on
 * their default retry settings, as a hand-written custom resource would make them: one client per
 * invocation (fair: what Lambda gives each concurrent invocation) and one client shared by all
 * (naive: all creations spend one retry quota).
 *
 * What it models: all 200 creations run in this one process and share the handlers' module-level
 * clients, as if one Lambda container served them all at once. In Lambda each container serves
 * one invocation at a time, so concurrent creations have separate clients; sharing is the harsher
 * case (any per-client retry state, such as the SDK's retry quota, is spent by all 200 at once).
 * Two throttling models, both the emulator's (WorkMail publishes no rate quota): a burst, where the
 * first THROTTLES requests of each operation the users need are refused whatever their timing, and
 * a sustained rate, where each operation answers at most RATE requests a second (a token bucket).
 */
import { performance } from 'perf_hooks';
import { CreateUserCommand, RegisterToWorkMailCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { HANDLER_RETRY_POLICY } from '../src/handlers/shared/retry';
import { ResourceType } from '../src/private/constants';
import { WorkMailEmulator } from '../test/emulator';
import { request, run, startEmulator } from '../test/handlers/cloudformation';
import { addVerifiedDomain } from '../test/handlers/directory';
import { printTable } from './report';

const USERS = 200;
/** Burst: throttled requests per operation, answered before any request of that operation succeeds. */
const THROTTLES = 150;
/** Sustained: requests per second each operation answers. */
const RATE = 20;

interface Throttling {
  readonly name: string;
  apply(emulator: WorkMailEmulator): void;
}

const THROTTLING: readonly Throttling[] = [
  {
    name: `burst: first ${THROTTLES} requests of each operation throttled`,
    apply: (emulator) => ['CreateUser', 'RegisterToWorkMail', 'ListUsers']
      .forEach((operation) => emulator.injectFault({ kind: 'throttle', operation, count: THROTTLES })),
  },
  {
    name: `sustained: each operation answers ${RATE} requests/s`,
    apply: (emulator) => emulator.limitRate({ perSecond: RATE }),
  },
];

interface Outcome {
  readonly seconds: number;
  readonly failures: number;
  readonly created: number;
  readonly throttled: number;
  /** Why creations failed: error name (and operation, where the handlers' clients name it), with counts. */
  readonly errors: string;
}

async function organizationUnderThrottling(emulator: WorkMailEmulator, throttling: Throttling): Promise<string> {
  emulator.reset();
  emulator.setCreationSteps(0);
  const organizationId = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }))).PhysicalResourceId;
  await addVerifiedDomain({ emulator, organizationId }, 'corp.example');
  throttling.apply(emulator);
  return organizationId;
}

async function timed(create: (i: number) => Promise<unknown>, emulator: WorkMailEmulator, organizationId: string): Promise<Outcome> {
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: USERS }, (_, i) => create(i)));
  const errors = new Map<string, number>();
  for (const result of results) {
    if (result.status === 'rejected') {
      const { name, operation } = result.reason as { name?: string; operation?: string };
      const key = [name, operation].filter(Boolean).join(' in ');
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
  return {
    seconds: (performance.now() - started) / 1000,
    failures: results.filter((result) => result.status === 'rejected').length,
    created: emulator.callsTo('RegisterToWorkMail').filter((call) => !call.error && call.input.OrganizationId === organizationId).length,
    throttled: emulator.calls.filter((call) => call.error === 'ThrottlingException').length,
    errors: [...errors].map(([key, count]) => `${key} x${count}`).join(', ') || '-',
  };
}

const { maxAttempts, maxTotalDelayMs } = HANDLER_RETRY_POLICY;
const LIBRARY = `cdk-workmail handlers (bounded retry: ${maxAttempts} attempts, ${maxTotalDelayMs / 1000} s backoff per operation)`;

export async function parallelUsers(): Promise<void> {
  const emulator = await startEmulator();
  const log = console.log;
  console.log = () => undefined; // the handlers' operation log lines
  const rows: Array<Record<string, string | number>> = [];
  const row = (throttling: Throttling, variant: string, outcome: Outcome) => rows.push({
    throttling: throttling.name, variant, 'wall s': outcome.seconds.toFixed(1), 'failed': outcome.failures,
    'registered': outcome.created, 'throttled responses': outcome.throttled, 'errors': outcome.errors,
  });
  try {
    for (const throttling of THROTTLING) {
      const libraryOrganization = await organizationUnderThrottling(emulator, throttling);
      row(throttling, LIBRARY, await timed((i) => run(request(ResourceType.USER, 'Create', {
        OrganizationId: libraryOrganization, Name: `user${i}`, Email: `user${i}@corp.example`, Attributes: { DisplayName: `User ${i}` },
      }), 60), emulator, libraryOrganization));

      // The SDK's defaults as a hand-written custom resource uses them: with one client per
      // invocation, as Lambda gives each concurrent invocation its own container (fair), and with
      // one client shared by all creations, whose retry quota they then spend together (naive).
      for (const [variant, client] of [
        ['SDK defaults (standard retry, 3 attempts), one client per invocation (fair)', () => new WorkMailClient({})],
        ['SDK defaults (standard retry, 3 attempts), one client shared by all (naive)', (shared => () => shared)(new WorkMailClient({}))],
      ] as const) {
        const organizationId = await organizationUnderThrottling(emulator, throttling);
        row(throttling, variant, await timed(async (i) => {
          const invocation = client();
          const { UserId } = await invocation.send(new CreateUserCommand({ OrganizationId: organizationId, Name: `user${i}`, DisplayName: `User ${i}` }));
          await invocation.send(new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: UserId, Email: `user${i}@corp.example` }));
        }, emulator, organizationId));
      }
    }
    console.log = log;
    printTable(`(d) ${USERS} users created in parallel under throttling (target: 0 failures); the handlers run in this one process and share its clients`, rows);
  } finally {
    console.log = log;
    await emulator.stop();
  }
}
