/**
 * Deploys an organization, checks WorkMail reports it Active with the alias and test domain,
 * then deletes it (DESTROY, so the test leaves nothing behind).
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.organization.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Organization } from '../src';

const app = new App();
// Environment-agnostic, as integ-runner expects; `regions` below picks us-east-1 for the deployment.
const stack = new Stack(app, 'WorkMailOrganizationInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-org',
  removalPolicy: RemovalPolicy.DESTROY,
  tags: { Purpose: 'cdk-workmail integration test' },
});

const integ = new IntegTest(app, 'OrganizationTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('WorkMail', 'describeOrganization', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({
    State: 'Active',
    Alias: 'cdk-workmail-integ-org',
    DefaultMailDomain: 'cdk-workmail-integ-org.awsapps.com',
  }));

integ.assertions
  .awsApiCall('WorkMail', 'listTagsForResource', { ResourceARN: organization.organizationArn })
  .expect(ExpectedResult.objectLike({
    Tags: ExpectedResult.arrayWith([{ Key: 'Purpose', Value: 'cdk-workmail integration test' }]),
  }));
