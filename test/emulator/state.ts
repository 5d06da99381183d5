/**
 * The emulator's state. Tests may read and modify these objects directly (through
 * `WorkMailEmulator.organization(id)` and friends) to set up situations the API cannot create.
 */

/** Organization states documented in the Administrator Guide that the emulator walks through. */
export type OrganizationState = 'Requested' | 'Creating' | 'Active' | 'Failed' | 'Deleting' | 'Deleted';

export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'FAILED';

export interface DnsRecord {
  readonly Type: string;
  readonly Hostname: string;
  readonly Value: string;
}

export interface MailDomain {
  /** Lower case: domain names compare case-insensitively. */
  readonly domainName: string;
  readonly isTestDomain: boolean;
  ownershipVerificationStatus: VerificationStatus;
  dkimVerificationStatus: VerificationStatus;
  /** The records GetMailDomain recommends publishing. */
  records: DnsRecord[];
  /**
   * Set by a test when the records are "published": after `polls` more GetMailDomain calls the
   * domain takes these statuses, as if SES had found the records.
   */
  pendingVerification?: { polls: number; readonly ownership: VerificationStatus; readonly dkim: VerificationStatus };
}

/** An SES (v1) identity; RegisterMailDomain creates one per domain, and SES keeps it after deregistration. */
export interface SesIdentity {
  mailFromDomain?: string;
  behaviorOnMxFailure: 'UseDefaultValue' | 'RejectMessage';
}

export interface Organization {
  readonly organizationId: string;
  readonly alias: string;
  readonly arn: string;
  readonly directoryId: string;
  readonly directoryType: string;
  readonly kmsKeyArn?: string;
  readonly interoperabilityEnabled: boolean;
  /** `Domains` given to CreateOrganization: registered (unverified) when the organization becomes Active. */
  readonly requestedDomains: readonly string[];
  state: OrganizationState;
  /** The states the next DescribeOrganization calls move the organization through, in order. */
  pendingStates: OrganizationState[];
  /** Set once a DescribeOrganization has reported `Deleted`: the API no longer knows the organization. */
  purged: boolean;
  defaultMailDomain: string;
  completedDate?: Date;
  errorMessage?: string;
  /** Users in state ENABLED: deleting the organization then needs `ForceDelete`. */
  enabledUsers: number;
  /** `DeleteDirectory` of the DeleteOrganization request that started the deletion. */
  deleteDirectory?: boolean;
  tags: Map<string, string>;
  /** Keyed by lower-case domain name, in registration order. */
  mailDomains: Map<string, MailDomain>;
  /** Availability configurations by lower-case domain name. */
  availabilityConfigurations: Map<string, AvailabilityConfiguration>;
  /** Users, groups and resources by id, in creation order (deleted ones stay, in state DELETED). */
  entities: Map<string, Entity>;
  /**
   * Lower-case email addresses (primary addresses and aliases of users, groups and resources) to
   * the id of the entity that has them: a domain with addresses cannot be deregistered.
   */
  addresses: Map<string, string>;
  /** Set by PutEmailMonitoringConfiguration; one per organization. */
  emailMonitoring?: EmailMonitoringConfiguration;
}

export interface EmailMonitoringConfiguration {
  readonly logGroupArn: string;
  /** Absent when WorkMail uses its service-linked role. */
  readonly roleArn?: string;
}

export interface AvailabilityConfiguration {
  readonly domainName: string;
  /** The token of the CreateAvailabilityConfiguration request that made it. */
  readonly clientToken?: string;
  ews?: { readonly endpoint: string; readonly username: string; readonly password: string };
  lambdaArn?: string;
}

export type EntityKind = 'USER' | 'GROUP' | 'RESOURCE';
export type EntityState = 'ENABLED' | 'DISABLED' | 'DELETED';

/** A user, group or resource: they share one namespace of ids, names and email addresses. */
export interface Entity {
  readonly kind: EntityKind;
  readonly id: string;
  readonly name: string;
  state: EntityState;
  /**
   * DescribeUser/Group calls that still report ENABLED after a deregistration, as WorkMail takes
   * a while to disable a mailbox (set it before deregistering). The entity is DISABLED for every
   * other operation.
   */
  disablePending: number;
  /** Primary address, lower case; WorkMail keeps it after deregistration. */
  email?: string;
  /** Lower case, in creation order. */
  aliases: string[];
  hiddenFromGlobalAddressList: boolean;
  /** Users: Role, DisplayName, FirstName, ... as UpdateUser names them. */
  attributes: Record<string, string>;
  /** Users: the password currently set (emulator only: tests assert what the handler sent). */
  password?: string;
  /** Users: in MB. */
  mailboxQuota: number;
  /** Groups: member entity ids. */
  members: Set<string>;
  /** Resources: ROOM or EQUIPMENT, description, booking options, delegate entity ids. */
  resourceType?: string;
  description?: string;
  bookingOptions: { AutoAcceptRequests: boolean; AutoDeclineRecurringRequests: boolean; AutoDeclineConflictingRequests: boolean };
  delegates: Set<string>;
  /** Grantee entity id to permission values on this entity's mailbox. */
  mailboxPermissions: Map<string, string[]>;
}

export type KeySpec =
  | 'SYMMETRIC_DEFAULT' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096'
  | 'ECC_NIST_P256' | 'ECC_NIST_P384' | 'ECC_NIST_P521' | 'ECC_SECG_P256K1' | 'ECC_NIST_EDWARDS25519'
  | 'HMAC_224' | 'HMAC_256' | 'HMAC_384' | 'HMAC_512' | 'SM2'
  | 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87';
export type KeyManager = 'CUSTOMER' | 'AWS';
export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable';
export type KeyUsage = 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';

export interface KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly keySpec: KeySpec;
  readonly keyManager: KeyManager;
  keyState: KeyState;
  readonly keyUsage: KeyUsage;
  /** Alias names, `alias/...`. */
  readonly aliases: readonly string[];
  readonly creationDate: Date;
}

export interface EmulatorState {
  /** Every organization ever created, by id, in creation order (deleted ones included, for assertions). */
  readonly organizations: Map<string, Organization>;
  /** CreateOrganization `ClientToken` to the OrganizationId it created. */
  readonly createTokens: Map<string, string>;
  /** How many DescribeOrganization calls report a state before the final one (`Active` or `Failed`). */
  creationSteps: number;
  /** Lower-case alias to the ErrorMessage of organizations whose creation must fail. */
  readonly creationFailures: Map<string, string>;
  readonly kmsKeys: KmsKey[];
  /** SES identities of the account, by lower-case name. */
  readonly sesIdentities: Map<string, SesIdentity>;
  /** CloudWatch Logs log group ARNs (`...:log-group:<name>:*`) that exist, seeded by tests. */
  readonly logGroupArns: Set<string>;
  /** IAM role ARNs that exist, seeded by tests. */
  readonly roleArns: Set<string>;
}

/** What every operation handler is given. */
export interface EmulatorContext {
  readonly region: string;
  readonly accountId: string;
  readonly state: EmulatorState;
}

export function emptyState(): EmulatorState {
  return {
    organizations: new Map(),
    createTokens: new Map(),
    creationSteps: 2,
    creationFailures: new Map(),
    kmsKeys: [],
    sesIdentities: new Map(),
    logGroupArns: new Set(),
    roleArns: new Set(),
  };
}
