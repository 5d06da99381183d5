/**
 * Drives the provider's handler through CloudFormation lifecycles the way the CDK Provider
 * framework does: the onEvent phase once, then the isComplete phase with the event merged with
 * onEvent's answer until it says complete, merging their Data.
 */
import { handleProviderEvent } from '../../src/handlers';
import { IsCompleteResult, OnEventResult, ResourceEvent } from '../../src/handlers/shared/cfn';
import { ResourceType } from '../../src/private/constants';
import { ACCOUNT_WORKMAIL_ACTIONS, WORKMAIL_ACTIONS } from '../../src/private/workmail-actions';
import { WorkMailEmulator } from '../emulator';
import { RecordedCall } from '../emulator/server';

export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Mail/1';

let requests = 0;

/** A CloudFormation request; each call gets a new RequestId unless one is given (redelivery). */
export function request<P>(
  resourceType: string,
  requestType: ResourceEvent['RequestType'],
  props: P,
  extra: Partial<ResourceEvent<P>> = {},
): ResourceEvent<P> {
  return {
    RequestType: requestType,
    ResourceType: resourceType,
    LogicalResourceId: 'Resource',
    StackId: STACK_ID,
    RequestId: `request-${++requests}`,
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider', ...props },
    ...extra,
  };
}

export interface Outcome {
  readonly PhysicalResourceId: string;
  readonly Data: Record<string, string>;
  /** How many times isComplete was called. */
  readonly polls: number;
}

/**
 * Runs one request to completion, as the framework would (bounded like its total timeout), and
 * fails when the handler called a WorkMail operation its resource type's entry of
 * `WORKMAIL_ACTIONS` lacks: the provider's role would refuse it.
 */
export async function run<P>(event: ResourceEvent<P>, maxPolls = 20): Promise<Outcome> {
  const from = emulator?.calls.length ?? 0;
  try {
    return await runToCompletion(event, maxPolls);
  } finally {
    const ungranted = ungrantedOperations(event.ResourceType, emulator?.calls.slice(from) ?? []);
    if (ungranted.length > 0) {
      // Thrown from finally, this replaces the request's own outcome: the table must grow first.
      // eslint-disable-next-line no-unsafe-finally
      throw new Error(`${event.ResourceType} handler called WorkMail ${ungranted.join(', ')}, missing from WORKMAIL_ACTIONS in src/private/workmail-actions.ts`);
    }
  }
}

/**
 * The WorkMail operations among `calls` that the provider does not grant for `resourceType`. The
 * organization's own calls are granted by `Organization` (src/organization.ts), not by the table.
 */
export function ungrantedOperations(resourceType: string, calls: readonly RecordedCall[]): string[] {
  if (resourceType === ResourceType.ORGANIZATION) {
    return [];
  }
  const granted = [...WORKMAIL_ACTIONS[resourceType] ?? [], ...ACCOUNT_WORKMAIL_ACTIONS[resourceType] ?? []];
  const operations = calls.filter((call) => call.service === 'workmail').map((call) => call.operation);
  return [...new Set(operations)].filter((operation) => !granted.includes(`workmail:${operation}`));
}

async function runToCompletion<P>(event: ResourceEvent<P>, maxPolls: number): Promise<Outcome> {
  const started = await handleProviderEvent(event as ResourceEvent) as OnEventResult;
  const physicalResourceId = started.PhysicalResourceId ?? event.PhysicalResourceId ?? event.RequestId;
  const waiting = { ...(event as ResourceEvent), ...started, PhysicalResourceId: physicalResourceId } as Parameters<typeof handleProviderEvent>[0];
  for (let polls = 1; polls <= maxPolls; polls++) {
    const progress = await handleProviderEvent(waiting) as IsCompleteResult;
    if (progress.IsComplete) {
      return { PhysicalResourceId: physicalResourceId, Data: { ...started.Data, ...progress.Data }, polls };
    }
  }
  throw new Error(`isComplete never completed after ${maxPolls} polls (the framework would time out)`);
}

/** Starts the emulator and points the handlers' SDK clients at it. */
export async function startEmulator(): Promise<WorkMailEmulator> {
  emulator = await WorkMailEmulator.start();
  Object.assign(process.env, emulator.environment);
  return emulator;
}

/** The emulator the handlers talk to, whose calls `run` checks against the granted actions. */
let emulator: WorkMailEmulator | undefined;
