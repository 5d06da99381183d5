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
import { MarkedPut, parseFound, parsePhysicalId, planMarkedPut } from '../shared/rules';

export function physicalId(properties: MobileDeviceAccessOverrideResourceProperties): string {
  return rulePhysicalId(properties.OrganizationId, properties.UserId, properties.DeviceId.toLowerCase());
}

/** The override a physical id names, and whether it was found unchanged; undefined after a failed Create. */
export function overrideOf(
  physicalResourceId: string | undefined,
): { organizationId: string; userId: string; deviceId: string; found: boolean } | undefined {
  const { id, found } = parseFound(physicalResourceId, 2);
  const parsed = parsePhysicalId(id, 2);
  return parsed && { organizationId: parsed.organizationId, userId: parsed.key[0], deviceId: parsed.key[1], found };
}

/** The description the override is put with: the properties' own, marked with the owner id. */
export function markedDescription(properties: MobileDeviceAccessOverrideResourceProperties, owner: string): string {
  return withOwnerMarker(properties.Description, owner);
}

type Override = Pick<GetMobileDeviceAccessOverrideResponse, 'Effect' | 'Description'>;

/** Whether `override` (its description without the owner marker) holds exactly the properties. */
function holdsProperties(properties: MobileDeviceAccessOverrideResourceProperties, override: Override, description: string): boolean {
  return override.Effect === properties.Effect && description === (properties.Description ?? '');
}

/** What a Create or Update does with the override of its user and device (see {@link planMarkedPut}). */
export function planPut(
  properties: MobileDeviceAccessOverrideResourceProperties,
  owner: string,
  current: Override | undefined,
  updatedId?: string,
): MarkedPut {
  return planMarkedPut(physicalId(properties), updatedId, owner, current, (override) => override.Description,
    (override, description) => holdsProperties(properties, override, description));
}

/**
 * A Delete removes the override only while it holds what this resource put, under its marker.
 * Otherwise it belongs to another resource (a moved construct), to someone else, or was changed
 * outside since: it stays. An override without a marker that holds exactly these properties
 * stays when the resource found it so (`found`), and is otherwise one an earlier version of this
 * resource wrote.
 */
export function planDelete(
  properties: MobileDeviceAccessOverrideResourceProperties,
  owner: string,
  current: Override | undefined,
  found = false,
): 'delete' | LeftAlone {
  return markedDeletion(current, (override) => override.Description, owner,
    (override, description) => holdsProperties(properties, override, description), found);
}
