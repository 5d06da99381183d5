/**
 * The S3 (REST-XML, path-style) operations the mailbox export uses: PutObject, GetObject,
 * HeadObject and ListObjectsV2, on buckets a test creates. WorkMail's export jobs write their
 * files here when they complete (workmail/export.ts).
 */
import type { EmulatorContext, EmulatorState } from './state';

export interface StoredObject {
  readonly body: Buffer;
  readonly contentType?: string;
  /** `aws:kms` when the request asked for SSE-KMS. */
  readonly serverSideEncryption?: string;
  readonly kmsKeyId?: string;
}

const stores = new WeakMap<EmulatorState, Map<string, Map<string, StoredObject>>>();

/** The buckets of the emulator's account, by name: tests create them, read and change their objects. */
export function s3Buckets(state: EmulatorState): Map<string, Map<string, StoredObject>> {
  let buckets = stores.get(state);
  if (buckets === undefined) {
    buckets = new Map();
    stores.set(state, buckets);
  }
  return buckets;
}

export interface S3Request {
  readonly method: string;
  /** Path and query, e.g. `/bucket/key` or `/bucket?list-type=2&prefix=p`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface S3Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The operation a request stands for, as the SDK names it (for the call log and fault injection). */
export function s3Operation(request: S3Request): { readonly operation: string; readonly bucket: string; readonly key?: string } {
  const url = new URL(request.url, 'http://s3');
  const [, bucket = '', ...rest] = url.pathname.split('/');
  const key = rest.length > 0 && rest.join('/') !== '' ? decodeURIComponent(rest.join('/')) : undefined;
  const operation = key === undefined
    ? (request.method === 'GET' ? 'ListObjectsV2' : `${request.method}Bucket`)
    : ({ PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' } as Record<string, string>)[request.method] ?? request.method;
  return { operation, bucket: decodeURIComponent(bucket), key };
}

export class S3Error extends Error {
  constructor(public readonly code: string, message: string, public readonly status: number) {
    super(message);
  }
}

export function s3ErrorReply(error: S3Error): S3Reply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${escape(error.message)}</Message></Error>`;
  return { status: error.status, headers: { 'Content-Type': 'application/xml' }, body: Buffer.from(xml) };
}

export function handleS3(request: S3Request, ctx: EmulatorContext): S3Reply {
  const { operation, bucket: bucketName, key } = s3Operation(request);
  const bucket = s3Buckets(ctx.state).get(bucketName);
  if (bucket === undefined) {
    throw new S3Error('NoSuchBucket', `The specified bucket does not exist: ${bucketName}`, 404);
  }
  switch (operation) {
    case 'PutObject': {
      const header = (name: string) => request.headers[name] as string | undefined;
      bucket.set(key!, {
        body: decodeChunked(request),
        contentType: header('content-type'),
        serverSideEncryption: header('x-amz-server-side-encryption'),
        kmsKeyId: header('x-amz-server-side-encryption-aws-kms-key-id'),
      });
      return { status: 200, headers: { ETag: '"emulated"' }, body: Buffer.alloc(0) };
    }
    case 'GetObject':
    case 'HeadObject': {
      const object = bucket.get(key!);
      if (object === undefined) {
        throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404);
      }
      return {
        status: 200,
        headers: { 'Content-Type': object.contentType ?? 'binary/octet-stream', 'Content-Length': String(object.body.length) },
        body: operation === 'GetObject' ? object.body : Buffer.alloc(0),
      };
    }
    case 'ListObjectsV2':
      return listObjects(bucketName, bucket, new URL(request.url, 'http://s3').searchParams);
    default:
      throw new S3Error('NotImplemented', `The emulator does not implement S3 ${operation}.`, 501);
  }
}

/** Pages of 5 keys, so that a caller reading one page is caught. */
function listObjects(name: string, bucket: Map<string, StoredObject>, query: URLSearchParams): S3Reply {
  const prefix = query.get('prefix') ?? '';
  const keys = [...bucket.keys()].filter((key) => key.startsWith(prefix)).sort();
  const start = Number(query.get('continuation-token') ?? '0');
  const page = keys.slice(start, start + 5);
  const truncated = start + 5 < keys.length;
  const xml = '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    + `<Name>${escape(name)}</Name><Prefix>${escape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><IsTruncated>${truncated}</IsTruncated>`
    + (truncated ? `<NextContinuationToken>${start + 5}</NextContinuationToken>` : '')
    + page.map((key) => `<Contents><Key>${escape(key)}</Key><Size>${bucket.get(key)!.body.length}</Size></Contents>`).join('')
    + '</ListBucketResult>';
  return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: Buffer.from(xml) };
}

/** A body the SDK sent with `aws-chunked` content encoding (to trail a checksum), as plain bytes. */
function decodeChunked(request: S3Request): Buffer {
  if (!String(request.headers['content-encoding'] ?? '').includes('aws-chunked')) {
    return request.body;
  }
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = request.body.indexOf('\r\n', offset);
    const size = parseInt(request.body.subarray(offset, lineEnd).toString().split(';')[0], 16);
    if (!(size > 0)) {
      return Buffer.concat(parts);
    }
    parts.push(request.body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
