/** `Custom::WorkMailMobileDeviceAccessOverride`: puts (creates or updates) and deletes an override. */
import { deleteOverride, getOverride, putOverride } from './apply';
import { markedDescription, overrideOf, physicalId, planDelete } from './plan';
import { MobileDeviceAccessOverrideResourceProperties } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { logLeftAlone, ownerOf } from '../shared/ownership';
import { completed } from '../shared/rules';

type Event = ResourceEvent<MobileDeviceAccessOverrideResourceProperties>;

export const mobileDeviceAccessOverrideHandler: ResourceHandler<MobileDeviceAccessOverrideResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const properties = event.ResourceProperties;
    switch (event.RequestType) {
      case 'Create':
      case 'Update':
        // An upsert: redelivery writes the same override again.
        await putOverride(properties, markedDescription(properties, ownerOf(event)));
        return { PhysicalResourceId: physicalId(properties) };
      case 'Delete': {
        const override = overrideOf(event.PhysicalResourceId);
        if (override) {
          await deleting(async () => {
            const { organizationId, userId, deviceId } = override;
            const decision = planDelete(properties, ownerOf(event), await getOverride(organizationId, userId, deviceId));
            if (decision === 'delete') {
              await deleteOverride(organizationId, userId, deviceId);
            } else {
              logLeftAlone('DeleteMobileDeviceAccessOverride', decision);
            }
          });
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};
