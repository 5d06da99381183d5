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
import { contentDigest, MarkedPut, parseFound, parsePhysicalId, planMarkedPut } from '../shared/rules';

export function physicalId(properties: MobileDeviceAccessOverrideResourceProperties): string {
  return rulePhysicalId(properties.OrganizationId, properties.UserId, properties.DeviceId.toLowerCase());
}

/**
 * The override a physical id names, and the digest of the content it was found with, if it was;
 * undefined after a failed Create.
 */
export function overrideOf(
  physicalResourceId: string | undefined,
): { organizationId: string; userId: string; deviceId: string; found?: string } | undefined {
  const { id, found } = parseFound(physicalResourceId, 2);
  const parsed = parsePhysicalId(id, 2);
  return parsed && { organizationId: parsed.organizationId, userId: parsed.key[0], deviceId: parsed.key[1], ...found && { found } };
}

/**
 * The description the override is put with: the properties' own, marked with the owner id;
 * without an owner, as the organization had it when the resource found it.
 */
export function markedDescription(properties: MobileDeviceAccessOverrideResourceProperties, owner: string | undefined): string | undefined {
  return owner === undefined ? properties.Description || undefined : withOwnerMarker(properties.Description, owner);
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
    (override, description) => holdsProperties(properties, override, description), content(properties));
}

/** The override's content in a canonical form, as a found mark records it (user and device are in the id). */
function content(properties: MobileDeviceAccessOverrideResourceProperties): string {
  return JSON.stringify([properties.Effect, properties.Description ?? '']);
}

/**
 * A Delete removes the override only while it holds what this resource put, under its marker.
 * Otherwise it belongs to another resource (a moved construct), to someone else, or was changed
 * outside since: it stays. An override that holds these properties stays when they are the
 * content the resource found it with (`found`, the digest its physical id records).
 */
export function planDelete(
  properties: MobileDeviceAccessOverrideResourceProperties,
  owner: string,
  current: Override | undefined,
  found?: string,
): 'delete' | LeftAlone {
  return markedDeletion(current, (override) => override.Description, owner,
    (override, description) => holdsProperties(properties, override, description), found === contentDigest(content(properties)));
}
