import type { IDomain } from '../domain';
import type { IOrganization } from '../organization';

const byOrganization = new WeakMap<IOrganization, MailDomains>();

/**
 * The mail domains this app knows for an organization, by lower-case name (WorkMail compares
 * domain names case-insensitively): the ones it registers with `Domain` and the ones it imports
 * with `Domain.fromDomainName`.
 */
export class MailDomains {
  public static of(organization: IOrganization): MailDomains {
    const domains = byOrganization.get(organization) ?? new MailDomains();
    byOrganization.set(organization, domains);
    return domains;
  }

  /** The `Domain`s that register a domain in the organization. */
  public readonly registered = new Map<string, IDomain>();

  /** Domains registered outside this app, declared with `Domain.fromDomainName`. */
  public readonly imported = new Set<string>();

  /** Whether a `Domain` has a name known only at deploy time: any address may be on it. */
  public unnamed = false;

  private constructor() {}

  public has(name: string): boolean {
    const key = name.toLowerCase();
    return this.registered.has(key) || this.imported.has(key);
  }
}
