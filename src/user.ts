import { Duration, Names, RemovalPolicy, Resource, Size, SizeRoundingBehavior } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { IOrganization, IUser } from './interfaces';
import { IMailEntity, MailboxPermissionType } from './mail-entity';
import { MailboxPermission } from './mailbox-permission';
import { OrganizationContext } from './organization-context';
import { MAX_MAILBOX_QUOTA_MB, ResourceType } from './private/constants';
import { EntityAddresses } from './private/entity-addresses';
import { UserAttributeName, UserResourceProperties } from './private/entity-properties';
import { adoption, removalProperties } from './private/ownership';
import { grantSecretRead } from './private/secrets';
import { ENTITY_ID, invalid, USER_ATTRIBUTE, USER_NAME, validateEnum, validateString } from './private/validation';
import { WorkMailProvider } from './provider/workmail-provider';

/** The roles a user can be given through the API (WorkMail refuses RESOURCE and SYSTEM_USER there). */
export enum UserRole {
  /** A regular user with a WorkMail mailbox. */
  USER = 'USER',
  /** A user whose mailbox lives on a remote (interoperability) mail server. */
  REMOTE_USER = 'REMOTE_USER',
}

/** Properties of a {@link User}. */
export interface UserProps {
  /** The organization the user belongs to. */
  readonly organization: IOrganization;

  /**
   * The user (login) name: 1-64 letters, digits, `_`, `-` or `.`, optionally followed by
   * `@domain`. WorkMail cannot rename a user, so a change fails the deployment.
   */
  readonly name: string;

  /** The name shown in the address book and on mail, up to 256 characters. */
  readonly displayName: string;

  /**
   * The primary email address, on a domain of the organization that is verified (the test
   * domain `<alias>.awsapps.com` always is). The user is registered to WorkMail (gets its
   * mailbox) with it; registration waits up to `domainVerificationTimeout` for the domain.
   */
  readonly email: string;

  /**
   * More addresses that deliver to this user (at most 100, on verified domains of the organization).
   * @default - none
   */
  readonly aliases?: string[];

  /**
   * The password, as a Secrets Manager secret whose string value is the password: a `Secret` of
   * the app or an imported one (`Secret.fromSecretNameV2`, `fromSecretCompleteArn`,
   * `fromSecretPartialArn`, `fromSecretAttributes`). The template carries only the secret's ARN;
   * the handler reads the value and hands it to WorkMail. A WorkMail
   * directory password needs 8-63 characters from 3 of: upper case, lower case, digits, special
   * characters, Latin-1 letters. Naming another secret or `passwordVersionId` resets the password.
   *
   * @default - no password: the user cannot sign in until an administrator sets one
   */
  readonly password?: secretsmanager.ISecret;

  /**
   * The version of the `password` secret to read. Change it (for example after rotating the
   * secret) to set the user's password again.
   *
   * @default - the secret's current version when the user is created or the secret changes
   */
  readonly passwordVersionId?: string;

  /**
   * The user's role.
   * @default UserRole.USER
   */
  readonly role?: UserRole;

  /**
   * Hide the user from the global address list.
   * @default false
   */
  readonly hiddenFromGlobalAddressList?: boolean;

  /**
   * The mailbox quota, 1 MB to 50 GB in whole megabytes.
   * @default - WorkMail's default, 50 GB
   */
  readonly mailboxQuota?: Size;

  /**
   * Whether the user is registered to WorkMail (has a mailbox, is billed). Disabling keeps the
   * user and, for 30 days, its mailbox.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * How long registration waits for the email's (and aliases') domain to be verified before
   * failing. At most 50 minutes.
   * @default Duration.minutes(30)
   */
  readonly domainVerificationTimeout?: Duration;

  /**
   * What happens to the user when it leaves the stack. With DESTROY the user is deregistered,
   * then deleted; WorkMail keeps the mailbox for 30 days, then removes it for good.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Take over a user of this name that already exists in the organization. Without it, a
   * deployment that finds one fails and names the two ways on (this prop, or `User.fromUserId`).
   * Adoption never resets the password (even with `password`) and changes only the attributes
   * these props name; the adopted user is retained when it leaves the stack unless
   * `removalPolicy` is DESTROY.
   *
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * The user's first name in the address book, at most 256 characters.
   * @default - none
   */
  readonly firstName?: string;
  /**
   * The user's last name in the address book, at most 256 characters.
   * @default - none
   */
  readonly lastName?: string;
  /**
   * The user's initials in the address book, at most 256 characters.
   * @default - none
   */
  readonly initials?: string;
  /**
   * The user's telephone number in the address book, at most 256 characters.
   * @default - none
   */
  readonly telephone?: string;
  /**
   * The user's street address in the address book, at most 256 characters.
   * @default - none
   */
  readonly street?: string;
  /**
   * The user's job title in the address book, at most 256 characters.
   * @default - none
   */
  readonly jobTitle?: string;
  /**
   * The user's city in the address book, at most 256 characters.
   * @default - none
   */
  readonly city?: string;
  /**
   * The user's company in the address book, at most 256 characters.
   * @default - none
   */
  readonly company?: string;
  /**
   * The user's postal code in the address book, at most 256 characters.
   * @default - none
   */
  readonly zipCode?: string;
  /**
   * The user's department in the address book, at most 256 characters.
   * @default - none
   */
  readonly department?: string;
  /**
   * The user's country in the address book, at most 256 characters.
   * @default - none
   */
  readonly country?: string;
  /**
   * The user's office in the address book, at most 256 characters.
   * @default - none
   */
  readonly office?: string;
}

/**
 * A WorkMail user (`Custom::WorkMailUser`) with its mailbox.
 *
 * Created disabled, then registered with its email address once the address's domain is
 * verified. Attribute, address, alias, quota and password changes apply in place; a rename,
 * which WorkMail cannot do, fails with an explanation instead of replacing the user (and its
 * mailbox). Retained by default; with DESTROY it is deregistered, then deleted.
 */
export class User extends Resource implements IUser {
  /** Imports an existing user by id (the id shown in the WorkMail console, not the email address). */
  public static fromUserId(scope: Construct, id: string, userId: string): IUser {
    class Import extends Resource implements IUser {
      public readonly userId = userId;
      public readonly entityId = userId;
    }
    const imported = new Import(scope, id);
    validateString(imported, 'userId', userId, ENTITY_ID);
    return imported;
  }

  public readonly userId: string;
  public readonly entityId: string;
  /** The user name. */
  public readonly userName: string;
  /** The primary email address. */
  public readonly email: string;
  /** The organization the user belongs to. */
  public readonly organization: IOrganization;

  private readonly addresses: EntityAddresses;

  constructor(scope: Construct, id: string, props: UserProps) {
    super(scope, id);
    validateString(this, 'name', props.name, USER_NAME);
    validateString(this, 'displayName', props.displayName, USER_ATTRIBUTE);
    validateEnum(this, 'role', props.role, UserRole, 'UserRole');
    const attributes = userAttributes(this, props);
    const mailboxQuota = mailboxQuotaMegabytes(this, props.mailboxQuota);
    const enabled = props.enabled ?? true;
    OrganizationContext.of(props.organization).claimName(this, props.name);
    this.addresses = new EntityAddresses(this, { organization: props.organization, email: props.email, enabled, aliases: props.aliases });
    const ownership = adoption(this, props, RemovalPolicy.RETAIN);

    const provider = WorkMailProvider.of(this);
    if (props.password !== undefined) {
      grantSecretRead(this, 'password', props.password, provider);
    }
    const properties: UserResourceProperties = {
      OrganizationId: props.organization.organizationId,
      Name: props.name,
      // Absent means enabled (the handler's default): 16 bytes a user saved in the template.
      Enabled: enabled ? undefined : 'false',
      Role: props.role,
      ...attributes,
      PasswordSecretArn: props.password?.secretArn,
      PasswordSecretVersionId: props.passwordVersionId,
      MailboxQuota: mailboxQuota?.toString(),
      ...this.addresses.properties(props.hiddenFromGlobalAddressList, props.domainVerificationTimeout),
      ...ownership.properties,
      ...removalProperties(ownership.removalPolicy),
    };
    const resource = provider.createResource(this, {
      resourceType: ResourceType.USER,
      organization: props.organization,
      properties,
      removalPolicy: ownership.removalPolicy,
    });
    this.addresses.dependOnDomains(resource);

    this.userId = resource.ref;
    this.entityId = this.userId;
    this.userName = props.name;
    this.email = props.email;
    this.organization = props.organization;
  }

  /** Adds an alias (an address on a verified domain of the organization) to the user. */
  public addAlias(alias: string): void {
    this.addresses.add(alias);
  }

  /** Gives `grantee` (a user or group) `permissions` on this user's mailbox (a {@link MailboxPermission}). */
  public addMailboxPermission(grantee: IMailEntity, ...permissions: MailboxPermissionType[]): MailboxPermission {
    return new MailboxPermission(this, `MailboxPermission${Names.uniqueId(grantee)}`, {
      organization: this.organization,
      mailbox: this,
      grantee,
      permissions,
    });
  }
}

function userAttributes(scope: Construct, props: UserProps): Partial<Record<UserAttributeName, string>> {
  const attributes: Partial<Record<UserAttributeName, string>> = {
    DisplayName: props.displayName,
    FirstName: props.firstName,
    LastName: props.lastName,
    Initials: props.initials,
    Telephone: props.telephone,
    Street: props.street,
    JobTitle: props.jobTitle,
    City: props.city,
    Company: props.company,
    ZipCode: props.zipCode,
    Department: props.department,
    Country: props.country,
    Office: props.office,
  };
  for (const [name, value] of Object.entries(attributes)) {
    validateString(scope, name.charAt(0).toLowerCase() + name.slice(1), value, USER_ATTRIBUTE);
  }
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}

function mailboxQuotaMegabytes(scope: Construct, quota: Size | undefined): number | undefined {
  if (quota === undefined || quota.isUnresolved()) {
    return undefined;
  }
  const megabytes = quota.toMebibytes({ rounding: SizeRoundingBehavior.FLOOR });
  if (quota.toKibibytes({ rounding: SizeRoundingBehavior.FLOOR }) !== megabytes * 1024 || megabytes < 1 || megabytes > MAX_MAILBOX_QUOTA_MB) {
    throw invalid(scope, 'mailboxQuota', `${quota.toKibibytes({ rounding: SizeRoundingBehavior.FLOOR }) / 1024} MB`,
      `it must be a whole number of megabytes from 1 to ${MAX_MAILBOX_QUOTA_MB} (50 GB)`);
  }
  return megabytes;
}
