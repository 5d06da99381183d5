import { ServiceError } from '../operation';
import type { EmulatorContext, Entity, Organization } from '../state';

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

/**
 * The user a `UserId`/`TargetUser` names in one of the formats the model lists: the user id, an
 * email address (primary or alias) or the user name. Not a user: EntityNotFoundException;
 * deleted: EntityStateException.
 */
export function requireUser(organization: Organization, identifier: string): Entity {
  const user = findUser(organization, identifier);
  if (user === undefined) {
    throw new ServiceError('EntityNotFoundException', `User ${identifier} does not exist in organization ${organization.organizationId}.`);
  }
  if (user.state === 'DELETED') {
    throw new ServiceError('EntityStateException', `User ${identifier} is deleted.`);
  }
  return user;
}

/** The user an identifier names (see {@link requireUser}), deleted ones included when named by id. */
export function findUser(organization: Organization, identifier: string): Entity | undefined {
  const key = identifier.toLowerCase();
  const live = [...organization.entities.values()].filter((entity) => entity.state !== 'DELETED');
  const entity = organization.entities.get(identifier)
    ?? live.find((candidate) => candidate.name.toLowerCase() === key)
    ?? organization.entities.get(organization.addresses.get(key) ?? '');
  return entity?.kind === 'USER' ? entity : undefined;
}
