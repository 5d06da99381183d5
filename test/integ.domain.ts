/**
 * Deploys an organization and a domain in a Route 53 hosted zone as its default domain, checks
 * that WorkMail reports the domain verified and default, then deletes everything (DESTROY): the
 * default goes back to the test domain, the domain is deregistered, its records are removed.
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1 and a public hosted zone that the domain's registrar
 * delegates to, else SES never sees the records):
 * `INTEG_ZONE_ID=Z... INTEG_ZONE_NAME=mail.example.com npx integ-runner --directory test --update-on-failed --force integ.domain.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Organization } from '../src';

const zoneName = process.env.INTEG_ZONE_NAME ?? 'cdk-workmail-integ.example.com';
const hostedZoneId = process.env.INTEG_ZONE_ID ?? 'Z00000000000000000000';

const app = new App();
// Environment-agnostic, as integ-runner expects; `regions` below picks us-east-1 for the deployment.
const stack = new Stack(app, 'WorkMailDomainInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-domain',
  removalPolicy: RemovalPolicy.DESTROY,
});
const hostedZone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(stack, 'Zone', { hostedZoneId, zoneName });
const domain = organization.addDomain('Domain', {
  domainName: zoneName,
  hostedZone,
  isDefault: true,
  mailFromDomain: `mail.${zoneName}`,
  verificationTimeout: Duration.minutes(45),
  removalPolicy: RemovalPolicy.DESTROY,
});

const integ = new IntegTest(app, 'DomainTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('WorkMail', 'getMailDomain', { OrganizationId: organization.organizationId, DomainName: domain.domainName })
  .expect(ExpectedResult.objectLike({
    IsTestDomain: false,
    IsDefault: true,
    OwnershipVerificationStatus: 'VERIFIED',
    DkimVerificationStatus: 'VERIFIED',
  }));

integ.assertions
  .awsApiCall('WorkMail', 'describeOrganization', { OrganizationId: organization.organizationId })
  .expect(ExpectedResult.objectLike({ DefaultMailDomain: zoneName }));

integ.assertions
  .awsApiCall('SES', 'getIdentityMailFromDomainAttributes', { Identities: [zoneName] })
  .expect(ExpectedResult.objectLike({
    MailFromDomainAttributes: { [zoneName]: { MailFromDomain: `mail.${zoneName}` } },
  }));
