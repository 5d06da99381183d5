import { operation, OperationTable } from '../operation';
import type { Organization } from '../state';
import { requireActiveOrganization } from './lookup';

/** Organizations whose DMARC enforcement was turned off; "new organizations have DMARC enforcement turned on by default". */
const notEnforced = new WeakSet<Organization>();

export function isDmarcEnforced(organization: Organization): boolean {
  return !notEnforced.has(organization);
}

interface PutInboundDmarcSettingsInput {
  readonly OrganizationId: string;
  readonly Enforced: boolean;
}

export const dmarcOperations: OperationTable = {
  PutInboundDmarcSettings: operation<PutInboundDmarcSettingsInput>((input, ctx) => {
    const organization = requireActiveOrganization(ctx, input.OrganizationId);
    if (input.Enforced) {
      notEnforced.delete(organization);
    } else {
      notEnforced.add(organization);
    }
    return {};
  }),

  DescribeInboundDmarcSettings: operation<{ readonly OrganizationId: string }>((input, ctx) => ({
    Enforced: isDmarcEnforced(requireActiveOrganization(ctx, input.OrganizationId)),
  })),
};
