/** `Custom::WorkMailMobileDeviceAccessOverride`: puts (creates or updates) and deletes an override. */
import { deleteOverride, getOverride, putOverride } from './apply';
import { markedDescription, overrideOf, physicalId, planDelete, planPut } from './plan';
import { readOwnerMarker } from '../../private/ownership-properties';
import { MobileDeviceAccessOverrideResourceProperties } from '../../private/rule-properties';
import { OnEventResult, ResourceEvent, ResourceHandler } from '../shared/cfn';
import { deleting } from '../shared/errors';
import { logOperation } from '../shared/log';
import { logLeftAlone, ownerOf, recordMove, settleMarkedMove } from '../shared/ownership';
import { completed } from '../shared/rules';

type Event = ResourceEvent<MobileDeviceAccessOverrideResourceProperties>;

export const mobileDeviceAccessOverrideHandler: ResourceHandler<MobileDeviceAccessOverrideResourceProperties> = {
  async onEvent(event: Event): Promise<OnEventResult> {
    const properties = event.ResourceProperties;
    switch (event.RequestType) {
      case 'Create':
      case 'Update': {
        const current = await getOverride(properties.OrganizationId, properties.UserId, properties.DeviceId);
        const plan = planPut(properties, ownerOf(event), current, event.RequestType === 'Update' ? event.PhysicalResourceId : undefined);
        if (plan.put) {
          if (plan.marked) {
            await recordMove(properties.OrganizationId, physicalId(properties), readOwnerMarker(current?.Description).owner, ownerOf(event), 'override');
          }
          await putOverride(properties, markedDescription(properties, plan.marked ? ownerOf(event) : undefined));
        } else {
          logOperation('workmail', 'PutMobileDeviceAccessOverride', 'skipped: the override holds the properties already');
        }
        return { PhysicalResourceId: plan.physicalId };
      }
      case 'Delete': {
        const override = overrideOf(event.PhysicalResourceId);
        if (override) {
          await deleting(async () => {
            const { organizationId, userId, deviceId, found } = override;
            const decision = planDelete(properties, ownerOf(event), await getOverride(organizationId, userId, deviceId), found);
            const move = await settleMarkedMove(organizationId, physicalId(properties), ownerOf(event));
            if (decision === 'delete' && move.settled === undefined) {
              await deleteOverride(organizationId, userId, deviceId);
              return;
            }
            if (decision === 'delete' && move.settled === 'returned') {
              await putOverride(properties, markedDescription(properties, move.from));
            }
            logLeftAlone('DeleteMobileDeviceAccessOverride', decision === 'delete' ? move.settled! : decision);
          });
        }
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
    }
  },
  isComplete: completed,
};
