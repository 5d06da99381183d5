/** `Custom::WorkMailEmailMonitoring`: an organization's email event logging configuration. */
import { apply, currentConfiguration } from './apply';
import { Configuration, Operation, parseSettings, planCreate, planDelete, planRecord, planRestore, planUpdate, RECORD_TAG } from './plan';
import { EmailMonitoringResourceProperties } from '../../private/email-monitoring-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { adoptionRefused, adoptsExisting, logLeftAlone, ownerOf, readOwnerTag, removeOwnerTag, settleMove, writeOwnerTag } from '../shared/ownership';

type Event = ResourceEvent<EmailMonitoringResourceProperties>;

export const emailMonitoringHandler: ResourceHandler<EmailMonitoringResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const region = process.env.AWS_REGION ?? '';
    const settings = parseSettings(event.ResourceProperties);
    switch (event.RequestType) {
      case 'Create': {
        const current = await currentConfiguration(settings.organizationId);
        // Planned (a log group of another region refused) before anything is recorded.
        const plan = planCreate(settings, region, current);
        await record(event, current);
        await runAll(plan);
        return { PhysicalResourceId: settings.organizationId };
      }
      case 'Update': {
        const plan = planUpdate(settings, region);
        // Another organization is taken over like a Create; CloudFormation then deletes the old one.
        if (event.PhysicalResourceId !== settings.organizationId) {
          await record(event, await currentConfiguration(settings.organizationId));
        }
        await runAll(plan);
        return { PhysicalResourceId: settings.organizationId };
      }
      case 'Delete':
        if (planDelete(event.PhysicalResourceId).length > 0) {
          // An organization that is gone has no configuration left to remove.
          await deleting(() => restore(event));
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  // PutEmailMonitoringConfiguration and DeleteEmailMonitoringConfiguration take effect at once.
  async isComplete(): Promise<IsCompleteResult> {
    return { IsComplete: true };
  },
};

/** Records the owner and what the organization has (`current`), refusing what it may not take over. */
async function record(event: Event, current: Configuration | undefined): Promise<void> {
  const organizationId = event.ResourceProperties.OrganizationId;
  const plan = planRecord(await readOwnerTag(organizationId, RECORD_TAG), ownerOf(event), current, adoptsExisting(event.ResourceProperties));
  if (plan === 'refuse') {
    throw adoptionRefused(
      `The email event logging configuration of organization ${organizationId}${current ? ` (to log group ${current.logGroupArn})` : ''}`,
      'EmailEventLogging',
      'leave EmailEventLogging out of the stack; the organization keeps its configuration',
    );
  }
  await writeOwnerTag(organizationId, RECORD_TAG, plan);
}

/** Puts back what the resource found, while the configuration is still its own; then its record goes. */
async function restore(event: Event): Promise<void> {
  const settings = parseSettings(event.ResourceProperties);
  const organizationId = event.PhysicalResourceId!;
  const recorded = await readOwnerTag(organizationId, RECORD_TAG);
  const moved = await settleMove(organizationId, RECORD_TAG, recorded, ownerOf(event));
  if (moved !== undefined) {
    logLeftAlone('DeleteEmailMonitoringConfiguration', moved);
    return;
  }
  const plan = planRestore(recorded, ownerOf(event), { ...settings, organizationId }, await currentConfiguration(organizationId));
  if (typeof plan === 'string') {
    logLeftAlone('DeleteEmailMonitoringConfiguration', plan);
  } else {
    await runAll(plan);
  }
  if (recorded !== undefined && plan !== 'stack' && plan !== 'other') {
    await removeOwnerTag(organizationId, RECORD_TAG);
  }
}

async function runAll(plan: Operation[]): Promise<void> {
  for (const operation of plan) {
    await apply(operation);
  }
}
