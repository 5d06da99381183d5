#!/usr/bin/env node
/**
 * `cdk-workmail`: the commands that leave WorkMail with everything, shipped with the package.
 *
 *   cdk-workmail snapshot --organization-id m-... [--output snapshot.json]
 *   cdk-workmail export-status --organization-id m-... [--export "cdk-workmail export <id>"] [--report s3://bucket/key] [--watch <seconds>]
 *   cdk-workmail tokens list|revoke --organization-id m-... ...
 *   cdk-workmail test access|mobile|impersonation|availability --organization-id m-... ...
 *
 * Credentials and region come from the usual AWS configuration (profile, environment, SSO).
 */
import { writeFileSync } from 'fs';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { UsageError } from './arguments';
import {
  exportStatus, formatReport, formatStatus, parseReportUrl, readExportReport, reportClient, reportExitCode, watch,
} from './export-status';
import { test } from './posture';
import { takeSnapshot } from './snapshot';
import { tokens } from './tokens';
import { boundedRetry } from '../handlers/shared/retry';
import { ORGANIZATION_ID_PATTERN } from '../private/constants';

const USAGE = `usage:
  cdk-workmail snapshot --organization-id <m-...> [--output <file>]
      writes the organization's configuration as JSON to <file>, or to stdout
  cdk-workmail export-status --organization-id <m-...> [--export <marker>] [--report <s3://bucket/key>] [--watch <seconds>]
      lists mailbox export jobs (all, or one MailboxExport's: its jobs' description) without starting any;
      with --report (the MailboxExport's Report output): its progress, sizes and verification per mailbox;
      with --watch: reads again every <seconds> (progress on stderr) until nothing runs;
      exit code 0: all completed (and verified), 2: some still running, 1: some failed, were refused or cancelled
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
      const read = exportStatusReader(client, organizationId, options);
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
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`);
  }
}

export { UsageError };

/** Reads the export's report when `--report` names it, else WorkMail's job list. */
function exportStatusReader(client: WorkMailClient, organizationId: string, options: Record<string, string>) {
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
  const s3 = reportClient();
  return async () => {
    const report = await readExportReport(s3, url);
    if (report.organizationId !== organizationId) {
      throw new UsageError(`${options.report} is the report of organization ${report.organizationId}, not ${organizationId}`);
    }
    return { text: formatReport(report), summary: formatReport(report).split('\n')[0], exitCode: reportExitCode(report) };
  };
}

function parseOptions(args: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = /^--([a-z-]+)$/.exec(args[i])?.[1];
    if (name === undefined || !['organization-id', 'output', 'export', 'report', 'watch'].includes(name) || args[i + 1] === undefined) {
      throw new UsageError(`unexpected argument ${JSON.stringify(args[i])}`);
    }
    options[name] = args[i + 1];
  }
  return options;
}

if (require.main === module) {
  // The SDK is bundled into this command, so its warning that later SDK releases need Node.js 22 is not the user's concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2), new WorkMailClient(boundedRetry()), (text) => process.stdout.write(text))
    .then((code) => process.exit(code))
    .catch((error: Error) => {
      process.stderr.write(`cdk-workmail: ${error.message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
      process.exit(error instanceof UsageError ? 64 : 1);
    });
}
