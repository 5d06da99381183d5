/** What the `tokens` and `test` commands share: their arguments, the organization, the user. */
import { parseArgs, ParseArgsConfig } from 'node:util';
import { DescribeUserCommand, WorkMailClient } from '@aws-sdk/client-workmail';
import { ORGANIZATION_ID_PATTERN, WORKMAIL_REGIONS } from '../private/constants';

/** A command line the command cannot run: exit code 64, with the usage. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Where the AWS SDK client connects, from `--region` and `--profile` (every command takes them). */
export interface AwsSettings {
  readonly region?: string;
  readonly profile?: string;
}

const AWS_OPTIONS = { region: { type: 'string' }, profile: { type: 'string' } } as const;

/** Refuses a region where WorkMail has no API endpoint. */
export function checkRegion(region: string | undefined): void {
  if (region !== undefined && !WORKMAIL_REGIONS.includes(region)) {
    throw new UsageError(`--region ${region}: WorkMail has an API endpoint only in ${WORKMAIL_REGIONS.join(', ')}`);
  }
}

/** Refuses anything but an organization id, "m-" and 32 hexadecimal digits; returns the id. */
export function checkOrganizationId(organizationId: unknown): string {
  if (typeof organizationId !== 'string' || !ORGANIZATION_ID_PATTERN.test(organizationId)) {
    throw new UsageError('--organization-id must be an organization id, "m-" followed by 32 hexadecimal digits');
  }
  return organizationId;
}

/**
 * `--region` and `--profile` of a command line whose other arguments its command parses: the
 * client is made from them before the command runs.
 */
export function awsSettings(args: readonly string[]): AwsSettings {
  const { values } = parseArgs({ args: [...args], options: AWS_OPTIONS, strict: false, allowPositionals: true });
  const text = (value: unknown) => typeof value === 'string' ? value : undefined;
  checkRegion(text(values.region));
  return { region: text(values.region), profile: text(values.profile) };
}

/**
 * The values of `args`, which take `--organization-id`, `--region`, `--profile` (see
 * {@link awsSettings}) and the given options; anything else is a usage error. The organization id
 * is checked against WorkMail's pattern.
 */
export function parseCommandLine<O extends Options>(args: readonly string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { 'organization-id': { type: 'string' }, ...AWS_OPTIONS, ...options }, strict: true, allowPositionals: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  return { organizationId: checkOrganizationId(values['organization-id']), values };
}

/** The single string value of an option, or a usage error when it is required and missing. */
export function option(values: Record<string, unknown>, name: string, required: true): string;
export function option(values: Record<string, unknown>, name: string, required?: false): string | undefined;
export function option(values: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = values[name];
  if (value === undefined && required) {
    throw new UsageError(`--${name} is required`);
  }
  return value as string | undefined;
}

/** A user named by id, user name or email address, as WorkMail knows it. */
export interface UserIdentity {
  readonly id: string;
  readonly name?: string;
  readonly email?: string;
}

/** DescribeUser accepts the id, the user name or the email address: the answer names all three. */
export async function describeUser(client: WorkMailClient, organizationId: string, user: string): Promise<UserIdentity> {
  const described = await client.send(new DescribeUserCommand({ OrganizationId: organizationId, UserId: user }));
  return { id: described.UserId!, name: described.Name, email: described.Email };
}
