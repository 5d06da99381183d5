/**
 * `cdk-workmail tokens`: the personal access tokens of an organization's users, listed or
 * revoked, for incident response. Revoking needs `--yes`; without it the command only shows
 * what it would revoke.
 */
import {
  DeletePersonalAccessTokenCommand,
  GetPersonalAccessTokenMetadataCommand,
  paginateListPersonalAccessTokens,
  PersonalAccessTokenSummary,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { CommandGroup, option, OptionValue, UsageError } from './args';
import { describeUser } from './read';
import { listAll } from '../handlers/shared/paginate';

/** `tokens revoke` without `--yes`: nothing was revoked. */
export const NOT_CONFIRMED = 3;

const USER_OPTION = { user: { type: 'string', valueName: '<name|id|email>', description: 'the tokens of this user (id, user name or email address)' } } as const;

export const tokensCommands: CommandGroup = {
  summary: 'list|revoke: the users\' personal access tokens (exit 3: revoke without --yes)',
  noun: 'tokens command',
  commands: {
    list: {
      summary: 'lists the personal access tokens of every user, or of one',
      options: { ...USER_OPTION, json: { type: 'boolean', description: 'print a JSON document instead of lines' } },
      permissions: ['workmail:ListPersonalAccessTokens', 'workmail:DescribeUser (with --user)'],
      async run({ client, organizationId, options, out }) {
        const found = await listTokens(client, organizationId, option(options, 'user'));
        out(options.json ? JSON.stringify(found, undefined, 2) + '\n' : formatTokens(found) + '\n');
        return 0;
      },
    },
    revoke: {
      summary: 'revokes tokens named by --token, or every token of --user; without --yes only shows them',
      options: {
        token: { type: 'string', multiple: true, valueName: '<id>', description: 'a token to revoke (repeatable)' },
        ...USER_OPTION,
        yes: { type: 'boolean', description: 'revoke; without it nothing is revoked' },
      },
      exitCodes: [`${NOT_CONFIRMED} nothing revoked (no --yes)`],
      permissions: [
        'workmail:GetPersonalAccessTokenMetadata (with --token)', 'workmail:ListPersonalAccessTokens and workmail:DescribeUser (with --user)',
        'workmail:DeletePersonalAccessToken',
      ],
      run: ({ client, organizationId, options, out }) => revoke(client, organizationId, options, out),
    },
  },
};

/** Every token of the organization, or of one user (all pages). */
export async function listTokens(client: WorkMailClient, organizationId: string, user?: string): Promise<PersonalAccessTokenSummary[]> {
  const userId = user === undefined ? undefined : (await describeUser(client, organizationId, user)).id;
  return listAll(
    paginateListPersonalAccessTokens({ client }, { OrganizationId: organizationId, UserId: userId }),
    (page) => page.PersonalAccessTokenSummaries,
  );
}

/** `--token <id>` (repeatable) or `--user <name|id|email>` (all that user's tokens), and `--yes`. */
async function revoke(
  client: WorkMailClient, organizationId: string, options: Readonly<Record<string, OptionValue>>, out: (text: string) => void,
): Promise<number> {
  const ids = options.token as readonly string[] | undefined;
  const user = option(options, 'user');
  if ((ids === undefined) === (user === undefined)) {
    throw new UsageError('name the tokens to revoke: --token <id> (repeatable) or --user <name|id|email>, not both');
  }
  const targets = ids === undefined ? await listTokens(client, organizationId, user) : [];
  // One call at a time: WorkMail throttles bursts.
  for (const id of ids ?? []) {
    targets.push(await client.send(new GetPersonalAccessTokenMetadataCommand({ OrganizationId: organizationId, PersonalAccessTokenId: id })));
  }
  if (!options.yes) {
    out(`${formatTokens(targets)}\nnothing revoked: run again with --yes to revoke ${targets.length} token(s)\n`);
    return NOT_CONFIRMED;
  }
  for (const token of targets) {
    await client.send(new DeletePersonalAccessTokenCommand({ OrganizationId: organizationId, PersonalAccessTokenId: token.PersonalAccessTokenId }));
    out(`revoked ${token.PersonalAccessTokenId} (${token.Name ?? 'unnamed'}) of user ${token.UserId}\n`);
  }
  return 0;
}

/** One line per token: id, user, name, created, last used, expiry, scopes. */
export function formatTokens(list: readonly PersonalAccessTokenSummary[]): string {
  const date = (value: Date | undefined) => value?.toISOString() ?? '-';
  const lines = list.map((token) => [
    token.PersonalAccessTokenId, token.UserId, token.Name ?? '-', date(token.DateCreated), date(token.DateLastUsed),
    token.ExpiresTime === undefined ? 'never' : date(token.ExpiresTime), (token.Scopes ?? []).join(',') || '-',
  ].join('\t'));
  return ['TOKEN\tUSER\tNAME\tCREATED\tLAST USED\tEXPIRES\tSCOPES', ...lines].join('\n');
}
