/** Entry points of the shared provider: dispatch each event to its resource type's handler. */
import { availabilityConfigurationHandler } from './availability-configuration';
import { domainHandler, domainVerificationHandler } from './domain';
import { groupHandler } from './group';
import { mailboxPermissionHandler } from './mailbox-permission';
import { organizationHandler } from './organization';
import { resourceHandler } from './resource';
import { userHandler } from './user';
import { ResourceType } from '../private/constants';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from './shared/cfn';
import { explain } from './shared/errors';
import { logEvent } from './shared/log';

const HANDLERS: Record<string, ResourceHandler> = {
  [ResourceType.ORGANIZATION]: organizationHandler,
  [ResourceType.DOMAIN]: domainHandler,
  [ResourceType.DOMAIN_VERIFICATION]: domainVerificationHandler,
  [ResourceType.USER]: userHandler,
  [ResourceType.GROUP]: groupHandler,
  [ResourceType.RESOURCE]: resourceHandler,
  [ResourceType.MAILBOX_PERMISSION]: mailboxPermissionHandler,
  [ResourceType.AVAILABILITY_CONFIGURATION]: availabilityConfigurationHandler,
};

export const onEvent = (event: ResourceEvent): Promise<OnEventResult> =>
  dispatch('onEvent', event, (handler) => handler.onEvent(event));

export const isComplete = (event: IsCompleteEvent): Promise<IsCompleteResult> =>
  dispatch('isComplete', event, (handler) => handler.isComplete(event));

/** Logs the event, runs its resource type's handler, and turns failures into actionable messages. */
async function dispatch<R>(
  phase: 'onEvent' | 'isComplete',
  event: ResourceEvent,
  call: (handler: ResourceHandler) => Promise<R>,
): Promise<R> {
  logEvent(phase, event);
  const handler = HANDLERS[event.ResourceType];
  if (!handler) {
    throw new Error(`cdk-workmail has no handler for resource type ${event.ResourceType}: upgrade cdk-workmail to the version that synthesized this stack.`);
  }
  try {
    return await call(handler);
  } catch (error) {
    throw explain(error);
  }
}
