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
import { describeUser, option, parseCommandLine, UsageError } from './arguments';
import { listAll } from '../handlers/shared/paginate';

/** `tokens revoke` without `--yes`: nothing was revoked. */
export const NOT_CONFIRMED = 3;

export async function tokens(args: readonly string[], client: WorkMailClient, out: (text: string) => void): Promise<number> {
  const [subcommand, ...rest] = args;
  switch (subcommand) {
    case 'list': {
      const { organizationId, values } = parseCommandLine(rest, { user: { type: 'string' }, json: { type: 'boolean' } });
      const found = await listTokens(client, organizationId, option(values, 'user'));
      out(values.json ? JSON.stringify(found, undefined, 2) + '\n' : formatTokens(found) + '\n');
      return 0;
    }
    case 'revoke':
      return revoke(rest, client, out);
    default:
      throw new UsageError(`unknown tokens command ${JSON.stringify(subcommand ?? '')}: use "tokens list" or "tokens revoke"`);
  }
}

/** Every token of the organization, or of one user (all pages). */
export async function listTokens(client: WorkMailClient, organizationId: string, user?: string): Promise<PersonalAccessTokenSummary[]> {
  const userId = user === undefined ? undefined : (await describeUser(client, organizationId, user)).id;
  return listAll(
    paginateListPersonalAccessTokens({ client }, { OrganizationId: organizationId, UserId: userId }),
    (page) => page.PersonalAccessTokenSummaries,
  );
}

/** `--token <id>` (repeatable) or `--user <name|id|email>` (all that user's tokens), and `--yes`. */
async function revoke(args: readonly string[], client: WorkMailClient, out: (text: string) => void): Promise<number> {
  const { organizationId, values } = parseCommandLine(args, {
    token: { type: 'string', multiple: true },
    user: { type: 'string' },
    yes: { type: 'boolean' },
  });
  const ids = values.token as string[] | undefined;
  const user = option(values, 'user');
  if ((ids === undefined) === (user === undefined)) {
    throw new UsageError('name the tokens to revoke: --token <id> (repeatable) or --user <name|id|email>, not both');
  }
  const targets = ids === undefined ? await listTokens(client, organizationId, user) : [];
  // One call at a time: WorkMail throttles bursts.
  for (const id of ids ?? []) {
    targets.push(await client.send(new GetPersonalAccessTokenMetadataCommand({ OrganizationId: organizationId, PersonalAccessTokenId: id })));
  }
  if (!values.yes) {
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
