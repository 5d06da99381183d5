/**
 * Inbound DMARC enforcement: a per-organization switch. "New Amazon WorkMail organizations have
 * DMARC enforcement turned on by default" (Administrator Guide), so Delete turns it back on.
 */
import { ORGANIZATION_ID_SOURCE } from '../../private/constants';
import { InboundDmarcResourceProperties } from '../../private/settings-properties';
import { parseBoolean } from '../shared/properties';

export const WORKMAIL_DEFAULT_ENFORCED = true;

/** `<organization id>|inbound-dmarc` */
export function physicalId(organizationId: string): string {
  return `${organizationId}|inbound-dmarc`;
}

const PHYSICAL_ID = new RegExp(`^(${ORGANIZATION_ID_SOURCE})\\|inbound-dmarc$`);

/** The organization a physical id names; undefined for any other id (a failed Create). */
export function organizationOf(id: string | undefined): string | undefined {
  return PHYSICAL_ID.exec(id ?? '')?.[1];
}

/** The `Enforced` value each request puts. */
export function enforcedFor(requestType: 'Create' | 'Update' | 'Delete', properties: InboundDmarcResourceProperties): boolean {
  return requestType === 'Delete' ? WORKMAIL_DEFAULT_ENFORCED : parseBoolean('Enforced', properties.Enforced, WORKMAIL_DEFAULT_ENFORCED);
}
