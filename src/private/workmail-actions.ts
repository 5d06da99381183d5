/**
 * The WorkMail actions each custom resource type's handler calls on Create, Update and Delete,
 * all on the organization's ARN. The provider grants each type's actions in a policy of their
 * own per organization, whatever the resource's properties, so a Delete never depends on them.
 * The handler tests fail when a handler calls a WorkMail operation missing here.
 */
import { ResourceType } from './constants';

const workMail = (...operations: string[]): readonly string[] => operations.map((operation) => `workmail:${operation}`);

/** Reading and writing the organization tags that record ownership and moves (handlers/shared/ownership). */
const OWNER_TAGS = ['DescribeOrganization', 'ListTagsForResource', 'TagResource', 'UntagResource'];

/** Finding, registering, addressing, claiming and deleting a user, group or resource (handlers/entity). */
const ENTITY = ['RegisterToWorkMail', 'DeregisterFromWorkMail', 'UpdatePrimaryEmailAddress', 'CreateAlias', 'DeleteAlias', 'ListAliases', ...OWNER_TAGS];

/** Keyed by the child resource types; the organization's own calls are granted by `Organization`. */
export const WORKMAIL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  [ResourceType.USER]: workMail(...ENTITY,
    'ListUsers', 'DescribeUser', 'CreateUser', 'UpdateUser', 'DeleteUser', 'ResetPassword', 'GetMailboxDetails', 'UpdateMailboxQuota'),
  [ResourceType.GROUP]: workMail(...ENTITY,
    'ListGroups', 'DescribeGroup', 'CreateGroup', 'UpdateGroup', 'DeleteGroup',
    'AssociateMemberToGroup', 'DisassociateMemberFromGroup', 'ListGroupMembers'),
  [ResourceType.RESOURCE]: workMail(...ENTITY,
    'ListResources', 'DescribeResource', 'CreateResource', 'UpdateResource', 'DeleteResource',
    'AssociateDelegateToResource', 'DisassociateDelegateFromResource', 'ListResourceDelegates'),
  [ResourceType.MAILBOX_PERMISSION]: workMail('ListMailboxPermissions', 'PutMailboxPermissions', 'DeleteMailboxPermissions', ...OWNER_TAGS),
  [ResourceType.AVAILABILITY_CONFIGURATION]: workMail(
    'CreateAvailabilityConfiguration', 'ListAvailabilityConfigurations', 'UpdateAvailabilityConfiguration', 'DeleteAvailabilityConfiguration', ...OWNER_TAGS),
  [ResourceType.DOMAIN]: workMail('RegisterMailDomain', 'GetMailDomain', 'DeregisterMailDomain', ...OWNER_TAGS),
  [ResourceType.DOMAIN_VERIFICATION]: workMail('GetMailDomain', 'UpdateDefaultMailDomain', 'DescribeOrganization'),
  [ResourceType.RETENTION_POLICY]: workMail('GetDefaultRetentionPolicy', 'PutRetentionPolicy', 'DeleteRetentionPolicy', ...OWNER_TAGS),
  [ResourceType.INBOUND_DMARC_SETTINGS]: workMail('PutInboundDmarcSettings', 'DescribeInboundDmarcSettings', ...OWNER_TAGS),
  [ResourceType.MAILBOX_EXPORT]: workMail(
    'StartMailboxExportJob', 'ListMailboxExportJobs', 'DescribeMailboxExportJob', 'ListUsers', 'ListResources',
    // Removing the export cancels its running jobs.
    'CancelMailboxExportJob'),
  [ResourceType.EMAIL_MONITORING]: workMail(
    'PutEmailMonitoringConfiguration', 'DescribeEmailMonitoringConfiguration', 'DeleteEmailMonitoringConfiguration', ...OWNER_TAGS),
  // Putting a rule lists the organization's rules first, to explain WorkMail's limit of 10.
  [ResourceType.ACCESS_CONTROL_RULE]: workMail('PutAccessControlRule', 'DeleteAccessControlRule', 'ListAccessControlRules', ...OWNER_TAGS),
  [ResourceType.IMPERSONATION_ROLE]: workMail('CreateImpersonationRole', 'GetImpersonationRole', 'UpdateImpersonationRole', 'DeleteImpersonationRole', ...OWNER_TAGS),
  // Creating a rule lists the organization's rules first, to explain WorkMail's limit of 10.
  [ResourceType.MOBILE_DEVICE_ACCESS_RULE]: workMail(
    'ListMobileDeviceAccessRules', 'CreateMobileDeviceAccessRule', 'UpdateMobileDeviceAccessRule', 'DeleteMobileDeviceAccessRule', ...OWNER_TAGS),
  [ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE]: workMail(
    'PutMobileDeviceAccessOverride', 'GetMobileDeviceAccessOverride', 'DeleteMobileDeviceAccessOverride', ...OWNER_TAGS),
  // Removes, then restores (after listing, like the rule handlers), the built-in allow-all rule of its kind.
  [ResourceType.DEFAULT_RULE_REMOVAL]: workMail('ListAccessControlRules', 'DeleteAccessControlRule', 'PutAccessControlRule',
    'ListMobileDeviceAccessRules', 'DeleteMobileDeviceAccessRule', 'CreateMobileDeviceAccessRule', ...OWNER_TAGS),
  [ResourceType.IDENTITY_PROVIDER]: workMail(
    'DescribeIdentityProviderConfiguration', 'PutIdentityProviderConfiguration', 'DeleteIdentityProviderConfiguration', ...OWNER_TAGS),
};

/**
 * WorkMail actions that name no organization, by the resource type whose handler calls them:
 * granted on `*` by the construct that needs them, in a policy of its own that CloudFormation
 * deletes only after the resource (so its Delete still has them).
 */
export const ACCOUNT_WORKMAIL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  [ResourceType.IDENTITY_PROVIDER]: workMail('CreateIdentityCenterApplication', 'DeleteIdentityCenterApplication'),
};

/**
 * The SES calls of domain registration: the domain handler's, and those WorkMail makes with the
 * caller's permissions when it registers or deregisters a domain (and creates an organization).
 */
export const DOMAIN_SES_ACTIONS: readonly string[] = [
  'ses:VerifyDomainIdentity',
  'ses:VerifyDomainDkim',
  'ses:PutIdentityPolicy',
  'ses:DeleteIdentityPolicy',
  'ses:GetIdentityVerificationAttributes',
  'ses:GetIdentityDkimAttributes',
  'ses:GetIdentityMailFromDomainAttributes',
  'ses:DescribeActiveReceiptRuleSet',
  'ses:CreateReceiptRule',
  'ses:UpdateReceiptRule',
  'ses:DeleteReceiptRule',
];

/** The SES calls WorkMail makes only when it creates or deletes an organization, beyond {@link DOMAIN_SES_ACTIONS}. */
export const ORGANIZATION_SES_ACTIONS: readonly string[] = [
  'ses:CreateReceiptRuleSet',
  'ses:SetActiveReceiptRuleSet',
  'ses:DeleteIdentity',
];
