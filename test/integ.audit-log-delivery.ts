/**
 * Deploys an organization whose five audit logs go to a log group under /aws/vendedlogs/ and
 * whose authentication logs also go to an S3 bucket, checks CloudWatch Logs reports the
 * deliveries, then deletes everything (DESTROY).
 *
 * The deploying role needs workmail:AllowVendedLogDeliveryForResource on the organization.
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.audit-log-delivery.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AuditLogDelivery, AuditLogDestination, AuditLogType, Organization } from '../src';

const app = new App();
const stack = new Stack(app, 'WorkMailAuditLogDeliveryInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-audit',
  removalPolicy: RemovalPolicy.DESTROY,
});

const logGroup = new logs.LogGroup(stack, 'AuditLogs', {
  logGroupName: '/aws/vendedlogs/workmail/cdk-workmail-integ-audit',
  retention: logs.RetentionDays.ONE_DAY,
  removalPolicy: RemovalPolicy.DESTROY,
});
const toLogGroup = new AuditLogDelivery(stack, 'ToLogGroup', {
  organization,
  destination: AuditLogDestination.logGroup(logGroup),
});

const bucket = new s3.Bucket(stack, 'Archive', {
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
});
const toBucket = new AuditLogDelivery(stack, 'ToBucket', {
  organization,
  logTypes: [AuditLogType.AUTHENTICATION_LOGS],
  destination: AuditLogDestination.bucket(bucket),
});

const integ = new IntegTest(app, 'AuditLogDeliveryTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('CloudWatchLogs', 'getDeliveryDestination', { name: toLogGroup.deliveryDestinationName })
  .expect(ExpectedResult.objectLike({
    deliveryDestination: { deliveryDestinationType: 'CWL', deliveryDestinationConfiguration: { destinationResourceArn: logGroup.logGroupArn } },
  }));

integ.assertions
  .awsApiCall('CloudWatchLogs', 'describeDeliveries', { limit: 50 })
  .expect(ExpectedResult.objectLike({
    deliveries: ExpectedResult.arrayWith([
      ExpectedResult.objectLike({ deliveryDestinationArn: toBucket.deliveryDestinationArn, deliveryDestinationType: 'S3' }),
    ]),
  }));
