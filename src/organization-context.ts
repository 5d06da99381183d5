import { Names, Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import type { IOrganization } from './interfaces';
import { MailDomains } from './private/mail-domains';
import { invalid } from './private/validation';
import { RuleRegistry } from './rule-registry';

/**
 * What the app declares for one organization, checked across constructs at synth: its rules
 * and their limits, its domains and default domain, the names and addresses of its users, groups
 * and resources, and the settings WorkMail keeps once per organization.
 *
 * One per organization id and stack, found with `tryFindChild`: imports of the same id, and the
 * organization created in the stack, share it. Per-organization children (the provider's policy,
 * the email flow engine) are named after its `uniqueId`.
 */
export class OrganizationContext extends Construct {
  /** The context of `organization`, created on first use. */
  public static of(organization: IOrganization): OrganizationContext {
    const stack = Stack.of(organization);
    const organizationId = organization.organizationId;
    // An organization created in the stack has an id known only at deploy time: its construct is the key.
    const key = Token.isUnresolved(organizationId) ? Names.nodeUniqueId(organization.node) : organizationId;
    const id = `WorkMailOrganization${key}`;
    const existing = stack.node.tryFindChild(id);
    return existing instanceof OrganizationContext ? existing : new OrganizationContext(stack, id, organization, key);
  }

  /** The organization construct that first used the context: messages name its path. */
  public readonly organization: IOrganization;

  /** Names the organization's children in other constructs (the first construct's unique id keeps logical ids stable). */
  public readonly uniqueId: string;

  /** The access control rules, mobile device access rules and overrides. */
  public readonly rules = new RuleRegistry();

  /** The mail domains. */
  public readonly domains = new MailDomains();

  /** Set by an organization created in this app: only then does the app know all its domains. */
  public created?: { readonly alias: string };

  /** The organization id, or for an organization created in the app its construct's unique id. */
  private readonly key: string;

  private constructor(scope: Construct, id: string, organization: IOrganization, key: string) {
    super(scope, id);
    this.organization = organization;
    this.key = key;
    this.uniqueId = Names.nodeUniqueId(organization.node);
    this.node.addValidation({ validate: () => this.rules.validate() });
  }

  /**
   * Claims a user, group or resource name: WorkMail refuses a second entity with a name that
   * differs only in case from another's.
   */
  public claimName(entity: IConstruct, name: string): void {
    this.claim('name', entity, 'name', name, (first) =>
      `${first.node.path} already has this name in organization ${this.organization.node.path}, and WorkMail compares user, group and resource names without regard to case: `
      + 'give each user, group and resource of the organization its own name');
  }

  /**
   * Claims an email address (a primary address or an alias): an address delivers to one entity
   * of the organization.
   */
  public claimAddress(entity: IConstruct, property: string, address: string): void {
    this.claim('address', entity, property, address, (first) =>
      `${first.node.path} already uses this address (WorkMail compares addresses without regard to case) in organization ${this.organization.node.path}, `
      + 'and an address delivers to one user, group or resource: choose another address, or add it to one entity only');
  }

  /**
   * Claims something WorkMail keeps once per organization (or once per `key`, such as an
   * availability configuration per domain): a second construct would overwrite the first.
   */
  public claimSetting(construct: IConstruct, setting: string, key: string, fix: string): void {
    this.claim('setting', construct, setting, `${setting} ${key}`, (first) =>
      `${first.node.path} already manages it for organization ${this.organization.node.path}, and WorkMail keeps one: ${fix}`, key);
  }

  /**
   * Claims are kept by the app, under the organization's key: stacks that import one organization
   * claim in one place.
   */
  private claim(kind: string, construct: IConstruct, property: string, value: string, message: (first: IConstruct) => string, shown = value): void {
    if (Token.isUnresolved(value)) {
      return;
    }
    const first = WorkMailAppContext.of(this).claim(`${this.key} ${kind} ${value.toLowerCase()}`, construct);
    if (first !== construct) {
      throw invalid(construct, property, shown, message(first));
    }
  }
}

/**
 * What must be unique across every organization of an app: organization aliases (they are
 * global across AWS) and mail domains (a domain is registered in one organization). One per
 * app, found with `tryFindChild` on the root.
 */
export class WorkMailAppContext extends Construct {
  /** The context of the app `scope` belongs to. */
  public static of(scope: IConstruct): WorkMailAppContext {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(WorkMailAppContext.ID);
    return existing instanceof WorkMailAppContext ? existing : new WorkMailAppContext(root as Construct, WorkMailAppContext.ID);
  }

  private static readonly ID = 'CdkWorkMailApp';

  private readonly aliases = new Map<string, IConstruct>();
  private readonly domains = new Map<string, { readonly domain: IConstruct; readonly organization: IOrganization }>();
  private readonly claims = new Map<string, IConstruct>();

  /** Claims `key` for `construct`; returns the construct that holds the claim (the first). */
  public claim(key: string, construct: IConstruct): IConstruct {
    const first = this.claims.get(key);
    if (first !== undefined) {
      return first;
    }
    this.claims.set(key, construct);
    return construct;
  }

  /** Claims an organization alias: it becomes `<alias>.awsapps.com`, unique across AWS. */
  public claimAlias(organization: IConstruct, alias: string): void {
    if (Token.isUnresolved(alias)) {
      return;
    }
    const first = this.aliases.get(alias.toLowerCase());
    if (first !== undefined) {
      throw invalid(organization, 'alias', alias,
        `${first.node.path} already creates an organization with this alias, and an alias names one organization across AWS (<alias>.awsapps.com): choose another alias`);
    }
    this.aliases.set(alias.toLowerCase(), organization);
  }

  /** Claims a domain for an organization: another organization of the app cannot register it too. */
  public claimDomain(domain: IConstruct, organization: IOrganization, name: string): void {
    const first = this.domains.get(name);
    if (first !== undefined && OrganizationContext.of(first.organization) !== OrganizationContext.of(organization)) {
      throw invalid(domain, 'domainName', name,
        `${first.domain.node.path} already registers it in organization ${first.organization.node.path}, and WorkMail registers a domain in one organization: `
        + 'keep one Domain for it, in the organization that should receive its mail');
    }
    this.domains.set(name, { domain, organization });
  }
}
