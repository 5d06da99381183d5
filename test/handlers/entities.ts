/**
 * Test helpers for users, groups and mailbox permissions: an Active organization in the
 * emulator, mail domains in a chosen verification state, and Secrets Manager secrets.
 */
import { ResourceType } from '../../src/private/constants';
import { WorkMailEmulator } from '../emulator';
import { request, run, startEmulator } from './cloudformation';
import type { MailDomain, VerificationStatus } from '../emulator/state';

/** Secret values by `arn` and `arn|versionId`, read by the mocked Secrets Manager client. */
export const mockSecrets = new Map<string, string>();
/** Every GetSecretValue request the handlers made. */
export const mockSecretReads: Array<{ SecretId: string; VersionId?: string }> = [];

/**
 * `@aws-sdk/client-secrets-manager` comes from the Lambda runtime and is not installed here:
 * tests stand in for it with the same two names the handler uses.
 */
export function mockSecretsManager() {
  return {
    GetSecretValueCommand: class {
      constructor(public readonly input: { SecretId: string; VersionId?: string }) {}
    },
    SecretsManagerClient: class {
      public async send(command: { input: { SecretId: string; VersionId?: string } }) {
        mockSecretReads.push(command.input);
        const { SecretId, VersionId } = command.input;
        const value = mockSecrets.get(VersionId ? `${SecretId}|${VersionId}` : SecretId);
        if (value === undefined) {
          throw Object.assign(new Error(`Secrets Manager can't find the specified secret ${SecretId}`), { name: 'ResourceNotFoundException' });
        }
        return { SecretString: value };
      }
    },
  };
}

export const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:alice-password-AbCdEf';

/** Creates an Active organization through its own handler; its test domain is verified. */
export async function activeOrganization(alias = 'corp'): Promise<string> {
  const { PhysicalResourceId } = await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: alias }));
  return PhysicalResourceId;
}

/**
 * Adds a custom domain to the organization in the given verification state. (Registering
 * domains is the Domain construct's business; these tests only need them to exist.)
 */
export function addMailDomain(emulator: WorkMailEmulator, organizationId: string, domainName: string, status: VerificationStatus): MailDomain {
  const domain: MailDomain = {
    domainName,
    isTestDomain: false,
    ownershipVerificationStatus: status,
    dkimVerificationStatus: status,
    records: [],
  };
  emulator.organization(organizationId).mailDomains.set(domainName, domain);
  return domain;
}

/** Lines the handlers logged that mention `text`. */
export function linesMentioning(logs: readonly string[], text: string): string[] {
  return logs.filter((line) => line.includes(text));
}

/** The emulator of a test file and the Active organization of the current test. */
export interface OrganizationFixture {
  emulator: WorkMailEmulator;
  organizationId: string;
  /** Lines the handlers logged during the current test. */
  logs: string[];
}

/**
 * Starts the emulator for the test file and gives every test a fresh Active organization,
 * capturing log lines. Call at the top level of a test file, before its own hooks.
 */
export function organizationPerTest(): OrganizationFixture {
  const fixture = { logs: [] } as unknown as OrganizationFixture;
  beforeAll(async () => {
    fixture.emulator = await startEmulator();
  });
  afterAll(async () => fixture.emulator.stop());
  beforeEach(async () => {
    fixture.emulator.reset();
    fixture.emulator.setCreationSteps(0);
    fixture.logs = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void fixture.logs.push(line));
    fixture.organizationId = await activeOrganization();
  });
  return fixture;
}
