/** Entry points of the shared provider: dispatch each event to its resource type's handler. */
import type { Context } from 'aws-lambda';
import { accessControlRuleHandler } from './access-control-rule';
import { availabilityConfigurationHandler } from './availability-configuration';
import { defaultRuleRemovalHandler } from './default-rule-removal';
import { domainHandler, domainVerificationHandler } from './domain';
import { emailMonitoringHandler } from './email-monitoring';
import { groupHandler } from './group';
import { identityProviderHandler } from './identity-provider';
import { impersonationRoleHandler } from './impersonation-role';
import { inboundDmarcHandler } from './inbound-dmarc';
import { mailboxExportHandler } from './mailbox-export';
import { mailboxPermissionHandler } from './mailbox-permission';
import { mobileDeviceAccessOverrideHandler } from './mobile-device-access-override';
import { mobileDeviceAccessRuleHandler } from './mobile-device-access-rule';
import { organizationHandler } from './organization';
import { resourceHandler } from './resource';
import { retentionPolicyHandler } from './retention-policy';
import { IsCompleteEvent, IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from './shared/cfn';
import { explain } from './shared/errors';
import { logEvent } from './shared/log';
import { isThrottling, retryUntil } from './shared/retry';
import { userHandler } from './user';
import { ResourceType } from '../private/constants';

const HANDLERS: Record<string, ResourceHandler> = {
  [ResourceType.ORGANIZATION]: organizationHandler,
  [ResourceType.DOMAIN]: domainHandler,
  [ResourceType.DOMAIN_VERIFICATION]: domainVerificationHandler,
  [ResourceType.RETENTION_POLICY]: retentionPolicyHandler,
  [ResourceType.INBOUND_DMARC_SETTINGS]: inboundDmarcHandler,
  [ResourceType.MAILBOX_EXPORT]: mailboxExportHandler,
  [ResourceType.EMAIL_MONITORING]: emailMonitoringHandler,
  [ResourceType.ACCESS_CONTROL_RULE]: accessControlRuleHandler,
  [ResourceType.IMPERSONATION_ROLE]: impersonationRoleHandler,
  [ResourceType.MOBILE_DEVICE_ACCESS_RULE]: mobileDeviceAccessRuleHandler,
  [ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE]: mobileDeviceAccessOverrideHandler,
  [ResourceType.DEFAULT_RULE_REMOVAL]: defaultRuleRemovalHandler,
  [ResourceType.USER]: userHandler,
  [ResourceType.GROUP]: groupHandler,
  [ResourceType.RESOURCE]: resourceHandler,
  [ResourceType.MAILBOX_PERMISSION]: mailboxPermissionHandler,
  [ResourceType.AVAILABILITY_CONFIGURATION]: availabilityConfigurationHandler,
  [ResourceType.IDENTITY_PROVIDER]: identityProviderHandler,
};

/**
 * The provider's single function serves both of the framework's phases, which saves a function
 * per stack. The framework calls isComplete with the onEvent event merged with onEvent's answer,
 * so onEvent's answer carries a marker that tells the second phase from the first.
 */
export const WAITING_MARKER = 'CdkWorkMailWaiting';

/** Kept back from the Lambda timeout to explain and answer after the last call gives up. */
const ANSWER_MARGIN_MS = 10_000;

export async function handleProviderEvent(
  event: ResourceEvent | WaitingEvent,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<WaitingResult | IsCompleteResult> {
  // CloudFormation starts the onEvent phase of every resource that waits for nothing at once.
  retryUntil(context && Date.now() + context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS, !(WAITING_MARKER in event));
  if (WAITING_MARKER in event) {
    return isComplete(event);
  }
  return { ...await onEvent(event), [WAITING_MARKER]: true };
}

type WaitingEvent = IsCompleteEvent & { readonly [WAITING_MARKER]: true };
type WaitingResult = OnEventResult & { readonly [WAITING_MARKER]: true };

export const onEvent = (event: ResourceEvent): Promise<OnEventResult> =>
  dispatch('onEvent', event, (handler) => handler.onEvent(event));

/** Throttling while waiting fails nothing: the waiter asks again 15 seconds later. */
export const isComplete = (event: IsCompleteEvent): Promise<IsCompleteResult> =>
  dispatch('isComplete', event, async (handler) => {
    try {
      return await handler.isComplete(event);
    } catch (error) {
      if (isThrottling(error)) {
        return { IsComplete: false };
      }
      throw error;
    }
  });

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
