/**
 * A loopback WorkMail (+ KMS DescribeKey, SES MAIL FROM) endpoint for handler tests. See README.md beside this file.
 */
export { WorkMailEmulator } from './emulator';
export type { VerificationOptions, WorkMailEmulatorOptions } from './emulator';
export type { KmsKeyOptions } from './kms';
export type { Fault, FaultKind, RateLimit, RecordedCall } from './server';
export type {
  DnsRecord, KeyManager, KeySpec, KeyState, KeyUsage, KmsKey, MailDomain, Organization, OrganizationState, SesIdentity, VerificationStatus,
} from './state';
