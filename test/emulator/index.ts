/**
 * A loopback WorkMail (+ KMS DescribeKey) endpoint for handler tests. See README.md beside this file.
 */
export { WorkMailEmulator } from './emulator';
export type { WorkMailEmulatorOptions } from './emulator';
export type { KmsKeyOptions } from './kms';
export type { Fault, FaultKind, RecordedCall } from './server';
export type {
  DnsRecord, KeyManager, KeySpec, KeyState, KeyUsage, KmsKey, MailDomain, Organization, OrganizationState, VerificationStatus,
} from './state';
