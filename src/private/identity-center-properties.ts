/**
 * The properties of a `Custom::WorkMailIdentityProvider` resource, as the `IdentityCenter`
 * construct writes them and the handler reads them, and the model's constraints both check.
 */
import { AdoptableResourceProperties } from './ownership-properties';

export interface IdentityProviderResourceProperties extends AdoptableResourceProperties {
  readonly OrganizationId: string;
  readonly InstanceArn: string;
  /** The WorkMail application in Identity Center; absent: the handler creates one named `ApplicationName`. */
  readonly ApplicationArn?: string;
  /** The name CreateIdentityCenterApplication gives the application it creates. */
  readonly ApplicationName?: string;
  /** IDENTITY_PROVIDER_ONLY or IDENTITY_PROVIDER_AND_DIRECTORY */
  readonly AuthenticationMode: string;
  /** ACTIVE or INACTIVE */
  readonly PersonalAccessTokenStatus: string;
  /** Days, 1-3653; absent: tokens never expire. */
  readonly PersonalAccessTokenLifetimeInDays?: string;
}

/** The authentication modes PutIdentityProviderConfiguration accepts. */
export const AUTHENTICATION_MODES: readonly string[] = ['IDENTITY_PROVIDER_ONLY', 'IDENTITY_PROVIDER_AND_DIRECTORY'];

/** `IdentityCenterConfiguration.InstanceArn`, anchored. */
export const INSTANCE_ARN_PATTERN = /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;

/** `IdentityCenterConfiguration.ApplicationArn`, anchored. */
export const APPLICATION_ARN_PATTERN = /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso::\d{12}:application\/(sso)?ins-[a-zA-Z0-9-.]{16}\/apl-[a-zA-Z0-9]{16}$/;

/** CreateIdentityCenterApplication `Name`, anchored (the model allows up to 255 characters). */
export const APPLICATION_NAME_PATTERN = /^[\w+=,.@-]{1,255}$/;

/** `PersonalAccessTokenConfiguration.LifetimeInDays`. */
export const MIN_TOKEN_LIFETIME_DAYS = 1;
export const MAX_TOKEN_LIFETIME_DAYS = 3653;
