import {
  CreateOrganizationCommand,
  DeleteEmailMonitoringConfigurationCommand,
  DescribeEmailMonitoringConfigurationCommand,
  DescribeOrganizationCommand,
  PutEmailMonitoringConfigurationCommand,
  WorkMailClient,
} from '@aws-sdk/client-workmail';
import { WorkMailEmulator } from '.';

let emulator: WorkMailEmulator;
let client: WorkMailClient;

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
beforeEach(() => {
  emulator.reset();
  emulator.setCreationSteps(0);
});

async function organization(): Promise<string> {
  const { OrganizationId } = await client.send(new CreateOrganizationCommand({ Alias: 'corp' }));
  await client.send(new DescribeOrganizationCommand({ OrganizationId }));
  return OrganizationId!;
}

const describe_ = (OrganizationId: string) => client.send(new DescribeEmailMonitoringConfigurationCommand({ OrganizationId }));

test('Put creates, then replaces, the one configuration of an organization; Delete removes it', async () => {
  const id = await organization();
  const first = emulator.addLogGroup('/aws/workmail/emailevents/corp');
  const second = emulator.addLogGroup('other');
  const role = emulator.addRole('workmail-events');

  await expect(describe_(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await client.send(new PutEmailMonitoringConfigurationCommand({ OrganizationId: id, LogGroupArn: first, RoleArn: role }));
  await expect(describe_(id)).resolves.toMatchObject({ LogGroupArn: first, RoleArn: role });
  await client.send(new PutEmailMonitoringConfigurationCommand({ OrganizationId: id, LogGroupArn: second }));
  const replaced = await describe_(id);
  expect(replaced.LogGroupArn).toBe(second);
  expect(replaced.RoleArn).toBeUndefined();

  await client.send(new DeleteEmailMonitoringConfigurationCommand({ OrganizationId: id }));
  await expect(describe_(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  // Delete is idempotent.
  await expect(client.send(new DeleteEmailMonitoringConfigurationCommand({ OrganizationId: id }))).resolves.toBeDefined();
});

test('a missing log group or role is not found', async () => {
  const id = await organization();
  const logGroup = emulator.addLogGroup('events');
  await expect(client.send(new PutEmailMonitoringConfigurationCommand({
    OrganizationId: id, LogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:events:*',
  }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(client.send(new PutEmailMonitoringConfigurationCommand({
    OrganizationId: id, LogGroupArn: logGroup, RoleArn: 'arn:aws:iam::123456789012:role/missing',
  }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});

test('a log group ARN without the :* suffix breaks the model', async () => {
  const id = await organization();
  await expect(client.send(new PutEmailMonitoringConfigurationCommand({
    OrganizationId: id, LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:events',
  }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
});

test('an unknown organization is not found', async () => {
  await expect(describe_('m-0123456789abcdef0123456789abcdef')).rejects.toMatchObject({ name: 'OrganizationNotFoundException' });
});
