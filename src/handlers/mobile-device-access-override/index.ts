/** `Custom::WorkMailMobileDeviceAccessOverride`: puts (creates or updates) and deletes an override. */
import { deleteOverride, putOverride } from './apply';
import { overrideOf, physicalId } from './plan';
import { MobileDeviceAccessOverrideResourceProperties } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { completed } from '../shared/rules';

type Event = ResourceEvent<MobileDeviceAccessOverrideResourceProperties>;

export const mobileDeviceAccessOverrideHandler: ResourceHandler<MobileDeviceAccessOverrideResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    switch (event.RequestType) {
      case 'Create':
      case 'Update':
        // An upsert: redelivery writes the same override again.
        await putOverride(event.ResourceProperties);
        return { PhysicalResourceId: physicalId(event.ResourceProperties) };
      case 'Delete': {
        const override = overrideOf(event.PhysicalResourceId);
        if (override) {
          await deleteOverride(override.organizationId, override.userId, override.deviceId);
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};
