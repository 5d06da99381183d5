import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateOrganizationCommand,
  CreateUserCommand,
  DeleteOrganizationCommand,
  DescribeOrganizationCommand,
  GetMailDomainCommand,
  ListGroupsForEntityCommand,
  ListMailDomainsCommand,
  ListOrganizationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { WorkMailEmulator } from '.';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let emulator: WorkMailEmulator;

beforeAll(async () => {
  emulator = await WorkMailEmulator.start();
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(() => {
  emulator.reset();
});

function workmail(maxAttempts = 5): WorkMailClient {
  return new WorkMailClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials, maxAttempts });
}

async function describeState(client: WorkMailClient, organizationId: string): Promise<string | undefined> {
  return (await client.send(new DescribeOrganizationCommand({ OrganizationId: organizationId }))).State;
}

/** Creates an organization and polls it to Active, as the isComplete handler does. */
async function createActiveOrganization(client: WorkMailClient, alias: string): Promise<string> {
  const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: alias }));
  for (let poll = 0; poll < 10; poll++) {
    if (await describeState(client, OrganizationId!) === 'Active') {
      return OrganizationId!;
    }
  }
  throw new Error(`${alias} never became Active`);
}

/** A request the SDK would never send (wrong types, bad JSON), straight over HTTP. */
async function post(target: string, body: string): Promise<{ status: number; body: { __type?: string; Message?: string } }> {
  const response = await fetch(emulator.endpoint, { method: 'POST', headers: { 'X-Amz-Target': target }, body });
  return { status: response.status, body: await response.json() as { __type?: string; Message?: string } };
}

test('listens on loopback only', () => {
  expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

describe('organization lifecycle', () => {
  test('each DescribeOrganization moves a new organization along Requested, Creating, Active', async () => {
    const client = workmail();
    const keyArn = emulator.kms.addKey();
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'example-corp', KmsKeyArn: keyArn }));
    expect(OrganizationId).toMatch(/^m-[0-9a-f]{32}$/);

    const states = [];
    for (let poll = 0; poll < 4; poll++) {
      states.push(await describeState(client, OrganizationId!));
    }
    expect(states).toEqual(['Requested', 'Creating', 'Active', 'Active']);

    const described = await client.send(new DescribeOrganizationCommand({ OrganizationId }));
    expect(described).toMatchObject({
      OrganizationId,
      Alias: 'example-corp',
      State: 'Active',
      DirectoryType: 'VpcDirectory',
      DefaultMailDomain: 'example-corp.awsapps.com',
      ARN: `arn:aws:workmail:us-east-1:123456789012:organization/${OrganizationId}`,
      InteroperabilityEnabled: false,
    });
    expect(described.DirectoryId).toMatch(/^d-[0-9a-f]{10}$/);
    expect(described.CompletedDate).toBeInstanceOf(Date);
    expect(described.ErrorMessage).toBeUndefined();
    expect(emulator.organization(OrganizationId!).kmsKeyArn).toBe(keyArn);
  });

  test('an alias set to fail ends in Failed with its ErrorMessage', async () => {
    const client = workmail();
    emulator.failOrganizationCreation('doomed', 'Directory quota reached');
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'doomed' }));
    await describeState(client, OrganizationId!);
    await describeState(client, OrganizationId!);

    const described = await client.send(new DescribeOrganizationCommand({ OrganizationId }));
    expect(described).toMatchObject({ State: 'Failed', ErrorMessage: 'Directory quota reached' });
    expect(described.CompletedDate).toBeUndefined();
    const { OrganizationSummaries } = await client.send(new ListOrganizationsCommand({}));
    expect(OrganizationSummaries).toEqual([expect.objectContaining({ Alias: 'doomed', State: 'Failed', ErrorMessage: 'Directory quota reached' })]);
  });

  test('creation steps are configurable, down to organizations created Active', async () => {
    const client = workmail();
    emulator.setCreationSteps(4);
    const slow = (await client.send(new CreateOrganizationCommand({ Alias: 'slow' }))).OrganizationId!;
    const states = [];
    for (let poll = 0; poll < 5; poll++) {
      states.push(await describeState(client, slow));
    }
    expect(states).toEqual(['Requested', 'Creating', 'Creating', 'Creating', 'Active']);

    emulator.setCreationSteps(0);
    const instant = (await client.send(new CreateOrganizationCommand({ Alias: 'instant' }))).OrganizationId!;
    expect(await describeState(client, instant)).toBe('Active');
  });

  test('the same ClientToken returns the same organization without creating another', async () => {
    const client = workmail();
    const first = await client.send(new CreateOrganizationCommand({ Alias: 'retried', ClientToken: 'stack-logical-request' }));
    const second = await client.send(new CreateOrganizationCommand({ Alias: 'retried', ClientToken: 'stack-logical-request' }));

    expect(second.OrganizationId).toBe(first.OrganizationId);
    expect(emulator.organizations()).toHaveLength(1);
    expect(emulator.callsTo('CreateOrganization').map((call) => call.input.ClientToken)).toEqual(['stack-logical-request', 'stack-logical-request']);
  });

  test('a taken alias is refused until its organization is deleted', async () => {
    const client = workmail();
    const organizationId = await createActiveOrganization(client, 'taken');

    await expect(client.send(new CreateOrganizationCommand({ Alias: 'Taken' })))
      .rejects.toMatchObject({ name: 'NameAvailabilityException' });

    await client.send(new DeleteOrganizationCommand({ OrganizationId: organizationId, DeleteDirectory: true }));
    await describeState(client, organizationId);
    expect(await describeState(client, organizationId)).toBe('Deleted');
    await expect(client.send(new CreateOrganizationCommand({ Alias: 'taken' }))).resolves.toHaveProperty('OrganizationId');
  });

  test('directories belong to one organization, and interoperability needs one', async () => {
    const client = workmail();
    await client.send(new CreateOrganizationCommand({ Alias: 'first', DirectoryId: 'd-0123456789' }));

    await expect(client.send(new CreateOrganizationCommand({ Alias: 'second', DirectoryId: 'd-0123456789' })))
      .rejects.toMatchObject({ name: 'DirectoryInUseException' });
    await expect(client.send(new CreateOrganizationCommand({ Alias: 'third', EnableInteroperability: true })))
      .rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('DirectoryId') });
  });

  test('delete goes through Deleting and Deleted to OrganizationNotFoundException', async () => {
    const client = workmail();
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'short-lived' }));

    await expect(client.send(new DeleteOrganizationCommand({ OrganizationId, DeleteDirectory: false })))
      .rejects.toMatchObject({ name: 'OrganizationStateException' });
    await describeState(client, OrganizationId!);
    await describeState(client, OrganizationId!);

    emulator.organization(OrganizationId!).enabledUsers = 3;
    await expect(client.send(new DeleteOrganizationCommand({ OrganizationId, DeleteDirectory: false })))
      .rejects.toMatchObject({ name: 'OrganizationStateException', message: expect.stringContaining('ForceDelete') });

    const deleted = await client.send(new DeleteOrganizationCommand({ OrganizationId, DeleteDirectory: false, ForceDelete: true }));
    expect(deleted).toMatchObject({ OrganizationId, State: 'Deleting' });
    expect(emulator.organization(OrganizationId!).deleteDirectory).toBe(false);
    // A repeated delete (e.g. a CloudFormation retry) changes nothing.
    await expect(client.send(new DeleteOrganizationCommand({ OrganizationId, DeleteDirectory: true })))
      .resolves.toMatchObject({ State: 'Deleting' });
    expect(emulator.organization(OrganizationId!).deleteDirectory).toBe(false);

    expect(await describeState(client, OrganizationId!)).toBe('Deleting');
    expect(await describeState(client, OrganizationId!)).toBe('Deleted');
    await expect(describeState(client, OrganizationId!)).rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
    await expect(client.send(new DeleteOrganizationCommand({ OrganizationId, DeleteDirectory: false })))
      .rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
    expect((await client.send(new ListOrganizationsCommand({}))).OrganizationSummaries).toEqual([]);
  });
});

describe('mail domains', () => {
  test('the test domain exists, verified and default, once the organization is Active', async () => {
    const client = workmail();
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({
      Alias: 'mail-corp',
      Domains: [{ DomainName: 'Example.com', HostedZoneId: 'Z123' }],
    }));
    await expect(client.send(new GetMailDomainCommand({ OrganizationId, DomainName: 'mail-corp.awsapps.com' })))
      .rejects.toMatchObject({ name: 'OrganizationStateException' });
    await describeState(client, OrganizationId!);
    await describeState(client, OrganizationId!);

    const testDomain = await client.send(new GetMailDomainCommand({ OrganizationId, DomainName: 'mail-corp.awsapps.com' }));
    expect(testDomain).toMatchObject({
      IsTestDomain: true,
      IsDefault: true,
      OwnershipVerificationStatus: 'VERIFIED',
      DkimVerificationStatus: 'VERIFIED',
    });
    expect(testDomain.Records).toContainEqual({ Type: 'MX', Hostname: 'mail-corp.awsapps.com.', Value: '10 inbound-smtp.us-east-1.amazonaws.com.' });
    await expect(client.send(new GetMailDomainCommand({ OrganizationId, DomainName: 'example.com' })))
      .resolves.toMatchObject({ IsTestDomain: false, IsDefault: false, OwnershipVerificationStatus: 'PENDING' });
    await expect(client.send(new GetMailDomainCommand({ OrganizationId, DomainName: 'unknown.example' })))
      .rejects.toMatchObject({ name: 'MailDomainNotFoundException' });

    const first = await client.send(new ListMailDomainsCommand({ OrganizationId, MaxResults: 1 }));
    expect(first.MailDomains).toEqual([{ DomainName: 'mail-corp.awsapps.com', DefaultDomain: true }]);
    const second = await client.send(new ListMailDomainsCommand({ OrganizationId, MaxResults: 1, NextToken: first.NextToken }));
    expect(second.MailDomains).toEqual([{ DomainName: 'example.com', DefaultDomain: false }]);
    expect(second.NextToken).toBeUndefined();
  });

  test('an unknown organization is OrganizationNotFoundException', async () => {
    await expect(workmail().send(new ListMailDomainsCommand({ OrganizationId: `m-${'0'.repeat(32)}` })))
      .rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
  });
});

describe('tags', () => {
  test('merge by key, untag, and refuse more than 50', async () => {
    const client = workmail();
    const organizationId = await createActiveOrganization(client, 'tagged');
    const ResourceARN = emulator.organization(organizationId).arn;

    await client.send(new TagResourceCommand({ ResourceARN, Tags: [{ Key: 'team', Value: 'mail' }, { Key: 'env', Value: 'dev' }] }));
    await client.send(new TagResourceCommand({ ResourceARN, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await client.send(new UntagResourceCommand({ ResourceARN, TagKeys: ['team'] }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }]);

    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `key-${i}`, Value: `${i}` }));
    await expect(client.send(new TagResourceCommand({ ResourceARN, Tags: fifty })))
      .rejects.toMatchObject({ name: 'TooManyTagsException' });
    await client.send(new TagResourceCommand({ ResourceARN, Tags: fifty.slice(0, 49) }));
    expect((await client.send(new ListTagsForResourceCommand({ ResourceARN }))).Tags).toHaveLength(50);
  });

  test('need an Active organization that exists', async () => {
    const client = workmail();
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'young' }));
    const ResourceARN = emulator.organization(OrganizationId!).arn;

    await expect(client.send(new TagResourceCommand({ ResourceARN, Tags: [{ Key: 'k', Value: 'v' }] })))
      .rejects.toMatchObject({ name: 'OrganizationStateException' });
    await expect(client.send(new ListTagsForResourceCommand({ ResourceARN: ResourceARN.replace(/.{4}$/, 'ffff') })))
      .rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

test('ListOrganizations pages through more than 10 organizations', async () => {
  const client = workmail();
  for (let i = 0; i < 12; i++) {
    await client.send(new CreateOrganizationCommand({ Alias: `org-${i}` }));
  }

  const first = await client.send(new ListOrganizationsCommand({}));
  expect(first.OrganizationSummaries).toHaveLength(10);
  const second = await client.send(new ListOrganizationsCommand({ NextToken: first.NextToken }));
  expect(second.OrganizationSummaries).toHaveLength(2);
  expect(second.NextToken).toBeUndefined();
  const aliases = [...first.OrganizationSummaries!, ...second.OrganizationSummaries!].map((summary) => summary.Alias);
  expect(aliases).toEqual(Array.from({ length: 12 }, (_, i) => `org-${i}`));

  const small = await client.send(new ListOrganizationsCommand({ MaxResults: 5, NextToken: first.NextToken }));
  expect(small.OrganizationSummaries!.map((summary) => summary.Alias)).toEqual(['org-10', 'org-11']);
  await expect(client.send(new ListOrganizationsCommand({ NextToken: 'not-a-token' })))
    .rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('NextToken') });
});

describe('model validation', () => {
  test.each([
    ['a bad alias pattern', { Alias: '-bad' }, "Value '-bad' at 'Alias' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ['an alias starting with d-', { Alias: 'd-corp' }, "at 'Alias' failed to satisfy constraint: Member must satisfy regular expression pattern"],
    ['a 63-character alias', { Alias: 'a'.repeat(63) }, "at 'Alias' failed to satisfy constraint: Member must have length less than or equal to 62"],
    ['a missing alias', { Alias: undefined }, "Value null at 'Alias' failed to satisfy constraint: Member must not be null"],
    ['a bad nested domain', { Alias: 'ok', Domains: [{ DomainName: 'a_b.com' }] }, "at 'Domains[0].DomainName' failed to satisfy constraint"],
    ['too many domains', { Alias: 'ok', Domains: Array.from({ length: 6 }, (_, i) => ({ DomainName: `d${i}.com` })) },
      "at 'Domains' failed to satisfy constraint: Member must have length less than or equal to 5"],
  ])('CreateOrganization refuses %s', async (_, input, message) => {
    await expect(workmail().send(new CreateOrganizationCommand(input)))
      .rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining(message) });
    expect(emulator.organizations()).toEqual([]);
  });

  test('every broken constraint is reported, including a missing required boolean', async () => {
    await expect(workmail().send(new DeleteOrganizationCommand({ OrganizationId: 'm-123', DeleteDirectory: undefined })))
      .rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringMatching(/^3 validation errors detected: .*length greater than or equal to 34.*regular expression pattern: \^m-\[0-9a-f\]\{32\}\$.*'DeleteDirectory'/),
      });
  });

  test('member types', async () => {
    const reply = await post('WorkMailService.CreateOrganization', JSON.stringify({
      Alias: 5, EnableInteroperability: 'true', Domains: { DomainName: 'example.com' },
    }));
    expect(reply).toMatchObject({ status: 400, body: { __type: 'InvalidParameterException' } });
    expect(reply.body.Message).toMatch(/^3 validation errors detected: /);
    expect(reply.body.Message).toContain("Value '5' at 'Alias' failed to satisfy constraint: Member must be of type string");
    expect(reply.body.Message).toContain("at 'EnableInteroperability' failed to satisfy constraint: Member must be of type boolean");
    expect(reply.body.Message).toContain("at 'Domains' failed to satisfy constraint: Member must be of type list");
    await expect(post('WorkMailService.CreateOrganization', JSON.stringify({ Alias: 'ok', Domains: ['example.com'] })))
      .resolves.toMatchObject({ body: { Message: expect.stringContaining("at 'Domains[0]' failed to satisfy constraint: Member must be of type structure") } });
    await expect(post('WorkMailService.ListOrganizations', JSON.stringify({ MaxResults: 1.5 })))
      .resolves.toMatchObject({ body: { Message: expect.stringContaining("Value '1.5' at 'MaxResults' failed to satisfy constraint: Member must be of type integer") } });
  });

  test('integer ranges', async () => {
    await expect(workmail().send(new ListOrganizationsCommand({ MaxResults: 101 })))
      .rejects.toMatchObject({ message: expect.stringContaining("Value '101' at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 100") });
  });

  test('lengths count code points, not UTF-16 units', async () => {
    const client = workmail();
    const ResourceARN = emulator.organization(await createActiveOrganization(client, 'unicode')).arn;
    await client.send(new TagResourceCommand({ ResourceARN, Tags: [{ Key: 'emoji', Value: '😀'.repeat(256) }] }));
    await expect(client.send(new TagResourceCommand({ ResourceARN, Tags: [{ Key: 'emoji', Value: '😀'.repeat(257) }] })))
      .rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining("at 'Tags[0].Value'") });
  });

  test('KMS answers ValidationException', async () => {
    const kms = new KMSClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: '' })))
      .rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'KeyId'") });
  });
});

test('validation covers operations not implemented yet, and never echoes sensitive values', async () => {
  const input = { OrganizationId: `m-${'0'.repeat(32)}`, Name: 'jane', DisplayName: 'Jane', Password: 'secret\u{1F600}' };
  const error = await workmail().send(new CreateUserCommand(input)).catch((e: Error) => e);
  expect(error).toMatchObject({
    name: 'InvalidParameterException',
    message: "1 validation error detected: Value '*** Sensitive Data Redacted ***' at 'Password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\u00FF]+",
  });
  expect((error as Error).message).not.toContain('secret');
});

test('operations of the model the emulator does not implement say so', async () => {
  await expect(workmail().send(new ListGroupsForEntityCommand({ OrganizationId: `m-${'0'.repeat(32)}`, EntityId: 'jane' })))
    .rejects.toMatchObject({ name: 'UnknownOperationException', message: expect.stringContaining('does not implement WorkMailService.ListGroupsForEntity') });
});

test('unknown targets and bodies that are not JSON objects are refused', async () => {
  await expect(post('WorkMailService.Nope', '{}')).resolves.toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
  await expect(post('Nope', '{}')).resolves.toMatchObject({ status: 400, body: { __type: 'UnknownOperationException' } });
  await expect(post('WorkMailService.ListOrganizations', '[')).resolves.toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
});

test('the region and account are configurable', async () => {
  const other = await WorkMailEmulator.start({ region: 'eu-west-1', accountId: '210987654321' });
  try {
    const client = new WorkMailClient({ region: 'eu-west-1', endpoint: other.endpoint, credentials });
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'europe' }));
    expect(other.organization(OrganizationId!).arn).toBe(`arn:aws:workmail:eu-west-1:210987654321:organization/${OrganizationId}`);
    expect(other.kms.addKey()).toMatch(/^arn:aws:kms:eu-west-1:210987654321:key\//);
    expect(emulator.organizations()).toEqual([]);
  } finally {
    await other.stop();
  }
});

describe('faults', () => {
  test('throttling shorter than the retry budget is absorbed by the SDK', async () => {
    emulator.injectFault({ kind: 'throttle', operation: 'ListOrganizations', count: 2 });
    const output = await workmail(5).send(new ListOrganizationsCommand({}));

    expect(output.$metadata.attempts).toBe(3);
    expect(emulator.callsTo('ListOrganizations').map((call) => call.error)).toEqual(['ThrottlingException', 'ThrottlingException', undefined]);
  });

  test('throttling as long as the retry budget surfaces, and the rest of the fault waits', async () => {
    emulator.injectFault({ kind: 'throttle', count: 3 });
    const client = workmail(2);

    await expect(client.send(new ListOrganizationsCommand({})))
      .rejects.toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { attempts: 2, httpStatusCode: 400 } });
    await expect(client.send(new ListOrganizationsCommand({}))).resolves.toMatchObject({ $metadata: { attempts: 2 } });
    expect(emulator.calls).toHaveLength(4);
  });

  test('server errors answer 500 or 503 and are retried', async () => {
    emulator.injectFault({ kind: 'server-error', count: 1 });
    await expect(workmail(2).send(new ListOrganizationsCommand({}))).resolves.toMatchObject({ $metadata: { attempts: 2 } });

    emulator.injectFault({ kind: 'server-error', count: 2 });
    await expect(workmail(2).send(new ListOrganizationsCommand({})))
      .rejects.toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });

    emulator.injectFault({ kind: 'server-error', errorName: 'ServiceUnavailable', count: 1 });
    await expect(workmail(1).send(new ListOrganizationsCommand({})))
      .rejects.toMatchObject({ name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
  });

  test('not-found faults simulate eventual consistency for the chosen operation only', async () => {
    const client = workmail();
    const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'eventual' }));
    emulator.injectFault({ kind: 'not-found', operation: 'DescribeOrganization', count: 1 });
    emulator.injectFault({ kind: 'not-found', operation: 'GetMailDomain', count: 1, errorName: 'MailDomainNotFoundException' });

    await client.send(new ListOrganizationsCommand({}));
    await expect(describeState(client, OrganizationId!)).rejects.toMatchObject({ name: 'OrganizationNotFoundException', $metadata: { attempts: 1 } });
    // The faulted request did not advance the organization.
    expect(await describeState(client, OrganizationId!)).toBe('Requested');
    await expect(client.send(new GetMailDomainCommand({ OrganizationId, DomainName: 'eventual.awsapps.com' })))
      .rejects.toMatchObject({ name: 'MailDomainNotFoundException' });
    expect(emulator.calls.map((call) => [call.operation, call.error])).toEqual([
      ['CreateOrganization', undefined],
      ['ListOrganizations', undefined],
      ['DescribeOrganization', 'OrganizationNotFoundException'],
      ['DescribeOrganization', undefined],
      ['GetMailDomain', 'MailDomainNotFoundException'],
    ]);
  });

  test('a rate limit throttles each operation beyond its sustained rate, refilling with time', async () => {
    let now = 0;
    emulator.limitRate({ perSecond: 2, clock: () => now });
    const client = workmail(1);
    const list = () => client.send(new ListOrganizationsCommand({}));

    await list();
    await list();
    await expect(list()).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 1 } });
    // Another operation has its own bucket.
    await expect(client.send(new DescribeOrganizationCommand({ OrganizationId: 'm-00000000000000000000000000000000' })))
      .rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
    now = 499;
    await expect(list()).rejects.toMatchObject({ name: 'ThrottlingException' });
    now = 1_000;
    await list();
    // Idle time refills up to the rate, not beyond.
    now = 10_000;
    await list();
    await list();
    await expect(list()).rejects.toMatchObject({ name: 'ThrottlingException' });
    emulator.reset();
    await list();
  });

  test('reset forgets faults, calls and state', async () => {
    await workmail().send(new CreateOrganizationCommand({ Alias: 'forgotten' }));
    emulator.injectFault({ kind: 'not-found', count: 5 });
    emulator.reset();

    await expect(workmail().send(new ListOrganizationsCommand({}))).resolves.toMatchObject({ OrganizationSummaries: [] });
    expect(emulator.calls).toHaveLength(1);
  });
});

describe('KMS DescribeKey', () => {
  test('finds seeded keys by id, ARN, alias and alias ARN', async () => {
    const kms = new KMSClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials });
    const keyArn = emulator.kms.addKey({ aliases: ['alias/workmail'] });
    const keyId = keyArn.split('/')[1];
    expect(keyArn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);

    for (const id of [keyId, keyArn, 'alias/workmail', 'arn:aws:kms:us-east-1:123456789012:alias/workmail']) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: id }));
      expect(KeyMetadata).toMatchObject({
        KeyId: keyId,
        Arn: keyArn,
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        KeyUsage: 'ENCRYPT_DECRYPT',
        Enabled: true,
      });
      expect(KeyMetadata!.CreationDate).toBeInstanceOf(Date);
    }
  });

  test('reports the seeded spec and state, and NotFoundException for unknown keys', async () => {
    const kms = new KMSClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials });
    const keyArn = emulator.kms.addKey({ keySpec: 'RSA_2048', keyManager: 'AWS', keyState: 'Disabled' });

    await expect(kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).resolves.toMatchObject({
      KeyMetadata: { KeySpec: 'RSA_2048', KeyManager: 'AWS', KeyState: 'Disabled', Enabled: false },
    });
    emulator.kms.key(keyArn)!.keyState = 'PendingDeletion';
    await expect(kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).resolves.toMatchObject({ KeyMetadata: { KeyState: 'PendingDeletion' } });
    expect(emulator.kms.key(emulator.kms.addKey({ keySpec: 'HMAC_256' }))!.keyUsage).toBe('GENERATE_VERIFY_MAC');
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' })))
      .rejects.toMatchObject({ name: 'NotFoundException' });
    expect(emulator.callsTo('DescribeKey').map((call) => call.service)).toEqual(['kms', 'kms', 'kms']);
  });
});

test('clients configured only through the environment reach the emulator', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, emulator.environment);
  try {
    await new WorkMailClient({}).send(new CreateOrganizationCommand({ Alias: 'from-env' }));
    emulator.kms.addKey({ keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' });
    await new KMSClient({}).send(new DescribeKeyCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }));
  } finally {
    process.env = saved;
  }
  expect(emulator.calls.map((call) => [call.service, call.operation])).toEqual([['workmail', 'CreateOrganization'], ['kms', 'DescribeKey']]);
});
