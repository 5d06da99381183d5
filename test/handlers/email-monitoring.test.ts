import { ResourceType } from '../../src/private/constants';
import { EmailMonitoringResourceProperties } from '../../src/private/email-monitoring-properties';
import { WorkMailEmulator } from '../emulator';
import { request, run, startEmulator } from './cloudformation';

let emulator: WorkMailEmulator;
let logs: string[];
let organizationId: string;
let props: EmailMonitoringResourceProperties;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(async () => {
  emulator.reset();
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
  emulator.setCreationSteps(0);
  organizationId = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'corp' }))).PhysicalResourceId;
  props = {
    OrganizationId: organizationId,
    LogGroupArn: emulator.addLogGroup('/aws/workmail/emailevents/corp'),
    RoleArn: emulator.addRole('events'),
  };
});

const create = (properties: EmailMonitoringResourceProperties) =>
  request(ResourceType.EMAIL_MONITORING, 'Create', properties);
const update = (physicalId: string, old: EmailMonitoringResourceProperties, properties: EmailMonitoringResourceProperties) =>
  request(ResourceType.EMAIL_MONITORING, 'Update', properties, { PhysicalResourceId: physicalId, OldResourceProperties: old });
const remove = (physicalId: string, properties: EmailMonitoringResourceProperties) =>
  request(ResourceType.EMAIL_MONITORING, 'Delete', properties, { PhysicalResourceId: physicalId });
const configuration = (id = organizationId) => emulator.organization(id).emailMonitoring;

test('create configures the organization; its id is the physical id', async () => {
  const outcome = await run(create(props));
  expect(outcome.PhysicalResourceId).toBe(organizationId);
  expect(configuration()).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
});

test('create refuses a configuration made in the console unless told to adopt it; Delete then puts it back', async () => {
  const console = { logGroupArn: emulator.addLogGroup('console'), roleArn: emulator.addRole('console') };
  emulator.organization(organizationId).emailMonitoring = console;
  await expect(run(create(props))).rejects.toThrow(/email event logging configuration of organization m-[0-9a-f]{32} \(to log group .*console.*\) already exists.*adoptExisting: true/);
  expect(configuration()).toEqual(console);
  await run(create({ ...props, AdoptExisting: 'true' }));
  expect(configuration()).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
  await run(remove(organizationId, { ...props, AdoptExisting: 'true' }));
  expect(configuration()).toEqual(console);
});

test('a redelivered create succeeds with the same result', async () => {
  const event = create(props);
  await run(event);
  await expect(run(event)).resolves.toMatchObject({ PhysicalResourceId: organizationId });
  expect(configuration()).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
});

test('a missing log group is explained', async () => {
  const missing = { ...props, LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:gone:*' };
  await expect(run(create(missing))).rejects.toThrow(
    /^WorkMail cannot find log group arn:aws:logs:us-east-1:123456789012:log-group:gone:\* or role .* Both must exist in the organization's account and region/,
  );
  expect(configuration()).toBeUndefined();
});

test('other errors keep the operation and WorkMail\'s advice', async () => {
  emulator.organization(organizationId).state = 'Deleting';
  await expect(run(create(props))).rejects.toThrow(
    /^DescribeEmailMonitoringConfiguration failed with OrganizationStateException: .*\(the organization is not Active/,
  );
});

test('survives throttling', async () => {
  emulator.injectFault({ kind: 'throttle', operation: 'PutEmailMonitoringConfiguration', count: 3 });
  await run(create(props));
  expect(configuration()).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
  expect(emulator.callsTo('PutEmailMonitoringConfiguration').filter((call) => call.error === 'ThrottlingException')).toHaveLength(3);
});

test('an update changes the log group and role in place', async () => {
  await run(create(props));
  const next = { ...props, LogGroupArn: emulator.addLogGroup('events'), RoleArn: emulator.addRole('other') };
  await expect(run(update(organizationId, props, next))).resolves.toMatchObject({ PhysicalResourceId: organizationId });
  expect(configuration()).toEqual({ logGroupArn: next.LogGroupArn, roleArn: next.RoleArn });
});

test('an update restores a configuration changed outside CloudFormation', async () => {
  await run(create(props));
  emulator.organization(organizationId).emailMonitoring = undefined;
  await run(update(organizationId, props, { ...props }));
  expect(configuration()).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
});

test('moving to another organization configures it; CloudFormation then deletes the old one', async () => {
  await run(create(props));
  const other = (await run(request(ResourceType.ORGANIZATION, 'Create', { Alias: 'other' }))).PhysicalResourceId;
  const next = { ...props, OrganizationId: other };
  const { PhysicalResourceId } = await run(update(organizationId, props, next));
  expect(PhysicalResourceId).toBe(other);
  await run(remove(organizationId, props));
  expect(configuration(other)).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
  expect(configuration()).toBeUndefined();
});

test('an update to a log group in another region is refused before any change, and the rollback succeeds', async () => {
  await run(create(props));
  const elsewhere = { ...props, LogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:events:*' };
  const writes = () => emulator.callsTo('PutEmailMonitoringConfiguration').length;
  const before = writes();
  await expect(run(update(organizationId, props, elsewhere))).rejects.toThrow(
    /Refusing to log email events of organization m-[0-9a-f]{32} \(us-east-1\) to log group .*: it is in eu-west-1/,
  );
  expect(writes()).toBe(before);
  await expect(run(update(organizationId, elsewhere, props))).resolves.toMatchObject({ PhysicalResourceId: organizationId });
  expect(configuration()).toEqual({ logGroupArn: props.LogGroupArn, roleArn: props.RoleArn });
});

test('delete turns email event logging off, also when redelivered', async () => {
  await run(create(props));
  const deletion = remove(organizationId, props);
  await run(deletion);
  expect(configuration()).toBeUndefined();
  await expect(run(deletion)).resolves.toMatchObject({ PhysicalResourceId: organizationId });
});

test('delete of an organization that is gone succeeds', async () => {
  await run(create(props));
  emulator.organization(organizationId).purged = true;
  await expect(run(remove(organizationId, props))).resolves.toMatchObject({ polls: 1 });
});

test('delete errors other than a missing organization fail the delete', async () => {
  await run(create(props));
  emulator.organization(organizationId).state = 'Deleting';
  await expect(run(remove(organizationId, props))).rejects.toThrow(/^DescribeEmailMonitoringConfiguration failed with OrganizationStateException/);
});

test('delete after a failed create does nothing', async () => {
  const calls = emulator.calls.length;
  await run(remove('AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', props));
  expect(emulator.calls).toHaveLength(calls);
});

test('logs operations, never the properties', async () => {
  await run(create(props));
  expect(logs.join('\n')).toContain('PutEmailMonitoringConfiguration');
  expect(logs.join('\n')).not.toMatch(/emailevents|role\/events/);
});
