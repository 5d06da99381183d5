/**
 * Inbound DMARC enforcement: a per-organization switch, as pure decisions. "New Amazon WorkMail
 * organizations have DMARC enforcement turned on by default" (Administrator Guide). The switch
 * keeps nothing that could name its owner, so the resource records itself and the value it found
 * in the organization tag `cdk-workmail:inbound-dmarc` (`<owner id> <true|false>`), before it
 * first writes; Delete puts that value back.
 */
import { InboundDmarcResourceProperties } from '../../private/settings-properties';
import { LeftAlone, ownership, OwnerTag, takeOver } from '../shared/ownership';
import { parseBoolean } from '../shared/properties';
import { parsePhysicalId } from '../shared/rules';

export const WORKMAIL_DEFAULT_ENFORCED = true;

const MARKER = 'inbound-dmarc';

/** The organization tag (after `cdk-workmail:`) that records the owner and the value found. */
export const RECORD_TAG = MARKER;

/** `<organization id>|inbound-dmarc` */
export function physicalId(organizationId: string): string {
  return `${organizationId}|${MARKER}`;
}

/** The organization a physical id names; undefined for any other id (a failed Create). */
export function organizationOf(id: string | undefined): string | undefined {
  const parsed = parsePhysicalId(id, 1);
  return parsed?.key[0] === MARKER ? parsed.organizationId : undefined;
}

/** The `Enforced` value the properties ask for. */
export function enforcedOf(properties: InboundDmarcResourceProperties): boolean {
  return parseBoolean('Enforced', properties.Enforced, WORKMAIL_DEFAULT_ENFORCED);
}

/**
 * The record a Create writes before it puts the value, or 'refuse'. Its own record (a
 * redelivery) and the stack's (a construct moved to a new logical id) keep the value first
 * found. Without `adopt`, a value someone else set (not WorkMail's default), or another stack's
 * record, is refused.
 */
export function planCreate(record: OwnerTag | undefined, owner: string, current: boolean, adopt: boolean): OwnerTag | 'refuse' {
  const found = ownership(record?.owner, owner);
  if (found === 'mine' || found === 'stack' || (found === 'other' && adopt)) {
    return takeOver(record, owner, record!.payload);
  }
  if (found === 'other' || (current !== WORKMAIL_DEFAULT_ENFORCED && !adopt)) {
    return 'refuse';
  }
  return { owner, payload: String(current) };
}

/**
 * What a Delete puts back: the recorded value, while the switch still holds what the resource
 * wrote; nothing when it was changed outside since or the record is another resource's. A
 * resource of an older version has no record: it turns WorkMail's default back on. A switch
 * that already holds that value (adopted as it was) is not written.
 */
export function planDelete(record: OwnerTag | undefined, owner: string, desired: boolean, current: boolean): { readonly put?: boolean } | LeftAlone {
  const found = ownership(record?.owner, owner);
  if (found === 'stack' || found === 'other') {
    return found;
  }
  if (current !== desired) {
    return 'changed';
  }
  const value = found === 'mine' ? record!.payload === 'true' : WORKMAIL_DEFAULT_ENFORCED;
  return value === current ? {} : { put: value };
}
