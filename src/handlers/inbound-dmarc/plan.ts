/**
 * Inbound DMARC enforcement: a per-organization switch. "New Amazon WorkMail organizations have
 * DMARC enforcement turned on by default" (Administrator Guide), so Delete turns it back on.
 */
import { InboundDmarcResourceProperties } from '../../private/settings-properties';
import { parseBoolean } from '../shared/properties';
import { parsePhysicalId } from '../shared/rules';

export const WORKMAIL_DEFAULT_ENFORCED = true;

const MARKER = 'inbound-dmarc';

/** `<organization id>|inbound-dmarc` */
export function physicalId(organizationId: string): string {
  return `${organizationId}|${MARKER}`;
}

/** The organization a physical id names; undefined for any other id (a failed Create). */
export function organizationOf(id: string | undefined): string | undefined {
  const parsed = parsePhysicalId(id, 1);
  return parsed?.key[0] === MARKER ? parsed.organizationId : undefined;
}

/** The `Enforced` value each request puts. */
export function enforcedFor(requestType: 'Create' | 'Update' | 'Delete', properties: InboundDmarcResourceProperties): boolean {
  return requestType === 'Delete' ? WORKMAIL_DEFAULT_ENFORCED : parseBoolean('Enforced', properties.Enforced, WORKMAIL_DEFAULT_ENFORCED);
}
