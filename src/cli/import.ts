/** `cdk-workmail import`: a live organization as a CDK app that deploys with zero changes. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { Command, OptionValue, packageManifest, UsageError } from './args';
import { generateApp } from './codegen';
import { DEFAULT_CONCURRENCY, readOrganization } from './read';

/** The read-only actions `import` and `diff` call. */
export const READ_PERMISSIONS: readonly string[] = [
  'workmail:DescribeOrganization', 'workmail:ListTagsForResource', 'workmail:ListMailDomains',
  'workmail:ListUsers', 'workmail:DescribeUser', 'workmail:GetMailboxDetails', 'workmail:ListAliases',
  'workmail:ListGroups', 'workmail:ListGroupMembers', 'workmail:ListResources', 'workmail:DescribeResource',
  'workmail:ListResourceDelegates', 'workmail:ListMailboxPermissions', 'workmail:ListAccessControlRules',
  'workmail:ListImpersonationRoles', 'workmail:GetImpersonationRole', 'workmail:ListMobileDeviceAccessRules',
  'workmail:ListMobileDeviceAccessOverrides', 'workmail:GetDefaultRetentionPolicy',
  'workmail:DescribeInboundDmarcSettings', 'workmail:DescribeEmailMonitoringConfiguration',
  'workmail:ListAvailabilityConfigurations',
];

/** Options of `import` and `diff`'s reading. */
export const CONCURRENCY_OPTION = {
  concurrency: { type: 'string', valueName: '<n>', description: `WorkMail calls in flight at once (default ${DEFAULT_CONCURRENCY})` },
} as const;

/** The --concurrency value as a number. */
export function concurrencyOf(value: OptionValue): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--concurrency ${String(value)}: a whole number from 1 to 64`);
  }
  return n;
}

export const importCommand: Command = {
  summary: 'writes the organization as a CDK app in TypeScript to --out, every object adopted as it is',
  options: {
    out: { type: 'string', valueName: '<dir>', description: 'the directory to write the app to: new or empty (required)' },
    ...CONCURRENCY_OPTION,
  },
  permissions: READ_PERMISSIONS,
  async run({ client, organizationId, options, out, progress }) {
    const dir = options.out;
    if (typeof dir !== 'string') {
      throw new UsageError('--out <dir> is required: the directory to write the app to');
    }
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new UsageError(`--out ${dir} is not empty: import writes a new app, and overwrites nothing`);
    }
    const org = await readOrganization(client, organizationId, { concurrency: concurrencyOf(options.concurrency), progress });
    const manifest = packageManifest();
    const peer = (name: string) => (manifest.peerDependencies?.[name] ?? '').replace(/^[^\d]*/, '');
    const app = generateApp(org, {
      region: await client.config.region(),
      libraryVersion: manifest.version,
      cdkVersion: peer('aws-cdk-lib'),
      constructsVersion: peer('constructs'),
    });
    for (const [file, text] of Object.entries(app.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    out(`wrote ${Object.keys(app.files).length} files to ${dir}: ${app.stacks.map((stack) => `${stack.stackId} (about ${stack.estimatedResources} resources)`).join(', ')}\n`);
    for (const gap of org.gaps) {
      progress(`not read, ${gap.permission} missing: ${gap.what}`);
    }
    out('next: npm install, then npx cdk synth; cdk-workmail diff --app cdk.out shows what a deploy would change\n');
    return 0;
  },
};
