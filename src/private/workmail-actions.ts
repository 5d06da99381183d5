/**
 * The WorkMail actions each custom resource type's handler calls on Create, Update and Delete,
 * all on the organization's ARN. The provider grants an organization the union for every type,
 * not only the types still in the stack: CloudFormation updates the role's policies before it
 * deletes the resources that left the stack, so a Delete must not depend on its construct.
 * The handler tests fail when a handler calls a WorkMail operation missing here.
 */
import { ResourceType } from './constants';

const workMail = (...operations: string[]): readonly string[] => operations.map((operation) => `workmail:${operation}`);

/** Finding, registering, addressing and deleting a user, group or resource (handlers/entity). */
const ENTITY = ['RegisterToWorkMail', 'DeregisterFromWorkMail', 'UpdatePrimaryEmailAddress', 'CreateAlias', 'DeleteAlias', 'ListAliases'];

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
  [ResourceType.MAILBOX_PERMISSION]: workMail('PutMailboxPermissions', 'DeleteMailboxPermissions'),
  [ResourceType.AVAILABILITY_CONFIGURATION]: workMail(
    'CreateAvailabilityConfiguration', 'UpdateAvailabilityConfiguration', 'DeleteAvailabilityConfiguration'),
  [ResourceType.DOMAIN]: workMail('RegisterMailDomain', 'GetMailDomain', 'DeregisterMailDomain'),
  [ResourceType.DOMAIN_VERIFICATION]: workMail('GetMailDomain', 'UpdateDefaultMailDomain', 'DescribeOrganization'),
  [ResourceType.RETENTION_POLICY]: workMail('GetDefaultRetentionPolicy', 'PutRetentionPolicy', 'DeleteRetentionPolicy'),
  [ResourceType.INBOUND_DMARC_SETTINGS]: workMail('PutInboundDmarcSettings'),
  [ResourceType.MAILBOX_EXPORT]: workMail(
    'StartMailboxExportJob', 'ListMailboxExportJobs', 'DescribeMailboxExportJob', 'ListUsers', 'ListResources'),
  [ResourceType.EMAIL_MONITORING]: workMail('PutEmailMonitoringConfiguration', 'DeleteEmailMonitoringConfiguration'),
  // Putting a rule lists the organization's rules first, to explain WorkMail's limit of 10.
  [ResourceType.ACCESS_CONTROL_RULE]: workMail('PutAccessControlRule', 'DeleteAccessControlRule', 'ListAccessControlRules'),
  [ResourceType.IMPERSONATION_ROLE]: workMail('CreateImpersonationRole', 'UpdateImpersonationRole', 'DeleteImpersonationRole'),
  // Creating a rule lists the organization's rules first, to explain WorkMail's limit of 10.
  [ResourceType.MOBILE_DEVICE_ACCESS_RULE]: workMail(
    'ListMobileDeviceAccessRules', 'CreateMobileDeviceAccessRule', 'UpdateMobileDeviceAccessRule', 'DeleteMobileDeviceAccessRule'),
  [ResourceType.MOBILE_DEVICE_ACCESS_OVERRIDE]: workMail('PutMobileDeviceAccessOverride', 'DeleteMobileDeviceAccessOverride'),
  // Removes, then restores (after listing, like the rule handlers), the built-in allow-all rule of its kind.
  [ResourceType.DEFAULT_RULE_REMOVAL]: workMail('ListAccessControlRules', 'DeleteAccessControlRule', 'PutAccessControlRule',
    'ListMobileDeviceAccessRules', 'DeleteMobileDeviceAccessRule', 'CreateMobileDeviceAccessRule'),
  [ResourceType.IDENTITY_PROVIDER]: workMail(
    'DescribeIdentityProviderConfiguration', 'PutIdentityProviderConfiguration', 'DeleteIdentityProviderConfiguration'),
};

/**
 * WorkMail actions that name no organization, by the resource type whose handler calls them:
 * granted on `*` by the construct that needs them, in a policy of its own that CloudFormation
 * deletes only after the resource (so its Delete still has them).
 */
export const ACCOUNT_WORKMAIL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  [ResourceType.IDENTITY_PROVIDER]: workMail('CreateIdentityCenterApplication', 'DeleteIdentityCenterApplication'),
};

/** Every WorkMail action of {@link WORKMAIL_ACTIONS}, each once, in a stable order. */
export const ALL_CHILD_WORKMAIL_ACTIONS: readonly string[] = [...new Set(Object.values(WORKMAIL_ACTIONS).flat())].sort();
