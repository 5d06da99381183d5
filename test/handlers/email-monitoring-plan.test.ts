import { MonitoringSettings, parseSettings, planCreate, planDelete, planUpdate } from '../../src/handlers/email-monitoring/plan';

const ORG = 'm-0123456789abcdef0123456789abcdef';
const settings: MonitoringSettings = {
  organizationId: ORG,
  logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/workmail/emailevents/corp:*',
  roleArn: 'arn:aws:iam::123456789012:role/events',
};

test('parses the properties', () => {
  expect(parseSettings({ OrganizationId: ORG, LogGroupArn: settings.logGroupArn, RoleArn: settings.roleArn })).toEqual(settings);
});

test('create puts the configuration', () => {
  expect(planCreate(settings, 'us-east-1')).toEqual([{ kind: 'PutEmailMonitoringConfiguration', settings }]);
});

test.each([
  ['log group', { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:other:*' }],
  ['role', { roleArn: 'arn:aws:iam::123456789012:role/other' }],
  ['organization', { organizationId: 'm-ffffffffffffffffffffffffffffffff' }],
])('an update of the %s puts the new configuration in place', (_, change) => {
  const next = { ...settings, ...change };
  expect(planUpdate(next, 'us-east-1')).toEqual([{ kind: 'PutEmailMonitoringConfiguration', settings: next }]);
});

test('an update without change puts the configuration again, restoring one changed outside CloudFormation', () => {
  expect(planUpdate({ ...settings }, 'us-east-1')).toEqual([{ kind: 'PutEmailMonitoringConfiguration', settings }]);
});

test.each([
  ['create', () => planCreate({ ...settings, logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:g:*' }, 'us-east-1')],
  ['update', () => planUpdate({ ...settings, logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:g:*' }, 'us-east-1')],
])('%s refuses a log group in another region', (_, plan) => {
  expect(plan).toThrow(/it is in eu-west-1, and WorkMail writes only to log groups in the organization's region\. Use a log group in us-east-1\./);
});

test('delete removes the configuration of the organization', () => {
  expect(planDelete(ORG)).toEqual([{ kind: 'DeleteEmailMonitoringConfiguration', organizationId: ORG }]);
});

test.each([undefined, 'AWSCDK::CustomResourceProviderFramework::MISSING_PHYSICAL_ID', 'request-1'])(
  'delete after a failed create (%j) does nothing', (physicalId) => {
    expect(planDelete(physicalId)).toEqual([]);
  });
