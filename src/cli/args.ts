/**
 * The command line's grammar: `cdk-workmail <command> [--option value | --option=value]...`,
 * parsed with `node:util` parseArgs. Every command takes the common options; each adds its own.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { parseArgs } from 'util';
import type { WorkMailClient } from '@aws-sdk/client-workmail';
import { checkOrganizationId, checkRegion, UsageError } from './arguments';
import { WORKMAIL_REGIONS } from '../private/constants';

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Shown in the help, e.g. `<file>`; string options only. */
  readonly valueName?: string;
  readonly description: string;
}

/** What a command gets to run with. */
export interface CommandContext {
  readonly organizationId: string;
  /** The command's own options, by name; absent ones are undefined. */
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly client: WorkMailClient;
  /** The command's result (stdout). */
  readonly out: (text: string) => void;
  /** Progress of long reads (stderr), one line per call. */
  readonly progress: (line: string) => void;
}

/** A command of the table in `index.ts`. */
export interface Command {
  /** One line, for the list of commands. */
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Exit codes besides 0 (success), 1 (error), 64 (usage) and 78 (configuration), e.g. `2: changes pending`. */
  readonly exitCodes?: readonly string[];
  /** The IAM actions the command calls, for its help and the README. */
  readonly permissions: readonly string[];
  /** Returns the process exit code. */
  run(context: CommandContext): Promise<number>;
}

/** The command line is wrong: exit code 64 (EX_USAGE). One class for every command. */
export { UsageError };

/** A setting the AWS SDK needs is missing (region, credentials): exit code 78 (EX_CONFIG). */
export class ConfigurationError extends Error {}

/** Options every command takes. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'organization-id': { type: 'string', valueName: '<m-...>', description: 'the organization, "m-" and 32 hexadecimal digits (required)' },
  'region': { type: 'string', valueName: '<region>', description: `the organization's region (${WORKMAIL_REGIONS.join(', ')}); default: AWS_REGION or the profile's region` },
  'profile': { type: 'string', valueName: '<name>', description: 'the AWS profile to read credentials and region from; default: AWS_PROFILE or "default"' },
  'help': { type: 'boolean', description: 'print this help and exit' },
  'version': { type: 'boolean', description: 'print the version and exit' },
};

/** A parsed command line. */
export type Invocation =
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'version' }
  | {
    readonly kind: 'run';
    readonly command: string;
    readonly organizationId: string;
    readonly region?: string;
    readonly profile?: string;
    readonly options: Readonly<Record<string, string | boolean | undefined>>;
  };

/** Parses `argv` (without node and the script) against the command table. */
export function parseCommandLine(argv: readonly string[], commands: Readonly<Record<string, Command>>): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { kind: 'help', command: first === 'help' && rest[0] !== undefined ? known(rest[0], commands) : undefined };
  }
  if (first === '--version' || first === '-V') {
    return { kind: 'version' };
  }
  const command = known(first, commands);
  const specs = { ...COMMON_OPTIONS, ...commands[command].options };
  const { values, tokens } = parseArgs({
    args: [...rest],
    options: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (values.help === true) {
    return { kind: 'help', command };
  }
  if (values.version === true) {
    return { kind: 'version' };
  }
  for (const token of tokens) {
    if (token.kind === 'positional' || (token.kind === 'option' && specs[token.name] === undefined)) {
      throw new UsageError(`unexpected argument ${JSON.stringify(token.kind === 'positional' ? token.value : token.rawName)}`);
    }
    if (token.kind === 'option' && specs[token.name].type === 'string' && token.value === undefined) {
      throw new UsageError(`${token.rawName} needs a value: ${token.rawName} ${specs[token.name].valueName ?? '<value>'}`);
    }
    if (token.kind === 'option' && specs[token.name].type === 'boolean' && token.inlineValue === true) {
      throw new UsageError(`${token.rawName} takes no value`);
    }
  }
  const organizationId = checkOrganizationId(values['organization-id']);
  const region = values.region as string | undefined;
  checkRegion(region);
  const options = Object.fromEntries(Object.keys(commands[command].options).map((name) => [name, values[name]]));
  return { kind: 'run', command, organizationId, region, profile: values.profile as string | undefined, options };
}

function known(command: string, commands: Readonly<Record<string, Command>>): string {
  if (!Object.prototype.hasOwnProperty.call(commands, command)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
  return command;
}

/** The list of commands (with `others`, which parse their own arguments), or one command's options, exit codes and permissions. */
export function helpText(
  commands: Readonly<Record<string, Command>>, command?: string, others: Readonly<Record<string, { readonly summary: string }>> = {},
): string {
  if (command === undefined) {
    const summaries = { ...commands, ...others };
    const width = Math.max(...Object.keys(summaries).map((name) => name.length));
    return [
      'usage: cdk-workmail <command> --organization-id <m-...> [options]',
      '',
      'commands:',
      ...Object.entries(summaries).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`),
      '',
      'cdk-workmail <command> --help describes a command. Credentials and region come from the usual AWS',
      'configuration (environment, profile, SSO), or --profile and --region.',
      'exit codes: 0 success, 1 error, 64 wrong command line, 78 region or credentials missing; some commands add 2.',
      '',
    ].join('\n');
  }
  const spec = commands[command];
  const options = { ...spec.options, ...COMMON_OPTIONS };
  const flag = (name: string) => `--${name}${options[name].valueName ? ` ${options[name].valueName}` : ''}`;
  const width = Math.max(...Object.keys(options).map((name) => flag(name).length));
  return [
    `usage: cdk-workmail ${command} --organization-id <m-...> [options]`,
    '',
    spec.summary,
    '',
    'options:',
    ...Object.keys(options).map((name) => `  ${flag(name).padEnd(width)}  ${options[name].description}`),
    '',
    `exit codes: ${exitCodes(spec.exitCodes ?? []).join(', ')}`,
    `IAM actions: ${spec.permissions.join(', ')}`,
    '',
  ].join('\n');
}

/** A command's exit codes, then the codes every command has that it does not describe itself. */
function exitCodes(own: readonly string[]): string[] {
  const common = ['1 error', '64 wrong command line', '78 region or credentials missing'];
  const number = (code: string) => code.split(' ')[0];
  return ['0 success', ...own, ...common.filter((code) => !own.some((described) => number(described) === number(code)))];
}

/** What the command needs of the installed package's manifest. */
export interface PackageManifest {
  readonly version: string;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** The installed package's manifest: the nearest package.json named cdk-workmail above this file. */
export function packageManifest(from: string = __dirname): PackageManifest {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.name === 'cdk-workmail') {
        return manifest;
      }
    }
    if (dirname(dir) === dir) {
      throw new Error(`no package.json of cdk-workmail above ${from}`);
    }
  }
}
