/**
 * Deploys an organization with access control rules, an impersonation role, mobile device
 * access rules, a user and a mobile device access override for one of the user's devices, then
 * asks WorkMail's own "Test" APIs (GetAccessControlEffect, GetMobileDeviceAccessEffect,
 * GetImpersonationRoleEffect) and checks that they answer what the library's offline evaluators
 * answered at synth time, and reads the override back (GetMobileDeviceAccessOverride). The
 * access control requests are made by the impersonation role, which needs no user.
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.access-rules.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessControlRule,
  AccessEffect,
  AccessProtocol,
  ImpersonationRole,
  ImpersonationRoleType,
  MobileDeviceAccessOverride,
  MobileDeviceAccessRule,
  Organization,
  User,
} from '../src';

const app = new App();
const stack = new Stack(app, 'WorkMailAccessRulesInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-rules',
  removalPolicy: RemovalPolicy.DESTROY,
  forceDelete: true,
});

// On the organization's test domain, which needs no Domain.
const alice = new User(stack, 'Alice', {
  organization,
  name: 'alice',
  displayName: 'Alice',
  email: 'alice@cdk-workmail-integ-rules.awsapps.com',
  removalPolicy: RemovalPolicy.DESTROY,
});

const archiver = new ImpersonationRole(stack, 'Archiver', {
  organization,
  name: 'Archiver',
  roleType: ImpersonationRoleType.READ_ONLY,
  description: 'Reads mail for the archive',
  rules: [{ id: 'everyone', name: 'Everyone', effect: AccessEffect.ALLOW }],
});

// The archiver may only connect from the office network.
new AccessControlRule(stack, 'ArchiverOutsideOffice', {
  organization,
  name: 'archiver-outside-office',
  effect: AccessEffect.DENY,
  description: 'The archiver connects from the office only',
  impersonationRoles: [archiver],
  notIpRanges: ['192.0.2.0/24'],
});

new MobileDeviceAccessRule(stack, 'BlockAllAndroid', {
  organization,
  name: 'BlockAllAndroid',
  effect: AccessEffect.DENY,
  deviceTypes: ['android'],
});

// Alice's phone is allowed although it is an Android device.
const alicePhone = { deviceId: 'integphone01', effect: AccessEffect.ALLOW, description: 'MDM approved this device' };
new MobileDeviceAccessOverride(stack, 'AlicePhone', { organization, user: alice, ...alicePhone });

const integ = new IntegTest(app, 'AccessRulesTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

for (const ipAddress of ['192.0.2.10', '203.0.113.5']) {
  const expected = organization.evaluateAccessControl({ protocol: AccessProtocol.EWS, ipAddress, impersonationRole: archiver });
  integ.assertions
    .awsApiCall('WorkMail', 'getAccessControlEffect', {
      OrganizationId: organization.organizationId,
      IpAddress: ipAddress,
      Action: AccessProtocol.EWS,
      ImpersonationRoleId: archiver.impersonationRoleId,
    })
    .expect(ExpectedResult.objectLike({ Effect: expected.effect, MatchedRules: expected.matchedRules }));
}

// The built-in allow-all mobile rule has no documented name: compare the effects only.
for (const device of [{ deviceType: 'Android', deviceModel: 'Pixel 8' }, { deviceType: 'iPhone', deviceOperatingSystem: 'iOS 17.4' }]) {
  const expected = organization.evaluateMobileDeviceAccess(device);
  integ.assertions
    .awsApiCall('WorkMail', 'getMobileDeviceAccessEffect', {
      OrganizationId: organization.organizationId,
      DeviceType: device.deviceType,
      DeviceModel: device.deviceModel,
      DeviceOperatingSystem: device.deviceOperatingSystem,
    })
    .expect(ExpectedResult.objectLike({ Effect: expected.effect }));
}

// GetMobileDeviceAccessEffect takes no user or device id, so overrides are not tested there: read
// the override back instead.
integ.assertions
  .awsApiCall('WorkMail', 'getMobileDeviceAccessOverride', {
    OrganizationId: organization.organizationId,
    UserId: alice.userId,
    DeviceId: alicePhone.deviceId,
  })
  .expect(ExpectedResult.objectLike({ UserId: alice.userId, Effect: alicePhone.effect, Description: alicePhone.description }));

const impersonation = archiver.evaluate(alice);
integ.assertions
  .awsApiCall('WorkMail', 'getImpersonationRoleEffect', {
    OrganizationId: organization.organizationId,
    ImpersonationRoleId: archiver.impersonationRoleId,
    TargetUser: alice.userId,
  })
  .expect(ExpectedResult.objectLike({
    Type: impersonation.roleType,
    Effect: impersonation.effect,
    MatchedRules: impersonation.matchedRules.map((ImpersonationRuleId) => ({ ImpersonationRuleId })),
  }));
