import { ResourceEvent } from './cfn';

/**
 * Structured log lines. Only identifiers and operation names are ever logged: never
 * `ResourceProperties`, request inputs or responses, which can carry personal data.
 */
export function logEvent(phase: 'onEvent' | 'isComplete', event: ResourceEvent<unknown>): void {
  log({
    phase,
    requestType: event.RequestType,
    resourceType: event.ResourceType,
    logicalResourceId: event.LogicalResourceId,
    physicalResourceId: event.PhysicalResourceId,
  });
}

export function logOperation(service: string, operation: string, outcome: string): void {
  log({ service, operation, outcome });
}

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify(entry));
}
