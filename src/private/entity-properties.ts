/**
 * The properties of the `Custom::WorkMailUser`, `Custom::WorkMailGroup`, `Custom::WorkMailResource`
 * and `Custom::WorkMailMailboxPermission` resources, as the constructs write them. Every scalar
 * arrives at the handler as a string. No property ever carries a password: users name a
 * Secrets Manager secret that the handler reads.
 */
import { AdoptableResourceProperties, DestroyableResourceProperties } from './ownership-properties';

/** What users, groups and resources share: registration with an email address, and aliases. */
export interface EntityResourceProperties extends AdoptableResourceProperties, DestroyableResourceProperties {
  readonly OrganizationId: string;
  readonly Name: string;
  /** Primary email address; the entity is registered to WorkMail (enabled) with it. */
  readonly Email?: string;
  /**
   * "true" or "false"; users and resources (a group is enabled exactly when it has an email).
   * Resources write it only when set: an adopted resource without it keeps its state.
   */
  readonly Enabled?: string;
  readonly HiddenFromGlobalAddressList?: string;
  readonly Aliases?: readonly string[];
  /** How long registration waits for the email's domain to be verified, in seconds. */
  readonly DomainVerificationTimeout?: string;
}

/** The attributes UpdateUser sets, by their API names. */
export const USER_ATTRIBUTE_NAMES = [
  'DisplayName', 'FirstName', 'LastName', 'Initials', 'Telephone', 'Street', 'JobTitle',
  'City', 'Company', 'ZipCode', 'Department', 'Country', 'Office',
] as const;

export type UserAttributeName = typeof USER_ATTRIBUTE_NAMES[number];

/** The attributes are properties of their own, by their API names (DisplayName, JobTitle, ...). */
export interface UserResourceProperties extends EntityResourceProperties, Readonly<Partial<Record<UserAttributeName, string>>> {
  readonly Role?: string;
  /** Where templates of earlier versions held the attributes; the handler still reads it. */
  readonly Attributes?: Readonly<Partial<Record<UserAttributeName, string>>>;
  /** ARN of the Secrets Manager secret whose SecretString is the password. */
  readonly PasswordSecretArn?: string;
  /** Version of that secret to read. */
  readonly PasswordSecretVersionId?: string;
  /** Mailbox quota in MB. */
  readonly MailboxQuota?: string;
}

export interface GroupResourceProperties extends EntityResourceProperties {
  /** Entity ids of the members this stack manages. */
  readonly Members?: readonly string[];
}

export interface ResourceResourceProperties extends EntityResourceProperties {
  /** ROOM or EQUIPMENT. */
  readonly Type: string;
  readonly Description?: string;
  /** Each "true" or "false"; absent options are left as WorkMail has them. */
  readonly BookingOptions?: {
    readonly AutoAcceptRequests?: string;
    readonly AutoDeclineRecurringRequests?: string;
    readonly AutoDeclineConflictingRequests?: string;
  };
  /** Entity ids of the users and groups that handle booking requests. */
  readonly Delegates?: readonly string[];
}

/** `Custom::WorkMailAvailabilityConfiguration`: exactly one of the EWS members or LambdaArn. */
export interface AvailabilityConfigurationResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  readonly DomainName: string;
  readonly EwsEndpoint?: string;
  readonly EwsUsername?: string;
  /** The EWS password is read from this secret by the handler. */
  readonly EwsPasswordSecretArn?: string;
  readonly EwsPasswordSecretVersionId?: string;
  readonly LambdaArn?: string;
}

export interface MailboxPermissionResourceProperties {
  readonly OrganizationId: string;
  /** The user or resource whose mailbox is shared. */
  readonly EntityId: string;
  /** The user or group given access. */
  readonly GranteeId: string;
  readonly PermissionValues: readonly string[];
}
