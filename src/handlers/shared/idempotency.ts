import { createHash } from 'crypto';
import { ResourceEvent } from './cfn';

/**
 * A client token that is the same for every delivery of one CloudFormation request and
 * different for every other request. The SDK would otherwise invent a random token per call,
 * and a re-delivered Create would make a second organization.
 */
export function clientToken(event: ResourceEvent<unknown>): string {
  return createHash('sha256')
    .update(`${event.StackId}\n${event.LogicalResourceId}\n${event.RequestId}`)
    .digest('hex')
    .slice(0, 64);
}
