import { Duration, Lazy, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MAX_ALIASES } from './constants';
import { EntityResourceProperties } from './entity-properties';
import { EMAIL_ADDRESS, invalid, validateString, validateUnique } from './validation';

/**
 * The longest wait for a domain to be verified: it must end, with an explanation, before the
 * provider framework gives up on the resource (55 minutes).
 */
const MAX_DOMAIN_VERIFICATION_TIMEOUT = Duration.minutes(50);

/**
 * The primary address and aliases of a user or group, validated against WorkMail's rules:
 * the model's address syntax, at most 100 aliases, none twice, none equal to the primary
 * address, and aliases only where the entity is registered (WorkMail refuses aliases on
 * disabled entities).
 */
export class EntityAddresses {
  private readonly aliases: string[] = [];

  constructor(
    private readonly scope: IConstruct,
    private readonly email: string | undefined,
    private readonly enabled: boolean,
    aliases: readonly string[] = [],
  ) {
    validateString(scope, 'email', email, EMAIL_ADDRESS);
    aliases.forEach((alias) => this.add(alias));
    scope.node.addValidation({ validate: () => this.validate() });
  }

  public add(alias: string): void {
    validateString(this.scope, 'alias', alias, EMAIL_ADDRESS);
    this.aliases.push(alias);
  }

  /** The shared resource properties. */
  public properties(hidden: boolean | undefined, domainVerificationTimeout: Duration | undefined): Partial<EntityResourceProperties> {
    if (domainVerificationTimeout !== undefined && !domainVerificationTimeout.isUnresolved()
      && (domainVerificationTimeout.toSeconds() > MAX_DOMAIN_VERIFICATION_TIMEOUT.toSeconds())) {
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

  private validate(): string[] {
    if (this.aliases.length === 0) {
      return [];
    }
    if (!this.enabled || this.email === undefined) {
      return ['aliases need a registered (enabled) entity with an email address: WorkMail refuses aliases on disabled users and groups. Add email (and enabled: true) or drop the aliases'];
    }
    if (this.aliases.length > MAX_ALIASES) {
      return [`at most ${MAX_ALIASES} aliases per user or group (a hard WorkMail quota), got ${this.aliases.length}: remove ${this.aliases.length - MAX_ALIASES}`];
    }
    const lower = (address: string) => address.toLowerCase();
    validateUnique(this.scope, 'aliases', this.aliases, lower);
    const primary = this.email;
    if (!Token.isUnresolved(primary) && this.aliases.some((alias) => lower(alias) === lower(primary))) {
      throw invalid(this.scope, 'aliases', primary, 'the primary email address cannot also be an alias: remove it from aliases');
    }
    return [];
  }
}
