/**
 * Deploys an organization with two users (one with a password from Secrets Manager and an
 * alias), a group with both as members, and a mailbox permission; checks what WorkMail reports,
 * then deletes everything (DESTROY: users and groups are deregistered, then deleted, before the
 * organization goes).
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.users.ts`.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Group, MailboxPermissionType, Organization, User } from '../src';

const app = new App();
const stack = new Stack(app, 'WorkMailUsersInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-users',
  removalPolicy: RemovalPolicy.DESTROY,
  forceDelete: true,
});
const domain = organization.defaultMailDomain;

// 32 characters from every class: meets the WorkMail directory's password policy.
const password = new secretsmanager.Secret(stack, 'AlicePassword', {
  generateSecretString: { passwordLength: 32, requireEachIncludedType: true },
  removalPolicy: RemovalPolicy.DESTROY,
});

const alice = new User(stack, 'Alice', {
  organization,
  name: 'alice',
  displayName: 'Alice Liddell',
  firstName: 'Alice',
  jobTitle: 'Explorer',
  email: `alice@${domain}`,
  aliases: [`alice.liddell@${domain}`],
  password,
  mailboxQuota: Size.gibibytes(1),
  removalPolicy: RemovalPolicy.DESTROY,
});
const bob = new User(stack, 'Bob', {
  organization,
  name: 'bob',
  displayName: 'Bob',
  email: `bob@${domain}`,
  removalPolicy: RemovalPolicy.DESTROY,
});
const team = new Group(stack, 'Team', {
  organization,
  name: 'Integ Team',
  email: `team@${domain}`,
  members: [alice, bob],
  removalPolicy: RemovalPolicy.DESTROY,
});
alice.addMailboxPermission(bob, MailboxPermissionType.FULL_ACCESS, MailboxPermissionType.SEND_AS);

const integ = new IntegTest(app, 'UsersTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

integ.assertions
  .awsApiCall('WorkMail', 'describeUser', { OrganizationId: organization.organizationId, UserId: alice.userId })
  .expect(ExpectedResult.objectLike({ Name: 'alice', State: 'ENABLED', UserRole: 'USER', JobTitle: 'Explorer' }));

integ.assertions
  .awsApiCall('WorkMail', 'listAliases', { OrganizationId: organization.organizationId, EntityId: alice.userId })
  .expect(ExpectedResult.objectLike({ Aliases: ExpectedResult.arrayWith(['alice.liddell@cdk-workmail-integ-users.awsapps.com']) }));

integ.assertions
  .awsApiCall('WorkMail', 'getMailboxDetails', { OrganizationId: organization.organizationId, UserId: alice.userId })
  .expect(ExpectedResult.objectLike({ MailboxQuota: 1024 }));

integ.assertions
  .awsApiCall('WorkMail', 'describeGroup', { OrganizationId: organization.organizationId, GroupId: team.groupId })
  .expect(ExpectedResult.objectLike({ Name: 'Integ Team', State: 'ENABLED', Email: 'team@cdk-workmail-integ-users.awsapps.com' }));

integ.assertions
  .awsApiCall('WorkMail', 'listGroupMembers', { OrganizationId: organization.organizationId, GroupId: team.groupId })
  .expect(ExpectedResult.objectLike({
    Members: ExpectedResult.arrayWith([ExpectedResult.objectLike({ Name: 'alice' }), ExpectedResult.objectLike({ Name: 'bob' })]),
  }));

integ.assertions
  .awsApiCall('WorkMail', 'listMailboxPermissions', { OrganizationId: organization.organizationId, EntityId: alice.userId })
  .expect(ExpectedResult.objectLike({
    Permissions: [ExpectedResult.objectLike({ GranteeType: 'USER', PermissionValues: ['FULL_ACCESS', 'SEND_AS'] })],
  }));
