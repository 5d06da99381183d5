import { AspectPriority, Aspects, Duration, Lazy, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MAX_ALIASES, MAX_WAIT_SECONDS } from './constants';
import { EntityResourceProperties } from './entity-properties';
import { EMAIL_ADDRESS, findDuplicates, invalid, validateString } from './validation';
import type { IOrganization } from '../interfaces';
import { OrganizationContext } from '../organization-context';

/** The addresses of a user, group or resource. */
export interface EntityAddressesProps {
  readonly organization: IOrganization;
  /** @default - no address (a disabled group) */
  readonly email?: string;
  /** Whether the entity is registered to WorkMail (aliases need it). */
  readonly enabled: boolean;
  /** @default - none */
  readonly aliases?: readonly string[];
}

/**
 * The primary address and aliases of a user or group, validated against WorkMail's rules:
 * the model's address syntax, at most 100 aliases, none twice, none equal to the primary
 * address, aliases only where the entity is registered (WorkMail refuses aliases on
 * disabled entities), and, in an organization the stack creates, only domains it has.
 */
export class EntityAddresses {
  private readonly aliases: string[] = [];
  private readonly context: OrganizationContext;
  private readonly email?: string;
  private readonly enabled: boolean;

  constructor(private readonly scope: IConstruct, props: EntityAddressesProps) {
    this.context = OrganizationContext.of(props.organization);
    this.email = props.email;
    this.enabled = props.enabled;
    validateString(scope, 'email', props.email, EMAIL_ADDRESS);
    if (props.email !== undefined) {
      this.context.claimAddress(scope, 'email', props.email);
    }
    (props.aliases ?? []).forEach((alias) => this.add(alias));
    scope.node.addValidation({ validate: () => this.validate() });
    scope.node.addValidation({ validate: () => this.validateDomains() });
  }

  public add(alias: string): void {
    validateString(this.scope, 'alias', alias, EMAIL_ADDRESS);
    this.context.claimAddress(this.scope, 'alias', alias);
    this.aliases.push(alias);
  }

  /** The shared resource properties. */
  public properties(hidden: boolean | undefined, domainVerificationTimeout: Duration | undefined): Partial<EntityResourceProperties> {
    if (domainVerificationTimeout !== undefined && !domainVerificationTimeout.isUnresolved()
      && (domainVerificationTimeout.toSeconds() > MAX_WAIT_SECONDS)) {
      throw invalid(this.scope, 'domainVerificationTimeout', domainVerificationTimeout.toHumanString(),
        'it must be at most 50 minutes, as CloudFormation waits at most an hour for a resource: deploy again to wait longer');
    }
    return {
      Email: this.email,
      Aliases: Lazy.list({ produce: () => this.aliases }, { omitEmpty: true }),
      HiddenFromGlobalAddressList: hidden?.toString(),
      DomainVerificationTimeout: domainVerificationTimeout?.toSeconds().toString(),
    };
  }

  /**
   * Makes `resource` (the entity's custom resource) wait for the `Domain`s of its addresses, so
   * WorkMail has the domain registered before the address is used. Decided at synth time, when
   * every domain has been added.
   */
  public dependOnDomains(resource: IConstruct): void {
    Aspects.of(resource).add({
      visit: (node) => {
        if (node !== resource) {
          return;
        }
        const domains = this.context.domains.registered;
        for (const { address } of this.all()) {
          const domain = domains.get(domainOf(address));
          if (domain !== undefined) {
            resource.node.addDependency(domain);
          }
        }
      },
    }, { priority: AspectPriority.MUTATING });
  }

  /** The primary address and the aliases, skipping those known only at deploy time. */
  private all(): { property: string; address: string }[] {
    return [
      ...this.email === undefined ? [] : [{ property: 'email', address: this.email }],
      ...this.aliases.map((address) => ({ property: 'alias', address })),
    ].filter(({ address }) => !Token.isUnresolved(address));
  }

  /**
   * WorkMail accepts an address only on the organization's test domain or a domain registered in
   * it. Only an organization created in this stack has domains this app knows all of.
   */
  private validateDomains(): string[] {
    const created = this.context.created;
    if (created === undefined) {
      return [];
    }
    const organization = this.context.organization;
    const alias = Token.isUnresolved(created.alias) ? undefined : created.alias.toLowerCase();
    const testDomain = alias === undefined ? undefined : `${alias}.awsapps.com`;
    const domains = this.context.domains;
    if (domains.unnamed) {
      return [];
    }
    return this.all()
      .filter(({ address }) => {
        const domain = domainOf(address);
        // With the alias a token, any test domain may be this organization's.
        const onTestDomain = testDomain === undefined ? domain.endsWith('.awsapps.com') : domain === testDomain;
        return !onTestDomain && !domains.has(domain);
      })
      .map(({ property, address }) => invalid(this.scope, property, address,
        `organization ${organization.node.path} has no domain ${domainOf(address)}: add a Domain for it `
        + `(organization.addDomain), use the test domain ${testDomain ?? '<alias>.awsapps.com'}, or, if the domain is `
        + 'registered outside CDK, import it with Domain.fromDomainName or import the organization (Organization.fromOrganizationId)').message);
  }

  private validate(): string[] {
    if (this.aliases.length === 0) {
      return [];
    }
    if (!this.enabled || this.email === undefined) {
      return ['aliases need a registered (enabled) entity with an email address: WorkMail refuses aliases on disabled users, groups and resources. Add email (and enabled: true) or drop the aliases'];
    }
    if (this.aliases.length > MAX_ALIASES) {
      return [`at most ${MAX_ALIASES} aliases per user or group (a hard WorkMail quota), got ${this.aliases.length}: remove ${this.aliases.length - MAX_ALIASES}`];
    }
    const lower = (address: string) => address.toLowerCase();
    const [found] = findDuplicates(this.aliases, lower);
    if (found) {
      return [invalid(this.scope, 'aliases', found.duplicate, 'it is listed twice: list each alias once').message];
    }
    const primary = this.email;
    if (!Token.isUnresolved(primary) && this.aliases.some((alias) => lower(alias) === lower(primary))) {
      return [invalid(this.scope, 'aliases', primary, 'the primary email address cannot also be an alias: remove it from aliases').message];
    }
    return [];
  }
}

/** The lower-case domain of an address (WorkMail compares domain names case-insensitively). */
function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
