/**
 * Benchmark (e): wall time of a deployment that creates N users through the provider, simulated
 * against the loopback emulator with a request rate limit per WorkMail operation.
 *
 * What it models:
 * - CloudFormation creates resources that depend on nothing pending in parallel; it documents no
 *   cap, so all N users start at once (the most contention a stack can cause).
 * - Each resource takes the CDK Provider framework's path: the framework's onEvent function invokes
 *   the handler's onEvent phase, then starts the waiter state machine, whose task invokes the
 *   isComplete phase at once and again every `queryInterval` (15 s in the provider) while it
 *   answers false. The Lambda and Step Functions hops themselves are not timed (they add well under
 *   a second a resource).
 * - Every invocation runs a fresh instance of the deployed bundle (assets/provider/handler.lambda),
 *   so it has its own SDK clients and retry state, as each concurrent Lambda invocation has its
 *   own container; it gets the handler function's 5-minute timeout as its deadline. The bundle is
 *   compiled once: containers compile in parallel, this process would do it one after another.
 * - The emulator answers each WorkMail operation at RATE requests a second (a token bucket that
 *   starts full), and throttles the rest.
 * - The handler's environment holds what the provider synthesizes for a stack of the N `User`s
 *   (how many resources it serves), read from the synthesized template.
 *
 * The floor is what the rate limit alone imposes: for the operation the deployment called most,
 * (successful calls - RATE) / RATE seconds. The table also gives the floor of the least any
 * implementation must call, one CreateUser per user, (N - RATE) / RATE.
 */
import { readFileSync } from 'fs';
import Module from 'module';
import { dirname, join } from 'path';
import { performance } from 'perf_hooks';
import { Script } from 'vm';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Organization, User } from '../src';
import { IsCompleteResult, OnEventResult, ResourceEvent } from '../src/handlers/shared/cfn';
import { PROVIDER_RESOURCES_VARIABLE, ResourceType } from '../src/private/constants';
import { WorkMailEmulator } from '../test/emulator';
import { request, run, startEmulator } from '../test/handlers/cloudformation';
import { addVerifiedDomain } from '../test/handlers/directory';
import { printTable } from './report';

const SIZES = [50, 200, 450];
/** Requests per second each WorkMail operation answers. */
const RATE = 20;
/** The provider's `queryInterval`, and its `totalTimeout` less the onEvent phase. */
const QUERY_INTERVAL_MS = 15_000;
const TOTAL_TIMEOUT_MS = 55 * 60_000;
/** The provider handler function's timeout. */
const LAMBDA_TIMEOUT_MS = 5 * 60_000;
const BUNDLE = join(process.cwd(), 'assets/provider/handler.lambda/index.js');

type Handler = (event: unknown, context: { getRemainingTimeInMillis(): number }) => Promise<Record<string, unknown>>;
type ModuleFunction = (exports: unknown, require: (id: string) => unknown, module: Module, filename: string, dirname: string) => void;

/**
 * The bundle, compiled once. Every Lambda container compiles it for itself, in parallel with the
 * others; compiled again for each of 900 invocations on this one event loop (about 6 ms each),
 * it would delay every answer of the emulator that shares the loop.
 */
function compileBundle(code: string): ModuleFunction {
  return new Script(Module.wrap(code), { filename: BUNDLE }).runInThisContext() as ModuleFunction;
}

/** One Lambda invocation: a fresh instance of the bundle, so fresh SDK clients, with the function's timeout. */
function invoke(bundle: ModuleFunction, event: unknown): Promise<Record<string, unknown>> {
  const module = new Module(BUNDLE);
  module.filename = BUNDLE;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(BUNDLE));
  bundle(module.exports, (id) => module.require(id), module, BUNDLE, dirname(BUNDLE));
  const deadline = Date.now() + LAMBDA_TIMEOUT_MS;
  return (module.exports.handler as Handler)(event, { getRemainingTimeInMillis: () => deadline - Date.now() });
}

/** The framework's path for one resource: onEvent, then isComplete until it answers true. */
async function provision(bundle: ModuleFunction, event: ResourceEvent): Promise<void> {
  const started = await invoke(bundle, event) as OnEventResult;
  const waiting = { ...event, ...started, PhysicalResourceId: started.PhysicalResourceId ?? event.RequestId };
  for (let waited = 0; waited <= TOTAL_TIMEOUT_MS; waited += QUERY_INTERVAL_MS) {
    if ((await invoke(bundle, waiting) as unknown as IsCompleteResult).IsComplete) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, QUERY_INTERVAL_MS));
  }
  throw new Error('the waiter timed out');
}

/** The provider function's environment variables for a stack of `users` users, as synthesized. */
function providerEnvironment(organizationId: string, users: number): Record<string, string> {
  const stack = new Stack(new App());
  const organization = Organization.fromOrganizationId(stack, 'Organization', organizationId);
  for (let i = 0; i < users; i++) {
    new User(stack, `User${i}`, { organization, name: `user${i}`, email: `user${i}@corp.example`, displayName: `User ${i}` });
  }
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  const variables = Object.values(functions).map((f) => f.Properties.Environment?.Variables ?? {});
  return variables.find((v) => PROVIDER_RESOURCES_VARIABLE in v)!;
}

interface Deployment {
  /** The provider's count of resources, as its environment tells the handlers. */
  readonly resources: string;
  readonly seconds: number;
  readonly floorSeconds: number;
  readonly floorOperation: string;
  readonly throttled: number;
  /** Throttled responses per user, by operation, the most first. */
  readonly throttledBy: string;
  readonly failures: number;
  readonly errors: string;
}

async function deploy(emulator: WorkMailEmulator, bundle: ModuleFunction, users: number): Promise<Deployment> {
  emulator.reset();
  emulator.setCreationSteps(0);
  const organizationId = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }))).PhysicalResourceId;
  await addVerifiedDomain({ emulator, organizationId }, 'corp.example');
  const environment = providerEnvironment(organizationId, users);
  process.env[PROVIDER_RESOURCES_VARIABLE] = environment[PROVIDER_RESOURCES_VARIABLE];
  emulator.limitRate({ perSecond: RATE });
  const from = emulator.calls.length;
  const startedAt = performance.now();
  const results = await Promise.allSettled(Array.from({ length: users }, (_, i) => provision(bundle, request(ResourceType.USER, 'Create', {
    OrganizationId: organizationId, Name: `user${i}`, Email: `user${i}@corp.example`, Attributes: { DisplayName: `User ${i}` },
  }) as ResourceEvent)));
  const seconds = (performance.now() - startedAt) / 1000;
  delete process.env[PROVIDER_RESOURCES_VARIABLE];
  const calls = emulator.calls.slice(from);
  const succeeded = new Map<string, number>();
  calls.filter((call) => call.error === undefined).forEach((call) => succeeded.set(call.operation, (succeeded.get(call.operation) ?? 0) + 1));
  const [floorOperation, most] = [...succeeded].sort(([, a], [, b]) => b - a)[0];
  const throttledBy = new Map<string, number>();
  calls.filter((call) => call.error === 'ThrottlingException').forEach((call) => throttledBy.set(call.operation, (throttledBy.get(call.operation) ?? 0) + 1));
  const errors = new Map<string, number>();
  results.forEach((result) => {
    if (result.status === 'rejected') {
      const key = (result.reason as Error).name ?? 'Error';
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  });
  return {
    resources: environment[PROVIDER_RESOURCES_VARIABLE],
    seconds,
    floorSeconds: Math.max(0, (most - RATE) / RATE),
    floorOperation: `${floorOperation} x${most}`,
    throttled: calls.filter((call) => call.error === 'ThrottlingException').length,
    throttledBy: [...throttledBy].sort(([, a], [, b]) => b - a).map(([operation, count]) => `${operation} ${(count / users).toFixed(1)}`).join(', ') || '-',
    failures: results.filter((result) => result.status === 'rejected').length,
    errors: [...errors].map(([key, count]) => `${key} x${count}`).join(', ') || '-',
  };
}

export async function deploymentTime(): Promise<void> {
  const bundle = compileBundle(readFileSync(BUNDLE, 'utf8'));
  const emulator = await startEmulator();
  const log = console.log;
  console.log = () => undefined; // the handlers' operation log lines
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const users of SIZES) {
      const result = await deploy(emulator, bundle, users);
      rows.push({
        'users': users,
        [`${PROVIDER_RESOURCES_VARIABLE} (synthesized)`]: result.resources,
        'wall s': result.seconds.toFixed(1),
        'floor s (busiest operation)': `${result.floorSeconds.toFixed(1)} (${result.floorOperation})`,
        'wall / floor': result.floorSeconds > 0 ? (result.seconds / result.floorSeconds).toFixed(2) : '-',
        'wall / floor of one call per user': users > RATE ? (result.seconds / ((users - RATE) / RATE)).toFixed(2) : '-',
        'throttled responses per user': (result.throttled / users).toFixed(1),
        'by operation': result.throttledBy,
        'failures': result.failures,
        'errors': result.errors,
      });
    }
  } finally {
    console.log = log;
    await emulator.stop();
  }
  printTable(`(e) deployment of N users through the provider: all started at once, one bundle instance (own SDK clients) per invocation, `
    + `each WorkMail operation answering ${RATE} requests/s (targets: wall <= 1.5x the floor, <= 2 throttled responses per user, 0 failures)`, rows);
}
