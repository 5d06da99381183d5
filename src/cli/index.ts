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
import { Command, CommandTable, commandNamed, ConfigurationError, helpText, packageManifest, parseCommandLine, UsageError } from './args';
import { diffCommand } from './diff';
import {
  exportStatus, formatReport, formatStatus, parseReportUrl, readExportReport, reportClient, reportExitCode, watch,
} from './export-status';
import { CONCURRENCY_OPTION, concurrencyOf, importCommand, READ_PERMISSIONS } from './import';
import { testCommands } from './posture';
import { takeSnapshot } from './snapshot';
import { tokensCommands } from './tokens';
import { boundedRetry } from '../handlers/shared/retry';
import { WORKMAIL_REGIONS } from '../private/constants';

export { UsageError, ConfigurationError } from './args';

const snapshotCommand: Command = {
  summary: 'writes the organization\'s configuration as JSON to --output, or to stdout',
  options: {
    output: { type: 'string', valueName: '<file>', description: 'write to this file (mode 600) instead of stdout' },
    ...CONCURRENCY_OPTION,
  },
  permissions: [...READ_PERMISSIONS, 'workmail:GetMailDomain', 'workmail:DescribeGroup', 'workmail:DescribeIdentityProviderConfiguration'],
  async run({ client, organizationId, options, out }) {
    const snapshot = await takeSnapshot(client, organizationId, new Date(), concurrencyOf(options.concurrency));
    const json = JSON.stringify(snapshot, undefined, 2) + '\n';
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
  summary: 'lists mailbox export jobs (all, or one MailboxExport\'s) without starting any; with --report its verified report',
  options: {
    export: { type: 'string', valueName: '<marker>', description: 'only the jobs whose description is this MailboxExport\'s marker' },
    report: { type: 'string', valueName: '<s3://bucket/key>', description: 'the MailboxExport\'s Report output: progress, sizes and verification per mailbox' },
    watch: { type: 'string', valueName: '<seconds>', description: 'read again every <seconds> (progress on stderr) until nothing runs or something failed' },
  },
  exitCodes: ['1 an error, or a mailbox export failed, was refused or cancelled (even while others still run)', '2 some still running, none failed'],
  permissions: ['workmail:ListMailboxExportJobs', 's3:GetObject (with --report)', 'kms:Decrypt (with --report)'],
  async run({ client, organizationId, options, out }) {
    const read = exportStatusReader(client, organizationId, options as Record<string, string | undefined>);
    if (options.watch === undefined) {
      const status = await read();
      out(status.text + '\n');
      return status.exitCode;
    }
    const seconds = Number(options.watch);
    if (!(seconds > 0)) {
      throw new UsageError('--watch takes the seconds between reads, a positive number');
    }
    return watch(read, seconds, (ms) => new Promise((resolve) => setTimeout(resolve, ms)), out, (text) => process.stderr.write(text));
  },
};

/** Reads the export's report when `--report` names it, else WorkMail's job list. */
function exportStatusReader(client: WorkMailClient, organizationId: string, options: Record<string, string | undefined>) {
  if (options.report === undefined) {
    return async () => {
      const status = await exportStatus(client, organizationId, options.export);
      const running = status.jobs.filter((job) => job.State === 'RUNNING').length;
      return { text: formatStatus(status), summary: `${status.jobs.length - running} of ${status.jobs.length} jobs ended; ${running} running`, exitCode: status.exitCode };
    };
  }
  const url = parseReportUrl(options.report);
  if (url === undefined) {
    throw new UsageError('--report takes the s3://<bucket>/<key> URL of the MailboxExport\'s Report stack output');
  }
  const s3 = reportClient(client);
  return async () => {
    const report = await readExportReport(s3, url);
    if (report.organizationId !== organizationId) {
      throw new UsageError(`${options.report} is the report of organization ${report.organizationId}, not ${organizationId}`);
    }
    const text = formatReport(report);
    return { text, summary: text.split('\n')[0], exitCode: reportExitCode(report) };
  };
}

/** The commands, by name: a line each, or a group of commands (`tokens list`, `test access`). */
export const COMMANDS: CommandTable = {
  'snapshot': snapshotCommand,
  'export-status': exportStatusCommand,
  'import': importCommand,
  'diff': diffCommand,
  'tokens': tokensCommands,
  'test': testCommands,
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
  const client = typeof clients === 'function' ? clients({ region: invocation.region, profile: invocation.profile }) : clients;
  await checkConfiguration(client);
  const { organizationId, options } = invocation;
  return commandNamed(COMMANDS, invocation.command).run({ organizationId, options, client, out, progress });
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
  // The SDK is bundled into this command, so its warning that later SDK releases need Node.js 22 is not the user's concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2), defaultClient, (text) => process.stdout.write(text))
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      const usage = error instanceof UsageError;
      process.stderr.write(`cdk-workmail: ${error.message}\n${usage ? 'cdk-workmail --help lists the commands and their options\n' : ''}`);
      process.exit(usage ? 64 : error instanceof ConfigurationError ? 78 : 1);
    });
}
