import { request, run } from './cloudformation';
import { mockSecrets, organizationPerTest, SECRET_ARN } from './entities';
import { ResourceType } from '../../src/private/constants';
import { AvailabilityConfigurationResourceProperties } from '../../src/private/entity-properties';

jest.mock('@aws-sdk/client-secrets-manager', () => jest.requireActual('./entities').mockSecretsManager(), { virtual: true });

const EWS_PASSWORD = 'Exch4nge-Passw0rd';
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:free-busy';
const MISSING_PHYSICAL_ID = 'AWSCDK::CustomResourceProviderFramework::CREATE_FAILED';
const fixture = organizationPerTest();

beforeEach(() => {
  mockSecrets.clear();
  mockSecrets.set(SECRET_ARN, EWS_PASSWORD);
});

const ews = (): AvailabilityConfigurationResourceProperties => ({
  OrganizationId: fixture.organizationId,
  DomainName: 'Example.com',
  EwsEndpoint: 'https://mail.example.com/EWS/Exchange.asmx',
  EwsUsername: 'workmail-freebusy',
  EwsPasswordSecretArn: SECRET_ARN,
});
const viaLambda = (): AvailabilityConfigurationResourceProperties => ({
  OrganizationId: fixture.organizationId, DomainName: 'example.com', LambdaArn: LAMBDA_ARN,
});
const configurations = () => fixture.emulator.organization(fixture.organizationId).availabilityConfigurations;

test('creates with EWS credentials read from the secret, never logged or returned', async () => {
  const outcome = await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Create', ews()));
  expect(outcome.PhysicalResourceId).toBe(`${fixture.organizationId}|example.com`);
  expect(configurations().get('example.com')).toMatchObject({
    ews: { endpoint: 'https://mail.example.com/EWS/Exchange.asmx', username: 'workmail-freebusy', password: EWS_PASSWORD },
  });
  expect(JSON.stringify(outcome.Data ?? {})).not.toContain(EWS_PASSWORD);
  expect(fixture.logs.join('\n')).not.toContain(EWS_PASSWORD);
  expect(fixture.emulator.callsTo('CreateAvailabilityConfiguration')[0].input.ClientToken).toMatch(/^[0-9a-f]{64}$/);
});

test('a redelivered Create is harmless; a configuration made elsewhere is refused unless adopted', async () => {
  const event = request(ResourceType.AVAILABILITY_CONFIGURATION, 'Create', viaLambda());
  await run(event);
  await run(event);
  expect(configurations().size).toBe(1);
  await expect(run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Create', ews()))).rejects.toThrow(
    /The availability configuration of organization m-[0-9a-f]{32} for example.com already exists and this stack did not make it.*adoptExisting: true/,
  );
  expect(configurations().get('example.com')).toMatchObject({ lambdaArn: LAMBDA_ARN });
  await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Create', { ...ews(), AdoptExisting: 'true' }));
  expect(configurations().get('example.com')).toMatchObject({ lambdaArn: undefined });
});

test('switches provider in place; another domain is a new configuration', async () => {
  const { PhysicalResourceId: id } = await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Create', ews()));
  const updated = await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Update', viaLambda(), { PhysicalResourceId: id, OldResourceProperties: ews() }));
  expect(updated.PhysicalResourceId).toBe(id);
  expect(configurations().get('example.com')).toMatchObject({ ews: undefined, lambdaArn: LAMBDA_ARN });

  const moved = await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Update', { ...viaLambda(), DomainName: 'other.com' }, {
    PhysicalResourceId: id, OldResourceProperties: viaLambda(),
  }));
  expect(moved.PhysicalResourceId).toBe(`${fixture.organizationId}|other.com`);
  await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Delete', viaLambda(), { PhysicalResourceId: id }));
  expect([...configurations().keys()]).toEqual(['other.com']);
});

test('delete after a failed Create leaves a configuration made elsewhere; throttling is survived', async () => {
  configurations().set('example.com', { domainName: 'example.com', lambdaArn: LAMBDA_ARN });
  await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Delete', viaLambda(), { PhysicalResourceId: MISSING_PHYSICAL_ID }));
  expect(configurations().size).toBe(1);
  fixture.emulator.injectFault({ kind: 'throttle', operation: 'DeleteAvailabilityConfiguration', count: 2 });
  await run(request(ResourceType.AVAILABILITY_CONFIGURATION, 'Delete', viaLambda(), { PhysicalResourceId: `${fixture.organizationId}|example.com` }));
  expect(configurations().size).toBe(0);
});
