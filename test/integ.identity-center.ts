/**
 * Deploys an organization connected to an IAM Identity Center instance (the application created
 * by the handler, Identity Center only, personal access tokens for 30 days), then reads the
 * configuration back with DescribeIdentityProviderConfiguration.
 *
 * An account has at most one Identity Center instance, whose ARN no API of this stack can
 * create: set CDK_WORKMAIL_IDENTITY_CENTER_INSTANCE_ARN to it before deploying. The snapshot is
 * synthesized with the placeholder below.
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1 and the instance ARN):
 * `CDK_WORKMAIL_IDENTITY_CENTER_INSTANCE_ARN=arn:aws:sso:::instance/ssoins-... npx integ-runner --directory test --update-on-failed --force integ.identity-center.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { IdentityCenter, IdentityCenterAuthenticationMode, Organization } from '../src';

const instanceArn = process.env.CDK_WORKMAIL_IDENTITY_CENTER_INSTANCE_ARN ?? 'arn:aws:sso:::instance/ssoins-0000000000000000';

const app = new App();
const stack = new Stack(app, 'WorkMailIdentityCenterInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-idc',
  removalPolicy: RemovalPolicy.DESTROY,
  forceDelete: true,
});

const identityCenter = new IdentityCenter(stack, 'IdentityCenter', {
  organization,
  instanceArn,
  authenticationMode: IdentityCenterAuthenticationMode.IDENTITY_PROVIDER_ONLY,
  personalAccessTokenLifetime: Duration.days(30),
});

const integ = new IntegTest(app, 'IdentityCenterTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('WorkMail', 'describeIdentityProviderConfiguration', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({
    AuthenticationMode: 'IDENTITY_PROVIDER_ONLY',
    IdentityCenterConfiguration: { InstanceArn: instanceArn, ApplicationArn: identityCenter.applicationArn },
    PersonalAccessTokenConfiguration: { Status: 'ACTIVE', LifetimeInDays: 30 },
  }));
