/**
 * Mobile device access overrides as pure decisions. WorkMail keys an override by user and
 * device, and device ids ignore case: the physical id `<organization>|<user>|<device, lower case>`
 * stays the same when only the case of the device id changes, so CloudFormation does not delete
 * the override it just rewrote.
 */
import { MobileDeviceAccessOverrideResourceProperties, rulePhysicalId } from '../../private/rule-properties';
import { parsePhysicalId } from '../shared/rules';

export function physicalId(properties: MobileDeviceAccessOverrideResourceProperties): string {
  return rulePhysicalId(properties.OrganizationId, properties.UserId, properties.DeviceId.toLowerCase());
}

export function overrideOf(physicalResourceId: string | undefined): { organizationId: string; userId: string; deviceId: string } | undefined {
  const parsed = parsePhysicalId(physicalResourceId, 2);
  return parsed && { organizationId: parsed.organizationId, userId: parsed.key[0], deviceId: parsed.key[1] };
}
