import {
  CreateIdentityCenterApplicationCommand,
  CreateOrganizationCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DescribeEntityCommand,
  DescribeIdentityProviderConfigurationCommand,
  DescribeOrganizationCommand,
  GetPersonalAccessTokenMetadataCommand,
  ListPersonalAccessTokensCommand,
  PutIdentityProviderConfigurationCommand,
  PutIdentityProviderConfigurationCommandInput,
  RegisterMailDomainCommand,
  RegisterToWorkMailCommand,
  TestAvailabilityConfigurationCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { WorkMailEmulator } from '.';
import { seedPersonalAccessToken } from './workmail/identity';

let emulator: WorkMailEmulator;
let client: WorkMailClient;
let organizationId: string;

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223a1b3c4d5e6f7';

beforeAll(async () => {
  emulator = await WorkMailEmulator.start();
  client = new WorkMailClient({
    region: 'us-east-1',
    endpoint: emulator.endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.reset();
  emulator.setCreationSteps(0);
  emulator.identity().instances.add(INSTANCE);
  organizationId = (await client.send(new CreateOrganizationCommand({ Alias: 'corp' }))).OrganizationId!;
  await client.send(new DescribeOrganizationCommand({ OrganizationId: organizationId }));
});

const put = (input: Partial<PutIdentityProviderConfigurationCommandInput>, applicationArn: string) =>
  client.send(new PutIdentityProviderConfigurationCommand({
    OrganizationId: organizationId,
    AuthenticationMode: 'IDENTITY_PROVIDER_ONLY',
    IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn: applicationArn },
    PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 365 },
    ...input,
  }));

test('CreateIdentityCenterApplication: once per client token, only in an instance of the account', async () => {
  const create = (ClientToken?: string) => client.send(new CreateIdentityCenterApplicationCommand({ Name: 'WorkMail', InstanceArn: INSTANCE, ClientToken }));
  const first = await create('token-1');
  expect((await create('token-1')).ApplicationArn).toBe(first.ApplicationArn);
  expect((await create('token-2')).ApplicationArn).not.toBe(first.ApplicationArn);
  await expect(client.send(new CreateIdentityCenterApplicationCommand({ Name: 'WorkMail', InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000' })))
    .rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(client.send(new CreateIdentityCenterApplicationCommand({ Name: 'Work Mail', InstanceArn: INSTANCE })))
    .rejects.toMatchObject({ name: 'InvalidParameterException' });
});

test('the identity provider configuration: absent, put, described, token lifetime within the model\'s range', async () => {
  await expect(client.send(new DescribeIdentityProviderConfigurationCommand({ OrganizationId: organizationId })))
    .rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  const { ApplicationArn } = await client.send(new CreateIdentityCenterApplicationCommand({ Name: 'WorkMail', InstanceArn: INSTANCE }));
  await put({}, ApplicationArn!);
  expect(await client.send(new DescribeIdentityProviderConfigurationCommand({ OrganizationId: organizationId }))).toMatchObject({
    AuthenticationMode: 'IDENTITY_PROVIDER_ONLY',
    IdentityCenterConfiguration: { InstanceArn: INSTANCE, ApplicationArn },
    PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 365 },
  });
  for (const LifetimeInDays of [0, 3654]) {
    await expect(put({ PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays } }, ApplicationArn!))
      .rejects.toMatchObject({ name: 'InvalidParameterException' });
  }
});

test('personal access tokens: listed by user (any identifier, every page), read, not found; a deleted user is refused', async () => {
  const { UserId } = await client.send(new CreateUserCommand({ OrganizationId: organizationId, Name: 'alice', DisplayName: 'Alice' }));
  const organization = emulator.organization(organizationId);
  const ids = Array.from({ length: 3 }, (_, i) => seedPersonalAccessToken(organization, UserId!, `token-${i}`));
  const page = await client.send(new ListPersonalAccessTokensCommand({ OrganizationId: organizationId, UserId: 'alice', MaxResults: 2 }));
  expect(page.PersonalAccessTokenSummaries!.map((token) => token.PersonalAccessTokenId)).toEqual(ids.slice(0, 2));
  expect(page.NextToken).toBeDefined();
  expect(await client.send(new GetPersonalAccessTokenMetadataCommand({ OrganizationId: organizationId, PersonalAccessTokenId: ids[2] })))
    .toMatchObject({ UserId, Name: 'token-2', Scopes: ['IMAP', 'EWS', 'ActiveSync'] });
  await expect(client.send(new GetPersonalAccessTokenMetadataCommand({ OrganizationId: organizationId, PersonalAccessTokenId: 'gone' })))
    .rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await client.send(new DeleteUserCommand({ OrganizationId: organizationId, UserId }));
  await expect(client.send(new ListPersonalAccessTokensCommand({ OrganizationId: organizationId, UserId })))
    .rejects.toMatchObject({ name: 'EntityStateException' });
});

test('DescribeEntity finds the entity an address belongs to', async () => {
  await client.send(new RegisterMailDomainCommand({ OrganizationId: organizationId, DomainName: 'corp.example' }));
  emulator.verifyMailDomain(organizationId, 'corp.example');
  const { UserId } = await client.send(new CreateUserCommand({ OrganizationId: organizationId, Name: 'alice', DisplayName: 'Alice' }));
  await client.send(new RegisterToWorkMailCommand({ OrganizationId: organizationId, EntityId: UserId, Email: 'alice@corp.example' }));
  expect(await client.send(new DescribeEntityCommand({ OrganizationId: organizationId, Email: 'Alice@corp.example' })))
    .toMatchObject({ EntityId: UserId, Name: 'alice', Type: 'USER' });
  await expect(client.send(new DescribeEntityCommand({ OrganizationId: organizationId, Email: 'bob@corp.example' })))
    .rejects.toMatchObject({ name: 'EntityNotFoundException' });
});

test('TestAvailabilityConfiguration: exactly one of domain and providers; passes only for a provider that answers', async () => {
  const lambdaArn = 'arn:aws:lambda:us-east-1:123456789012:function:availability';
  const test = (input: object) => client.send(new TestAvailabilityConfigurationCommand({ OrganizationId: organizationId, ...input }));
  expect(await test({ LambdaProvider: { LambdaArn: lambdaArn } }))
    .toMatchObject({ TestPassed: false, FailureReason: expect.stringContaining(lambdaArn) });
  emulator.identity().reachableProviders.add(lambdaArn);
  expect(await test({ LambdaProvider: { LambdaArn: lambdaArn } })).toMatchObject({ TestPassed: true });
  await expect(test({})).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(test({ DomainName: 'partner.example' })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});
