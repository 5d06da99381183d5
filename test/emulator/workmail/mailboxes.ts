/**
 * A minimal directory of mailbox owners (users and resources) for the operations that list them.
 * Kept beside the organization state under `mailboxes`, separate from any fuller user/group/resource
 * emulation, so the two can be reconciled: ListUsers and ListResources read this list only.
 */
import { randomUUID } from 'crypto';
import { operation, OperationTable } from '../operation';
import { paginate, PageRequest } from '../pagination';
import type { Organization } from '../state';
import { requireActiveOrganization } from './lookup';

export interface MailboxOwner {
  readonly id: string;
  readonly kind: 'USER' | 'RESOURCE';
  readonly name: string;
  readonly email?: string;
  state: 'ENABLED' | 'DISABLED' | 'DELETED';
  /** USER, SYSTEM_USER or REMOTE_USER for users. */
  readonly userRole?: string;
}

const mailboxes = new WeakMap<Organization, MailboxOwner[]>();

export function mailboxOwners(organization: Organization): MailboxOwner[] {
  let owners = mailboxes.get(organization);
  if (owners === undefined) {
    owners = [];
    mailboxes.set(organization, owners);
  }
  return owners;
}

/** Seeds a user (or resource) with a mailbox; returns its entity id. */
export function addMailboxOwner(organization: Organization, owner: Omit<MailboxOwner, 'id'> & { readonly id?: string }): string {
  const id = owner.id ?? (owner.kind === 'USER' ? randomUUID() : `r-${randomUUID().replace(/-/g, '')}`);
  mailboxOwners(organization).push({ userRole: owner.kind === 'USER' ? 'USER' : undefined, ...owner, id });
  return id;
}

interface ListInput extends PageRequest {
  readonly OrganizationId: string;
  readonly Filters?: {
    readonly State?: string;
    readonly UsernamePrefix?: string;
    readonly NamePrefix?: string;
    readonly PrimaryEmailPrefix?: string;
  };
}

function list(kind: MailboxOwner['kind'], input: ListInput, organization: Organization) {
  const filters = input.Filters ?? {};
  const prefix = filters.UsernamePrefix ?? filters.NamePrefix;
  return paginate(mailboxOwners(organization).filter((owner) => owner.kind === kind
    && (filters.State === undefined || owner.state === filters.State)
    && (prefix === undefined || owner.name.startsWith(prefix))
    && (filters.PrimaryEmailPrefix === undefined || (owner.email ?? '').startsWith(filters.PrimaryEmailPrefix))), input);
}

export const mailboxOwnerOperations: OperationTable = {
  ListUsers: operation<ListInput>((input, ctx) => {
    const page = list('USER', input, requireActiveOrganization(ctx, input.OrganizationId));
    return {
      Users: page.items.map((owner) => ({ Id: owner.id, Name: owner.name, Email: owner.email, State: owner.state, UserRole: owner.userRole })),
      NextToken: page.nextToken,
    };
  }),
  ListResources: operation<ListInput>((input, ctx) => {
    const page = list('RESOURCE', input, requireActiveOrganization(ctx, input.OrganizationId));
    return {
      Resources: page.items.map((owner) => ({ Id: owner.id, Name: owner.name, Email: owner.email, State: owner.state, Type: 'ROOM' })),
      NextToken: page.nextToken,
    };
  }),
};
