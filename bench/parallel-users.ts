/**
 * Benchmark (d): 200 users created at once through the handlers (the real SDK clients against the
 * loopback emulator) while WorkMail throttles, versus the same calls made with an SDK client on
 * its default retry settings, as a hand-written custom resource would make them.
 */
import { performance } from 'perf_hooks';
import { CreateUserCommand, RegisterToWorkMailCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { ResourceType } from '../src/private/constants';
import { WorkMailEmulator } from '../test/emulator';
import { request, run, startEmulator } from '../test/handlers/cloudformation';
import { addVerifiedDomain } from '../test/handlers/directory';
import { printTable } from './report';

const USERS = 200;
/** Throttled requests per operation, answered before any request of that operation succeeds. */
const THROTTLES = 150;

interface Outcome {
  readonly seconds: number;
  readonly failures: number;
  readonly created: number;
}

async function organizationUnderThrottling(emulator: WorkMailEmulator): Promise<string> {
  emulator.reset();
  emulator.setCreationSteps(0);
  const organizationId = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }))).PhysicalResourceId;
  await addVerifiedDomain({ emulator, organizationId }, 'corp.example');
  for (const operation of ['CreateUser', 'RegisterToWorkMail', 'ListUsers']) {
    emulator.injectFault({ kind: 'throttle', operation, count: THROTTLES });
  }
  return organizationId;
}

async function timed(create: (i: number) => Promise<unknown>, emulator: WorkMailEmulator, organizationId: string): Promise<Outcome> {
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: USERS }, (_, i) => create(i)));
  return {
    seconds: (performance.now() - started) / 1000,
    failures: results.filter((result) => result.status === 'rejected').length,
    created: emulator.callsTo('RegisterToWorkMail').filter((call) => !call.error && call.input.OrganizationId === organizationId).length,
  };
}

export async function parallelUsers(): Promise<void> {
  const emulator = await startEmulator();
  const log = console.log;
  console.log = () => undefined; // the handlers' operation log lines
  try {
    const libraryOrganization = await organizationUnderThrottling(emulator);
    const library = await timed((i) => run(request(ResourceType.USER, 'Create', {
      OrganizationId: libraryOrganization, Name: `user${i}`, Email: `user${i}@corp.example`, Attributes: { DisplayName: `User ${i}` },
    }), 60), emulator, libraryOrganization);

    const naiveOrganization = await organizationUnderThrottling(emulator);
    const client = new WorkMailClient({});
    const naive = await timed(async (i) => {
      const { UserId } = await client.send(new CreateUserCommand({ OrganizationId: naiveOrganization, Name: `user${i}`, DisplayName: `User ${i}` }));
      await client.send(new RegisterToWorkMailCommand({ OrganizationId: naiveOrganization, EntityId: UserId, Email: `user${i}@corp.example` }));
    }, emulator, naiveOrganization);

    console.log = log;
    printTable(`(d) ${USERS} users created in parallel, ${THROTTLES} throttled requests per operation (target: 0 failures)`, [
      { variant: 'cdk-workmail handlers (adaptive retry, 10 attempts)', 'wall s': library.seconds.toFixed(1), 'failed': library.failures, 'registered': library.created },
      { variant: 'SDK defaults (standard retry, 3 attempts)', 'wall s': naive.seconds.toFixed(1), 'failed': naive.failures, 'registered': naive.created },
    ]);
  } finally {
    console.log = log;
    await emulator.stop();
  }
}
