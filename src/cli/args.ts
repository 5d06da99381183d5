/**
 * The command line's grammar: `cdk-workmail <command> [<subcommand>] [--option value | --option=value]...`,
 * parsed with `node:util` parseArgs. Every command takes the common options; each adds its own.
 * A group (`tokens`, `test`) is a command whose first argument names one of its commands.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { parseArgs } from 'util';
import type { WorkMailClient } from '@aws-sdk/client-workmail';
import { ORGANIZATION_ID_PATTERN, WORKMAIL_REGIONS } from '../private/constants';

/** One option of a command. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Shown in the help, e.g. `<file>`; string options only. */
  readonly valueName?: string;
  /** May be given more than once; its value is then the list of values. */
  readonly multiple?: boolean;
  /** The one-letter form, e.g. `h` for `-h`. */
  readonly short?: string;
  readonly description: string;
}

/** An option's value: absent, a flag, a string, or the strings of a repeatable option. */
export type OptionValue = string | boolean | readonly string[] | undefined;

/** What a command gets to run with. */
export interface CommandContext {
  readonly organizationId: string;
  /** The command's own options, by name; absent ones are undefined. */
  readonly options: Readonly<Record<string, OptionValue>>;
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

/**
 * A group of commands named by their first argument (`tokens list`, `test access`); each has its
 * own options, exit codes and permissions.
 */
export interface CommandGroup {
  /** One line, for the list of commands. */
  readonly summary: string;
  /** What the group calls its commands in the message about an unknown one, e.g. `tokens command`. */
  readonly noun: string;
  readonly commands: Readonly<Record<string, Command>>;
}

/** The command table: commands and groups of commands, by name. */
export type CommandTable = Readonly<Record<string, Command | CommandGroup>>;

/** The command line is wrong: exit code 64 (EX_USAGE). One class for every command. */
export class UsageError extends Error {}

/** A setting the AWS SDK needs is missing (region, credentials): exit code 78 (EX_CONFIG). */
export class ConfigurationError extends Error {}

/** Options every command takes. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'organization-id': { type: 'string', valueName: '<m-...>', description: 'the organization, "m-" and 32 hexadecimal digits (required)' },
  'region': { type: 'string', valueName: '<region>', description: `the organization's region (${WORKMAIL_REGIONS.join(', ')}); default: AWS_REGION or the profile's region` },
  'profile': { type: 'string', valueName: '<name>', description: 'the AWS profile to read credentials and region from; default: AWS_PROFILE or "default"' },
  'help': { type: 'boolean', short: 'h', description: 'print this help and exit' },
  'version': { type: 'boolean', short: 'V', description: 'print the version and exit' },
};

/** A parsed command line. */
export type Invocation =
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'version' }
  | {
    readonly kind: 'run';
    /** The command's name; in a group, the group's and the command's (`tokens list`). */
    readonly command: string;
    readonly organizationId: string;
    readonly region?: string;
    readonly profile?: string;
    readonly options: Readonly<Record<string, OptionValue>>;
  };

/** Parses `argv` (without node and the script) against the command table. */
export function parseCommandLine(argv: readonly string[], commands: CommandTable): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { kind: 'help', command: first === 'help' && rest[0] !== undefined ? helpTopic(rest, commands) : undefined };
  }
  if (first === '--version' || first === '-V') {
    return { kind: 'version' };
  }
  let name = known(first, commands);
  let args = rest;
  const entry = commands[name];
  let command: Command;
  if (isGroup(entry)) {
    const [sub, ...after] = rest;
    if (sub === undefined || !Object.prototype.hasOwnProperty.call(entry.commands, sub)) {
      // --help and --version win over the rest, as they do after any command.
      if (rest.some((arg) => arg === '--help' || arg === '-h')) {
        return { kind: 'help', command: name };
      }
      if (rest.some((arg) => arg === '--version' || arg === '-V')) {
        return { kind: 'version' };
      }
      throw new UsageError(`unknown ${entry.noun} ${JSON.stringify(sub ?? '')}: use ${either(Object.keys(entry.commands).map((c) => `"${name} ${c}"`))}`);
    }
    name = `${name} ${sub}`;
    args = after;
    command = entry.commands[sub];
  } else {
    command = entry;
  }
  const specs = { ...COMMON_OPTIONS, ...command.options };
  const { values, tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(specs).map(([option, spec]) => [option, {
      type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short === undefined ? {} : { short: spec.short }),
    }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (values.help === true) {
    return { kind: 'help', command: name };
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
  const options = Object.fromEntries(Object.keys(command.options).map((option) => [option, values[option]]));
  return { kind: 'run', command: name, organizationId, region, profile: values.profile as string | undefined, options };
}

/** The command of a name the parser returned (`snapshot`, `tokens list`). */
export function commandNamed(commands: CommandTable, name: string): Command {
  const [first, sub] = name.split(' ');
  const entry = commands[first];
  return isGroup(entry) ? entry.commands[sub] : entry;
}

function isGroup(entry: Command | CommandGroup): entry is CommandGroup {
  return 'commands' in entry;
}

/** `help <command> [<command of the group>]`: what to describe. */
function helpTopic(args: readonly string[], commands: CommandTable): string {
  const [first, sub] = args;
  const entry = commands[known(first, commands)];
  return isGroup(entry) && sub !== undefined && Object.prototype.hasOwnProperty.call(entry.commands, sub) ? `${first} ${sub}` : first;
}

function known(command: string, commands: CommandTable): string {
  if (!Object.prototype.hasOwnProperty.call(commands, command)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
  return command;
}

/** "a" or "b"; "a", "b" or "c". */
function either(choices: readonly string[]): string {
  return choices.length === 1 ? choices[0] : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

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

/** The string value of a command's option, or a usage error when it is required and missing. */
export function option(options: Readonly<Record<string, OptionValue>>, name: string, required: true): string;
export function option(options: Readonly<Record<string, OptionValue>>, name: string, required?: false): string | undefined;
export function option(options: Readonly<Record<string, OptionValue>>, name: string, required = false): string | undefined {
  const value = options[name];
  if (value === undefined && required) {
    throw new UsageError(`--${name} is required`);
  }
  return value as string | undefined;
}

/** The list of commands, a group's commands, or one command's options, exit codes and permissions. */
export function helpText(commands: CommandTable, command?: string): string {
  if (command === undefined) {
    return [
      'usage: cdk-workmail <command> --organization-id <m-...> [options]',
      '',
      'commands:',
      ...summaries(commands),
      '',
      'cdk-workmail <command> --help describes a command. Credentials and region come from the usual AWS',
      'configuration (environment, profile, SSO), or --profile and --region.',
      'exit codes: 0 success, 1 error, 64 wrong command line, 78 region or credentials missing; some commands add 2.',
      '',
    ].join('\n');
  }
  const entry = commands[command];
  if (entry !== undefined && isGroup(entry)) {
    return [
      `usage: cdk-workmail ${command} ${Object.keys(entry.commands).join('|')} --organization-id <m-...> [--region <region>] [--profile <name>] [options]`,
      '',
      entry.summary,
      '',
      'commands:',
      ...summaries(entry.commands),
      '',
      `cdk-workmail ${command} <command> --help describes one: its options, exit codes and IAM actions.`,
      '',
    ].join('\n');
  }
  const spec = commandNamed(commands, command);
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

/** One line per command: its name and summary, aligned. */
function summaries(commands: Readonly<Record<string, { readonly summary: string }>>): string[] {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return Object.entries(commands).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`);
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
