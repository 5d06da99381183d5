/**
 * Deploys an organization with email event logging, checks WorkMail reports the log group and
 * role, then deletes everything (DESTROY).
 *
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.email-event-logging.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EmailEventLogging, Organization } from '../src';

const app = new App();
const stack = new Stack(app, 'WorkMailEmailEventLoggingInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-events',
  removalPolicy: RemovalPolicy.DESTROY,
});

const logging = new EmailEventLogging(stack, 'EmailEvents', {
  organization,
  logGroup: new logs.LogGroup(stack, 'Events', {
    logGroupName: '/aws/workmail/emailevents/cdk-workmail-integ-events',
    retention: logs.RetentionDays.ONE_DAY,
    removalPolicy: RemovalPolicy.DESTROY,
  }),
});

const integ = new IntegTest(app, 'EmailEventLoggingTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('WorkMail', 'describeEmailMonitoringConfiguration', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({
    LogGroupArn: logging.logGroup.logGroupArn,
    RoleArn: logging.role.roleArn,
  }));
