import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { findDuplicates, invalid } from './validation';
import type { IOrganization } from '../interfaces';
import type { IMailEntity } from '../mail-entity';
import { OrganizationContext } from '../organization-context';

/** A resource (room or equipment), created or imported: told by its `resourceId`. */
export function isResource(entity: IMailEntity): boolean {
  return typeof (entity as { resourceId?: unknown }).resourceId === 'string';
}

/** A group, created or imported: told by its `groupId`. */
export function isGroup(entity: IMailEntity): boolean {
  return typeof (entity as { groupId?: unknown }).groupId === 'string';
}

/**
 * Refuses an entity that belongs to another organization (when it knows its organization: an
 * import by id does not): WorkMail links only entities of one organization.
 */
export function checkSameOrganization(scope: IConstruct, property: string, organization: IOrganization, entity: IMailEntity): void {
  const other = (entity as { organization?: IOrganization }).organization;
  if (other !== undefined && OrganizationContext.of(other) !== OrganizationContext.of(organization)) {
    throw invalid(scope, property, entity.node.path,
      `it belongs to organization ${other.node.path}, not to ${organization.node.path}, and WorkMail links only users, groups and resources of one organization: `
      + `use one of ${organization.node.path}`);
  }
}

/** What identifies an entity at synth: its id when known, else its construct (a created entity's id is a token). */
export function entityKey(entity: IMailEntity): string {
  return Token.isUnresolved(entity.entityId) ? entity.node.path : entity.entityId;
}

/**
 * Checks an entity about to join `linked` (a group's members, a resource's delegates): a user or
 * group, of the organization, listed once.
 */
export function validateLink(
  scope: IConstruct, property: string, organization: IOrganization, linked: readonly IMailEntity[], entity: IMailEntity,
): void {
  const what = property.replace(/s$/, '');
  if (isResource(entity)) {
    throw invalid(scope, property, entity.node.path, `a resource (room or equipment) cannot be a ${what}, WorkMail takes users and groups: add a user or group instead`);
  }
  checkSameOrganization(scope, property, organization, entity);
  if (findDuplicates([...linked, entity], (e) => e.entityId).length > 0) {
    throw invalid(scope, property, entity.node.path, `it is already a ${what}: add each ${what} once`);
  }
}
