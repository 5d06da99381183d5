/** `Custom::WorkMailEmailMonitoring`: an organization's email event logging configuration. */
import { apply } from './apply';
import { Operation, parseSettings, planCreate, planDelete, planUpdate } from './plan';
import { EmailMonitoringResourceProperties } from '../../private/email-monitoring-properties';
import { IsCompleteResult, OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';

type Event = ResourceEvent<EmailMonitoringResourceProperties>;

export const emailMonitoringHandler: ResourceHandler<EmailMonitoringResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const region = process.env.AWS_REGION ?? '';
    switch (event.RequestType) {
      case 'Create': {
        const settings = parseSettings(event.ResourceProperties);
        await runAll(planCreate(settings, region));
        return { PhysicalResourceId: settings.organizationId };
      }
      case 'Update': {
        const settings = parseSettings(event.ResourceProperties);
        await runAll(planUpdate(settings, region));
        return { PhysicalResourceId: settings.organizationId };
      }
      case 'Delete':
        await runAll(planDelete(event.PhysicalResourceId));
        return { PhysicalResourceId: event.PhysicalResourceId };
    }
  },

  // PutEmailMonitoringConfiguration and DeleteEmailMonitoringConfiguration take effect at once.
  async isComplete(): Promise<IsCompleteResult> {
    return { IsComplete: true };
  },
};

async function runAll(plan: Operation[]): Promise<void> {
  for (const operation of plan) {
    await apply(operation);
  }
}
