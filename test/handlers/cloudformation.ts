/**
 * Drives the provider's handler through CloudFormation lifecycles the way the CDK Provider
 * framework does: the onEvent phase once, then the isComplete phase with the event merged with
 * onEvent's answer until it says complete, merging their Data.
 */
import { handleProviderEvent } from '../../src/handlers';
import { IsCompleteResult, OnEventResult, ResourceEvent } from '../../src/handlers/shared/cfn';
import { WorkMailEmulator } from '../emulator';

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

/** Runs one request to completion, as the framework would (bounded like its total timeout). */
export async function run<P>(event: ResourceEvent<P>, maxPolls = 20): Promise<Outcome> {
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
  const emulator = await WorkMailEmulator.start();
  Object.assign(process.env, emulator.environment);
  return emulator;
}
