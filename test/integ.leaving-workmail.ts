/**
 * Deploys an organization with a retention policy and DMARC enforcement off, exports its
 * mailboxes, checks WorkMail's state, then deletes everything (DESTROY on the organization, the
 * bucket and the key, so the test leaves nothing behind; the library's defaults retain them).
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.leaving-workmail.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { MailboxExport, Organization, RetentionAction, RetentionFolder } from '../src';

const app = new App();
// Environment-agnostic, as integ-runner expects; `regions` below picks us-east-1 for the deployment.
const stack = new Stack(app, 'WorkMailLeavingInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-exit',
  removalPolicy: RemovalPolicy.DESTROY,
  dmarcEnforcement: false,
  retentionPolicy: {
    policyName: 'integ',
    folders: [
      { folder: RetentionFolder.DELETED_ITEMS, action: RetentionAction.PERMANENTLY_DELETE, period: Duration.days(30) },
      { folder: RetentionFolder.JUNK_EMAIL, action: RetentionAction.DELETE, period: Duration.days(7) },
    ],
  },
});

const key = new kms.Key(stack, 'ExportKey', { removalPolicy: RemovalPolicy.DESTROY, pendingWindow: Duration.days(7) });
const bucket = new s3.Bucket(stack, 'ExportBucket', {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  encryption: s3.BucketEncryption.KMS,
  encryptionKey: key,
  removalPolicy: RemovalPolicy.DESTROY,
});
// A new organization has no user mailboxes yet: the export's run lists them, finds none, ends,
// and the deployment (which waits for it here) says so.
const mailboxExport = new MailboxExport(stack, 'Export', { organization, bucket, encryptionKey: key, waitTimeout: Duration.minutes(5) });

const integ = new IntegTest(app, 'LeavingWorkMailTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('WorkMail', 'getDefaultRetentionPolicy', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({
    Name: 'integ',
    FolderConfigurations: [
      { Name: 'DELETED_ITEMS', Action: 'PERMANENTLY_DELETE', Period: 30 },
      { Name: 'JUNK_EMAIL', Action: 'DELETE', Period: 7 },
    ],
  }));

integ.assertions
  .awsApiCall('WorkMail', 'describeInboundDmarcSettings', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({ Enforced: false }));

integ.assertions
  .awsApiCall('WorkMail', 'listMailboxExportJobs', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({ Jobs: [] }));

integ.assertions
  .awsApiCall('SFN', 'listExecutions', { stateMachineArn: mailboxExport.stateMachine.stateMachineArn })
  .expect(ExpectedResult.objectLike({ executions: [ExpectedResult.objectLike({ status: 'SUCCEEDED' })] }));

integ.assertions
  .awsApiCall('CloudFormation', 'describeStacks', { StackName: stack.stackName })
  .expect(ExpectedResult.objectLike({
    Stacks: [ExpectedResult.objectLike({ Outputs: ExpectedResult.arrayWith([ExpectedResult.objectLike({ OutputValue: '0 of 0 mailboxes exported' })]) })],
  }));
