import type { IDomain } from '../interfaces';

/**
 * The mail domains this app knows for an organization, by lower-case name (WorkMail compares
 * domain names case-insensitively): the ones it registers with `Domain` and the ones it imports
 * with `Domain.fromDomainName`. Held by the organization's context.
 */
export class MailDomains {
  /** The `Domain`s that register a domain in the organization. */
  public readonly registered = new Map<string, IDomain>();

  /** Domains registered outside this app, declared with `Domain.fromDomainName`. */
  public readonly imported = new Set<string>();

  /** The `Domain` that makes itself the organization's default domain. */
  public defaultDomain?: IDomain;

  /** Whether a `Domain` has a name known only at deploy time: any address may be on it. */
  public unnamed = false;

  public has(name: string): boolean {
    const key = name.toLowerCase();
    return this.registered.has(key) || this.imported.has(key);
  }
}
