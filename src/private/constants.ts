/**
 * Names shared by the constructs and the Lambda handlers. This module imports nothing, so
 * both sides can depend on it without the constructs pulling in handler code or vice versa.
 */

/** CloudFormation resource types of the WorkMail custom resources. */
export const ResourceType = {
  ORGANIZATION: 'Custom::WorkMailOrganization',
  USER: 'Custom::WorkMailUser',
  GROUP: 'Custom::WorkMailGroup',
  RESOURCE: 'Custom::WorkMailResource',
  MAILBOX_PERMISSION: 'Custom::WorkMailMailboxPermission',
  AVAILABILITY_CONFIGURATION: 'Custom::WorkMailAvailabilityConfiguration',
  DOMAIN: 'Custom::WorkMailDomain',
  /** Waits for a domain's verification, then makes it the default domain if asked. */
  DOMAIN_VERIFICATION: 'Custom::WorkMailDomainVerification',
  RETENTION_POLICY: 'Custom::WorkMailRetentionPolicy',
  INBOUND_DMARC_SETTINGS: 'Custom::WorkMailInboundDmarcSettings',
  MAILBOX_EXPORT: 'Custom::WorkMailMailboxExport',
  EMAIL_MONITORING: 'Custom::WorkMailEmailMonitoring',
  ACCESS_CONTROL_RULE: 'Custom::WorkMailAccessControlRule',
  IMPERSONATION_ROLE: 'Custom::WorkMailImpersonationRole',
  MOBILE_DEVICE_ACCESS_RULE: 'Custom::WorkMailMobileDeviceAccessRule',
  MOBILE_DEVICE_ACCESS_OVERRIDE: 'Custom::WorkMailMobileDeviceAccessOverride',
  DEFAULT_RULE_REMOVAL: 'Custom::WorkMailDefaultRuleRemoval',
  IDENTITY_PROVIDER: 'Custom::WorkMailIdentityProvider',
} as const;

/**
 * The provider function's environment variable that holds how many custom resources of the stack
 * it serves, organizations aside (they start before what they hold): the handlers size their
 * first backoff under throttling by it (handlers/shared/retry.ts).
 */
export const PROVIDER_RESOURCES_VARIABLE = 'WORKMAIL_RESOURCES';

/** A WorkMail organization id, as the model defines it; the source builds the physical-id patterns. */
export const ORGANIZATION_ID_SOURCE = 'm-[0-9a-f]{32}';
export const ORGANIZATION_ID_PATTERN = new RegExp(`^${ORGANIZATION_ID_SOURCE}$`);

/** The only regions with a WorkMail API endpoint. */
export const WORKMAIL_REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1'];

/**
 * Tag that records the KMS key an organization was created with. WorkMail never reports the
 * key back (DescribeOrganization has no such field), and the handler needs the truth to tell a
 * real key change (refused) from a rollback to the key the organization already has.
 */
export const KMS_KEY_TAG = 'cdk-workmail:kms-key';

/** Organization tags whose key starts with this record what a stack owns (DESIGN.md §8). */
export const OWNER_TAG_PREFIX = 'cdk-workmail:';

/** Value of {@link KMS_KEY_TAG} when WorkMail's AWS managed key `aws/workmail` is used. */
export const AWS_MANAGED_KEY = 'aws/workmail';

/** "Maximum number of aliases per user: 100. This is a hard quota and can't be changed." */
export const MAX_ALIASES = 100;

/** Mailbox quotas range from 1 MB to 51,200 MB (50 GB). */
export const MAX_MAILBOX_QUOTA_MB = 51200;

/**
 * The longest a handler waits for WorkMail (domain verification, registration): the wait must end,
 * with an explanation, before the provider framework gives up on the resource (55 minutes) and
 * CloudFormation on the custom resource (one hour).
 */
export const MAX_WAIT_SECONDS = 50 * 60;

/** Environment variables of the email flow rule engine: the construct sets them, the handler reads them. */
export const EmailFlowEngineEnvironment = {
  /** The path of the rule set file, in the engine's layer. */
  RULE_SET_PATH: 'RULE_SET_PATH',
  /** The ARNs of the Run Lambda functions, comma-separated, in the order the rule set's actions refer to them. */
  RUN_LAMBDA_FUNCTIONS: 'RUN_LAMBDA_FUNCTIONS',
} as const;
