import { ServiceError } from './operation';

export interface PageRequest {
  readonly MaxResults?: number;
  readonly NextToken?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * Pages are small by default (10) so that a caller reading only the first page is caught by
 * tests with a handful of items. The token is an opaque encoding of the next offset.
 */
export const DEFAULT_MAX_RESULTS = 10;

export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const start = request.NextToken === undefined ? 0 : decodeToken(request.NextToken);
  const end = start + (request.MaxResults ?? DEFAULT_MAX_RESULTS);
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? encodeToken(end) : undefined,
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeToken(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  if (match === null) {
    throw new ServiceError('InvalidParameterException', `NextToken '${token}' is not a token returned by this operation`);
  }
  return Number(match[1]);
}
