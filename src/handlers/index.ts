/** Entry points of the shared provider: dispatch each event to its resource type's handler. */
import { emailMonitoringHandler } from './email-monitoring';
import { organizationHandler } from './organization';
import { ResourceType } from '../private/constants';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from './shared/cfn';
import { explain } from './shared/errors';
import { logEvent } from './shared/log';

const HANDLERS: Record<string, ResourceHandler> = {
  [ResourceType.ORGANIZATION]: organizationHandler,
  [ResourceType.EMAIL_MONITORING]: emailMonitoringHandler,
};

export async function onEvent(event: ResourceEvent): Promise<OnEventResult> {
  logEvent('onEvent', event);
  try {
    return await handlerFor(event).onEvent(event);
  } catch (error) {
    throw explain(error);
  }
}

export async function isComplete(event: IsCompleteEvent): Promise<IsCompleteResult> {
  logEvent('isComplete', event);
  try {
    return await handlerFor(event).isComplete(event);
  } catch (error) {
    throw explain(error);
  }
}

function handlerFor(event: ResourceEvent): ResourceHandler {
  const handler = HANDLERS[event.ResourceType];
  if (!handler) {
    throw new Error(`cdk-workmail has no handler for resource type ${event.ResourceType}: upgrade cdk-workmail to the version that synthesized this stack.`);
  }
  return handler;
}
