import { join } from 'path';
import { WorkMailClient } from '@aws-sdk/client-workmail';
import { COMMANDS, ConfigurationError, defaultClient, main, UsageError } from '../src/cli';
import { Command, packageManifest, parseCommandLine } from '../src/cli/args';
import { Limiter, OrganizationReader } from '../src/cli/read';

const ORGANIZATION_ID = 'm-0123456789abcdef0123456789abcdef';
let output: string;
beforeEach(() => {
  output = '';
});
const cli = (...args: string[]) => main(args, defaultClient, (text) => void (output += text), () => undefined);

describe('parsing', () => {
  const echo: Command = {
    summary: 'echo',
    options: { out: { type: 'string', valueName: '<dir>', description: 'where' }, dry: { type: 'boolean', description: 'dry' } },
    permissions: [],
    run: async () => 0,
  };
  const commands = { echo };

  test.each([
    [['echo', '--organization-id', ORGANIZATION_ID, '--out', 'x']],
    [['echo', `--organization-id=${ORGANIZATION_ID}`, '--out=x']],
    [['echo', '--out=x', '--organization-id', ORGANIZATION_ID]],
  ])('options as --opt value and --opt=value, in any order %#', (argv) => {
    expect(parseCommandLine(argv, commands)).toEqual({
      kind: 'run', command: 'echo', organizationId: ORGANIZATION_ID, region: undefined, profile: undefined, options: { out: 'x', dry: undefined },
    });
  });

  test('region, profile and a boolean', () => {
    expect(parseCommandLine(['echo', '--organization-id', ORGANIZATION_ID, '--region', 'eu-west-1', '--profile', 'mail', '--dry'], commands))
      .toMatchObject({ region: 'eu-west-1', profile: 'mail', options: { dry: true } });
  });

  test.each([
    [['echo', '--organization-id', ORGANIZATION_ID, '--out'], '--out needs a value: --out <dir>'],
    [['echo', '--organization-id', ORGANIZATION_ID, '--dry=yes'], '--dry takes no value'],
    [['echo', '--organization-id', ORGANIZATION_ID, 'stray'], 'unexpected argument "stray"'],
    [['echo', '--organization-id', ORGANIZATION_ID, '--organisation', 'x'], 'unexpected argument "--organisation"'],
    [['echo', '--organization-id', ORGANIZATION_ID, '--region', 'eu-central-1'], '--region eu-central-1: WorkMail has an API endpoint only in us-east-1, us-west-2, eu-west-1'],
    [['echo'], '--organization-id must be an organization id, "m-" followed by 32 hexadecimal digits'],
    [['nope'], 'unknown command "nope"'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommandLine(argv, commands)).toThrow(new UsageError(message));
  });

  test('--help and --version anywhere win over the rest', () => {
    expect(parseCommandLine([], commands)).toEqual({ kind: 'help', command: undefined });
    expect(parseCommandLine(['--help'], commands)).toEqual({ kind: 'help', command: undefined });
    expect(parseCommandLine(['help', 'echo'], commands)).toEqual({ kind: 'help', command: 'echo' });
    expect(parseCommandLine(['echo', '--help'], commands)).toEqual({ kind: 'help', command: 'echo' });
    expect(parseCommandLine(['echo', '--out', 'x', '--version'], commands)).toEqual({ kind: 'version' });
    expect(parseCommandLine(['-V'], commands)).toEqual({ kind: 'version' });
  });
});

describe('the command', () => {
  test('--help lists every command of the table; a command\'s help its options, exit codes and IAM actions', async () => {
    expect(await cli('--help')).toBe(0);
    for (const name of Object.keys(COMMANDS)) {
      expect(output).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
    output = '';
    expect(await cli('diff', '--help')).toBe(0);
    expect(output).toContain('usage: cdk-workmail diff --organization-id <m-...> [options]');
    expect(output).toMatch(/^ {2}--template <file> +one synthesized template/m);
    expect(output).toMatch(/^ {2}--region <region> +/m);
    expect(output).toContain('exit codes: 0 success, 2 a deploy would create or update something, 1 error');
    expect(output).toContain('IAM actions: workmail:DescribeOrganization, ');
  });

  test('tokens and test take --region and --profile like every command, and answer --help', async () => {
    const settings: unknown[] = [];
    const clients = (given: { region?: string; profile?: string }) => {
      settings.push(given);
      return new WorkMailClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    };
    const run = (...args: string[]) => main(args, clients, (text) => void (output += text), () => undefined);
    // An unknown command of a group is a wrong command line, found before any client is made.
    await expect(run('tokens', 'lost', '--organization-id', ORGANIZATION_ID, '--region', 'eu-west-1', '--profile', 'security'))
      .rejects.toThrow(new UsageError('unknown tokens command "lost": use "tokens list" or "tokens revoke"'));
    await expect(run('test', 'nothing', '--organization-id', ORGANIZATION_ID, '--region=us-west-2'))
      .rejects.toThrow(/unknown test "nothing": use "test access", "test mobile", "test impersonation" or "test availability"/);
    expect(settings).toEqual([]);
    await expect(run('tokens', 'revoke', '--organization-id', ORGANIZATION_ID, '--region', 'eu-west-1', '--profile', 'security'))
      .rejects.toThrow(/name the tokens to revoke/);
    await expect(run('test', 'access', '--organization-id', ORGANIZATION_ID, '--region=us-west-2', '--ip', '192.0.2.1', '--protocol', 'IMAP'))
      .rejects.toThrow(/give --user/);
    expect(settings).toEqual([{ region: 'eu-west-1', profile: 'security' }, { region: 'us-west-2', profile: undefined }]);
    await expect(run('tokens', 'list', '--organization-id', ORGANIZATION_ID, '--region', 'eu-central-1'))
      .rejects.toThrow(new UsageError('--region eu-central-1: WorkMail has an API endpoint only in us-east-1, us-west-2, eu-west-1'));
    expect(await run('test', '--help')).toBe(0);
    expect(output).toContain('usage: cdk-workmail test access|mobile|impersonation|availability');
    expect(output).toContain('[--region <region>] [--profile <name>]');
  });

  test('--version prints the package\'s version', async () => {
    expect(await cli('import', '--version')).toBe(0);
    expect(output).toBe(`${packageManifest(join(__dirname, '..', 'src', 'cli')).version}\n`);
    // The commands that parse their own arguments too, before any AWS setting is needed.
    output = '';
    expect(await cli('tokens', 'list', '--version')).toBe(0);
    expect(output).toBe(`${packageManifest(join(__dirname, '..', 'src', 'cli')).version}\n`);
  });

  describe('without AWS configuration', () => {
    const saved = { ...process.env };
    beforeEach(() => {
      for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) {
        delete process.env[name];
      }
      Object.assign(process.env, {
        AWS_CONFIG_FILE: join(__dirname, 'no-such-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(__dirname, 'no-such-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
      });
    });
    afterEach(() => {
      process.env = { ...saved };
    });

    test('a missing region names the settings that give one', async () => {
      const missing = cli('snapshot', '--organization-id', ORGANIZATION_ID);
      await expect(missing).rejects.toBeInstanceOf(ConfigurationError);
      await expect(cli('snapshot', '--organization-id', ORGANIZATION_ID)).rejects.toThrow(/^no AWS region: pass --region \(WorkMail runs in us-east-1, us-west-2, eu-west-1\), set AWS_REGION/);
      await expect(cli('tokens', 'list', '--organization-id', ORGANIZATION_ID)).rejects.toThrow(/^no AWS region: pass --region/);
    });

    test('missing credentials name the settings that give them', async () => {
      await expect(cli('snapshot', '--organization-id', ORGANIZATION_ID, '--region', 'us-east-1'))
        .rejects.toThrow(/^no AWS credentials \(.*\): pass --profile <name> or set AWS_PROFILE, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
      await expect(cli('test', 'access', '--organization-id', ORGANIZATION_ID, '--region', 'us-east-1')).rejects.toThrow(/^no AWS credentials/);
    }, 30_000);
  });
});

test('a reader follows NextToken to the last page, asking for pages of 100', async () => {
  const asked: unknown[] = [];
  const pages: Record<string, { items: number[]; NextToken?: string }> = { start: { items: [1, 2], NextToken: 'b' }, b: { items: [3], NextToken: 'c' }, c: { items: [] } };
  const reader = new OrganizationReader(new WorkMailClient({ region: 'us-east-1' }));
  const all = await reader.everyPage(async (next) => {
    asked.push(next);
    return pages[next.NextToken ?? 'start'];
  }, (page) => page.items);
  expect(all).toEqual([1, 2, 3]);
  expect(asked).toEqual([{ NextToken: undefined, MaxResults: 100 }, { NextToken: 'b', MaxResults: 100 }, { NextToken: 'c', MaxResults: 100 }]);
});

test('the limiter runs at most its bound at once, and everything it is given', async () => {
  const limiter = new Limiter(3);
  let running = 0;
  let most = 0;
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4)));
    running--;
    return i;
  })));
  expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  expect(most).toBe(3);
  await expect(limiter.run(async () => {
    throw new Error('failed');
  })).rejects.toThrow('failed');
  expect(await limiter.run(async () => 'still runs')).toBe('still runs');
});
