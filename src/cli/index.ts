#!/usr/bin/env node
/**
 * `cdk-workmail`: the work around deployments, shipped with the package. One line of `COMMANDS`
 * per command; `cdk-workmail --help` lists them.
 *
 * Exit codes: 0 success, 1 error, 2 a command's "not yet / would change" (export-status, diff),
 * 64 wrong command line, 78 region or credentials missing.
 */
import { writeFileSync } from 'fs';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { Command, ConfigurationError, helpText, packageManifest, parseCommandLine, UsageError } from './args';
import { diffCommand } from './diff';
import { exportStatus, formatStatus } from './export-status';
import { importCommand, READ_PERMISSIONS } from './import';
import { takeSnapshot } from './snapshot';
import { boundedRetry } from '../handlers/shared/retry';
import { WORKMAIL_REGIONS } from '../private/constants';

export { UsageError, ConfigurationError } from './args';

const snapshotCommand: Command = {
  summary: 'writes the organization\'s configuration as JSON to --output, or to stdout',
  options: { output: { type: 'string', placeholder: '<file>', description: 'write to this file (mode 600) instead of stdout' } },
  permissions: [...READ_PERMISSIONS, 'workmail:GetMailDomain'],
  async run({ client, organizationId, options, out }) {
    const json = JSON.stringify(await takeSnapshot(client, organizationId), undefined, 2) + '\n';
    if (options.output === undefined) {
      out(json);
    } else {
      // The snapshot names every user and address: readable by the owner only.
      writeFileSync(options.output as string, json, { mode: 0o600 });
    }
    return 0;
  },
};

const exportStatusCommand: Command = {
  summary: 'lists mailbox export jobs (all, or one MailboxExport\'s) without starting any',
  options: { export: { type: 'string', placeholder: '<marker>', description: 'only the jobs whose description is this MailboxExport\'s marker' } },
  exitCodes: ['2 some jobs still running'],
  permissions: ['workmail:ListMailboxExportJobs'],
  async run({ client, organizationId, options, out }) {
    const status = await exportStatus(client, organizationId, options.export as string | undefined);
    out(formatStatus(status) + '\n');
    return status.exitCode;
  },
};

/** The commands, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  'snapshot': snapshotCommand,
  'export-status': exportStatusCommand,
  'import': importCommand,
  'diff': diffCommand,
};

/** Where the SDK client comes from: given (tests), or made from --region and --profile. */
export type ClientSource = WorkMailClient | ((settings: { readonly region?: string; readonly profile?: string }) => WorkMailClient);

/** The client the command uses outside tests: the handlers' bounded retry, the usual configuration chain. */
export function defaultClient(settings: { readonly region?: string; readonly profile?: string }): WorkMailClient {
  return new WorkMailClient({
    ...boundedRetry(),
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
  });
}

/** Runs a command line; returns the process exit code. Usage and configuration errors throw. */
export async function main(
  argv: readonly string[],
  clients: ClientSource,
  out: (text: string) => void,
  progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const invocation = parseCommandLine(argv, COMMANDS);
  if (invocation.kind === 'help') {
    out(helpText(COMMANDS, invocation.command));
    return 0;
  }
  if (invocation.kind === 'version') {
    out(`${packageManifest().version}\n`);
    return 0;
  }
  const client = typeof clients === 'function' ? clients(invocation) : clients;
  await checkConfiguration(client);
  const { organizationId, options } = invocation;
  return COMMANDS[invocation.command].run({ organizationId, options, client, out, progress });
}

/** Resolves region and credentials before any call, so that a missing one is named, with the setting that provides it. */
async function checkConfiguration(client: WorkMailClient): Promise<void> {
  try {
    await client.config.region();
  } catch {
    throw new ConfigurationError(`no AWS region: pass --region (WorkMail runs in ${WORKMAIL_REGIONS.join(', ')}), set AWS_REGION, or set region in the profile (~/.aws/config)`);
  }
  try {
    await client.config.credentials();
  } catch (error) {
    throw new ConfigurationError(`no AWS credentials (${(error as Error).message}): pass --profile <name> or set AWS_PROFILE, `
      + 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or sign in with "aws sso login --profile <name>"');
  }
}

if (require.main === module) {
  main(process.argv.slice(2), defaultClient, (text) => process.stdout.write(text))
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      const usage = error instanceof UsageError;
      process.stderr.write(`cdk-workmail: ${error.message}\n${usage ? 'cdk-workmail --help lists the commands and their options\n' : ''}`);
      process.exit(usage ? 64 : error instanceof ConfigurationError ? 78 : 1);
    });
}
