/**
 * Mobile device access overrides as pure decisions. WorkMail keys an override by user and
 * device, and device ids ignore case: the physical id `<organization>|<user>|<device, lower case>`
 * stays the same when only the case of the device id changes, so CloudFormation does not delete
 * the override it just rewrote. The override's description carries the resource's owner marker.
 */
import type { GetMobileDeviceAccessOverrideResponse } from '@aws-sdk/client-workmail';
import { withOwnerMarker } from '../../private/ownership-properties';
import { MobileDeviceAccessOverrideResourceProperties, rulePhysicalId } from '../../private/rule-properties';
import { LeftAlone, markedDeletion } from '../shared/ownership';
import { parsePhysicalId } from '../shared/rules';

export function physicalId(properties: MobileDeviceAccessOverrideResourceProperties): string {
  return rulePhysicalId(properties.OrganizationId, properties.UserId, properties.DeviceId.toLowerCase());
}

export function overrideOf(physicalResourceId: string | undefined): { organizationId: string; userId: string; deviceId: string } | undefined {
  const parsed = parsePhysicalId(physicalResourceId, 2);
  return parsed && { organizationId: parsed.organizationId, userId: parsed.key[0], deviceId: parsed.key[1] };
}

/** The description the override is put with: the properties' own, marked with the owner id. */
export function markedDescription(properties: MobileDeviceAccessOverrideResourceProperties, owner: string): string {
  return withOwnerMarker(properties.Description, owner);
}

/**
 * A Delete removes the override only while it holds what this resource put, under its marker.
 * Otherwise it belongs to another resource (a moved construct), to someone else, or was changed
 * outside since: it stays. An override without a marker that holds exactly these properties was
 * written by an earlier version of this resource.
 */
export function planDelete(
  properties: MobileDeviceAccessOverrideResourceProperties,
  owner: string,
  current: Pick<GetMobileDeviceAccessOverrideResponse, 'Effect' | 'Description'> | undefined,
): 'delete' | LeftAlone {
  return markedDeletion(current, (override) => override.Description, owner,
    (override, description) => override.Effect === properties.Effect && description === (properties.Description ?? ''));
}
