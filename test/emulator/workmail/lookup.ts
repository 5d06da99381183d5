import { ServiceError } from '../operation';
import type { EmulatorContext, Organization } from '../state';

/** True while the organization holds its alias and directory: from creation until it is Deleted. */
export function isLive(organization: Organization): boolean {
  return organization.state !== 'Deleted';
}

/** The organization as DescribeOrganization sees it: any state, until a Describe has reported it Deleted. */
export function requireOrganization(ctx: EmulatorContext, organizationId: string): Organization {
  const organization = ctx.state.organizations.get(organizationId);
  if (organization === undefined || organization.purged) {
    throw new ServiceError('OrganizationNotFoundException', `Organization ${organizationId} does not exist.`);
  }
  return organization;
}

/** For organization-scoped operations: they need an Active organization. */
export function requireActiveOrganization(ctx: EmulatorContext, organizationId: string): Organization {
  const organization = requireOrganization(ctx, organizationId);
  if (organization.state !== 'Active') {
    throw new ServiceError('OrganizationStateException', `Organization ${organizationId} is in state ${organization.state}, not Active.`);
  }
  return organization;
}

/** The live organization a resource ARN names (tagging operations). */
export function requireOrganizationByArn(ctx: EmulatorContext, arn: string): Organization {
  for (const organization of ctx.state.organizations.values()) {
    if (organization.arn === arn && isLive(organization)) {
      return organization;
    }
  }
  throw new ServiceError('ResourceNotFoundException', `Resource ${arn} does not exist.`);
}
