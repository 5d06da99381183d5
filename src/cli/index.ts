#!/usr/bin/env node
/**
 * `cdk-workmail`: the commands that leave WorkMail with everything, shipped with the package.
 *
 *   cdk-workmail snapshot --organization-id m-... [--output snapshot.json]
 *   cdk-workmail export-status --organization-id m-... [--export "cdk-workmail export <id>"]
 *   cdk-workmail tokens list|revoke --organization-id m-... ...
 *   cdk-workmail test access|mobile|impersonation|availability --organization-id m-... ...
 *
 * Credentials and region come from the usual AWS configuration (profile, environment, SSO).
 */
import { writeFileSync } from 'fs';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { UsageError } from './arguments';
import { exportStatus, formatStatus } from './export-status';
import { test } from './posture';
import { takeSnapshot } from './snapshot';
import { tokens } from './tokens';
import { boundedRetry } from '../handlers/shared/retry';
import { ORGANIZATION_ID_PATTERN } from '../private/constants';

const USAGE = `usage:
  cdk-workmail snapshot --organization-id <m-...> [--output <file>]
      writes the organization's configuration as JSON to <file>, or to stdout
  cdk-workmail export-status --organization-id <m-...> [--export <marker>]
      lists mailbox export jobs (all, or one MailboxExport's: its jobs' description) without starting any;
      exit code 0: all completed, 2: some still running, 1: some failed or were cancelled
  cdk-workmail tokens list --organization-id <m-...> [--user <name|id|email>] [--json]
      lists the users' personal access tokens (all, or one user's)
  cdk-workmail tokens revoke --organization-id <m-...> (--token <id>... | --user <name|id|email>) [--yes]
      revokes (deletes) tokens; without --yes only shows them, exit code 3
  cdk-workmail test access --organization-id <m-...> (--user <name|id|email> | --impersonation-role <id>)
      --ip <a.b.c.d> --protocol <ActiveSync|AutoDiscover|EWS|IMAP|SMTP|WindowsOutlook|WebMail> [--app <cdk.out>]
  cdk-workmail test mobile --organization-id <m-...> [--device-type <t>] [--device-model <m>] [--device-os <os>]
      [--device-user-agent <ua>] [--app <cdk.out>]
  cdk-workmail test impersonation --organization-id <m-...> --role <id> --target <name|id|email> [--app <cdk.out>]
      the live answer; with --app also the offline answer from the synthesized rules:
      exit code 0: they agree (or no --app), 2: they disagree (each difference is printed)
  cdk-workmail test availability --organization-id <m-...> --domain <domain>
      exit code 0: the availability provider answered, 2: the test failed`;

/** Runs a command; returns the process exit code. */
export async function main(argv: readonly string[], client: WorkMailClient, out: (text: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'tokens') {
    return tokens(rest, client, out);
  }
  if (command === 'test') {
    return test(rest, client, out);
  }
  const options = parseOptions(rest);
  const organizationId = options['organization-id'];
  if (organizationId === undefined || !ORGANIZATION_ID_PATTERN.test(organizationId)) {
    throw new UsageError('--organization-id must be an organization id, "m-" followed by 32 hexadecimal digits');
  }
  switch (command) {
    case 'snapshot': {
      const json = JSON.stringify(await takeSnapshot(client, organizationId), undefined, 2) + '\n';
      if (options.output === undefined) {
        out(json);
      } else {
        // The snapshot names every user and address: readable by the owner only.
        writeFileSync(options.output, json, { mode: 0o600 });
      }
      return 0;
    }
    case 'export-status': {
      const status = await exportStatus(client, organizationId, options.export);
      out(formatStatus(status) + '\n');
      return status.exitCode;
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  }
}

export { UsageError };

function parseOptions(args: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = /^--([a-z-]+)$/.exec(args[i])?.[1];
    if (name === undefined || !['organization-id', 'output', 'export'].includes(name) || args[i + 1] === undefined) {
      throw new UsageError(`unexpected argument ${JSON.stringify(args[i])}`);
    }
    options[name] = args[i + 1];
  }
  return options;
}

if (require.main === module) {
  main(process.argv.slice(2), new WorkMailClient(boundedRetry()), (text) => process.stdout.write(text))
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(`cdk-workmail: ${error.message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
      process.exit(error instanceof UsageError ? 64 : 1);
    });
}
