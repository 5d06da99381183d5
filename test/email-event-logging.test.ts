import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EmailEventLogging, Organization } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

describe('EmailEventLogging', () => {
  test('default: the console\'s log group, a role only WorkMail can assume for this organization, the configuration', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    const logging = new EmailEventLogging(s, 'EmailEvents', { organization });
    const template = Template.fromStack(s);

    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { LogGroupName: '/aws/workmail/emailevents/corp', RetentionInDays: 30 },
      DeletionPolicy: 'Retain',
    });
    const orgArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Org'), 'OrganizationArn'] };
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'events.workmail.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' }, ArnEquals: { 'aws:SourceArn': orgArn } },
        }],
      },
    });
    const logGroupArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailEventsLogGroup'), 'Arn'] };
    const rolePolicies = Object.values(template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^EmailEventsRole') }] },
    }));
    expect(rolePolicies).toHaveLength(1);
    const [statement, ...others] = rolePolicies[0].Properties.PolicyDocument.Statement;
    expect(others).toEqual([]);
    expect(statement).toMatchObject({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow' });
    // aws-cdk-lib 2.257 grants on the log group's ARN; later releases build the ARN from its name and
    // name its log streams too. Either way, only this log group.
    const resources = [statement.Resource].flat();
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(JSON.stringify(resource)).toMatch(/"EmailEventsLogGroup[0-9A-F]{8}"/);
    }
    template.hasResource('Custom::WorkMailEmailMonitoring', {
      Properties: {
        OrganizationId: { Ref: Match.stringLikeRegexp('^Org') },
        LogGroupArn: logGroupArn,
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailEventsRole'), 'Arn'] },
      },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^EmailEventsRoleDefaultPolicy')]),
      DeletionPolicy: 'Delete',
    });
    expect(logging.queryDefinitions).toHaveLength(15);
    expect(findCycle(template.toJSON())).toBeUndefined();
  });

  test('the handler may configure this organization and pass the role to WorkMail only, the latter in a policy the resource alone depends on', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    new EmailEventLogging(s, 'EmailEvents', { organization });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^WorkMailEmailMonitoring'),
      PolicyDocument: {
        Statement: [
          {
            Action: Match.arrayWith([
              'workmail:DeleteEmailMonitoringConfiguration',
              'workmail:PutEmailMonitoringConfiguration',
            ]),
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Org'), 'OrganizationArn'] },
          },
        ],
      },
    });
    // Passing the role is this resource's own right: its policy leaves the stack with it, after it.
    const passRole = template.findResources('AWS::IAM::Policy', {
      Properties: {
        PolicyDocument: {
          Statement: [{
            Action: 'iam:PassRole',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EmailEventsRole'), 'Arn'] },
            Condition: { StringEquals: { 'iam:PassedToService': 'events.workmail.amazonaws.com' } },
          }],
        },
        Roles: [{ Ref: Match.stringLikeRegexp('^CdkWorkMailProviderHandlerRole') }],
      },
    });
    expect(Object.keys(passRole)).toHaveLength(1);
    const dependents = Object.values(template.toJSON().Resources).filter((r: any) => (r.DependsOn ?? []).includes(Object.keys(passRole)[0]));
    expect(dependents.map((r: any) => r.Type)).toEqual(['Custom::WorkMailEmailMonitoring']);
  });

  test('log group name and retention can be chosen', () => {
    const s = stack();
    const organization = Organization.fromOrganizationId(s, 'Org', ORG_ID);
    new EmailEventLogging(s, 'EmailEvents', {
      organization, logGroupName: '/workmail/events', retention: logs.RetentionDays.ONE_YEAR,
    });
    Template.fromStack(s).hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/workmail/events', RetentionInDays: 365 });
  });

  test('an existing log group is used as it is', () => {
    const s = stack();
    const organization = Organization.fromOrganizationAttributes(s, 'Org', { organizationId: ORG_ID, alias: 'corp' });
    const logGroup = logs.LogGroup.fromLogGroupName(s, 'Events', 'mail-events');
    const logging = new EmailEventLogging(s, 'EmailEvents', { organization, logGroup });
    const template = Template.fromStack(s);
    // Only the shared provider's own log group.
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toEqual([expect.stringMatching(/^CdkWorkMailProvider/)]);
    expect(logging.logGroup).toBe(logGroup);
    template.hasResourceProperties('Custom::WorkMailEmailMonitoring', {
      OrganizationId: ORG_ID,
      LogGroupArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:111122223333:log-group:mail-events:*']] },
    });
  });

  test('saves the Administrator Guide\'s queries for the log group, word for word', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    new EmailEventLogging(s, 'EmailEvents', { organization });
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::Logs::QueryDefinition', 15);
    template.hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'WorkMail/corp/DMARC failures by policy',
      QueryString: 'stats count() by event.dmarcPolicy | filter event.dmarcVerdict == "FAIL"',
      LogGroupNames: [{ Ref: Match.stringLikeRegexp('^EmailEventsLogGroup') }],
    });
    template.hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'WorkMail/corp/Recipients receiving spam',
      QueryString: 'stats count(*) as c by event.recipients.0\n'
        + '| filter (event.eventName = "ORGANIZATION_EMAIL_RECEIVED" and event.spamVerdict = "FAIL")\n'
        + '| sort c desc',
    });
    template.hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'WorkMail/corp/Outgoing email that bounced',
      QueryString: 'fields @timestamp, event.destination, event.reason\n| sort @timestamp desc\n| filter event.eventName = "OUTGOING_EMAIL_BOUNCED"',
    });
  });

  test('queries: false saves none; an organization imported without alias names them by id', () => {
    const s = stack();
    new EmailEventLogging(s, 'One', {
      organization: Organization.fromOrganizationId(s, 'Org', ORG_ID), logGroupName: 'one', queries: false,
    });
    Template.fromStack(s).resourceCountIs('AWS::Logs::QueryDefinition', 0);

    const t = stack();
    new EmailEventLogging(t, 'Two', { organization: Organization.fromOrganizationId(t, 'Org', ORG_ID), logGroupName: 'two' });
    Template.fromStack(t).hasResourceProperties('AWS::Logs::QueryDefinition', { Name: `WorkMail/${ORG_ID}/Senders of spam` });
  });

  test('an existing role is used as it is: no role of its own, and an immutable one gets no policy', () => {
    const s = stack();
    const organization = Organization.fromOrganizationAttributes(s, 'Org', { organizationId: ORG_ID, alias: 'corp' });
    const logGroup = logs.LogGroup.fromLogGroupArn(s, 'Events', 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/workmail/emailevents/corp');
    const role = iam.Role.fromRoleArn(s, 'EventsRole', 'arn:aws:iam::111122223333:role/WorkMailEvents', { mutable: false });
    const logging = new EmailEventLogging(s, 'EmailEvents', { organization, logGroup, role });
    const template = Template.fromStack(s);
    expect(logging.role).toBe(role);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith('EmailEvents'))).toEqual([]);
    // The one policy of the construct is the handler's right to pass the role (on the provider's role).
    expect(Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('EmailEvents'))
      .map(([, policy]) => policy.Properties.Roles)).toEqual([[{ Ref: expect.stringMatching(/^CdkWorkMailProviderHandlerRole/) }]]);
    template.hasResourceProperties('Custom::WorkMailEmailMonitoring', {
      OrganizationId: ORG_ID,
      LogGroupArn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/workmail/emailevents/corp:*',
      RoleArn: 'arn:aws:iam::111122223333:role/WorkMailEvents',
    });
    // The provider may pass that role, to WorkMail only.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::111122223333:role/WorkMailEvents',
          Condition: { StringEquals: { 'iam:PassedToService': 'events.workmail.amazonaws.com' } },
        })]),
      },
    });
  });

  test('a role that may change is granted the write to the log group', () => {
    const s = stack();
    const organization = new Organization(s, 'Org', { alias: 'corp' });
    const role = iam.Role.fromRoleArn(s, 'EventsRole', 'arn:aws:iam::111122223333:role/WorkMailEvents');
    new EmailEventLogging(s, 'EmailEvents', { organization, role });
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['WorkMailEvents'],
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] })] },
    });
  });

  describe('refuses', () => {
    test('a role of another account', () => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      const role = iam.Role.fromRoleArn(s, 'EventsRole', 'arn:aws:iam::444455556666:role/WorkMailEvents', { mutable: false });
      expect(() => new EmailEventLogging(s, 'EmailEvents', { organization, role }))
        .toThrow(/^Mail\/EmailEvents: invalid role account "444455556666": WorkMail passes email events only to a role of the organization's account: use one in the organization's account \(111122223333\)/);
    });

    test.each([31, 0.5])('a retention CloudWatch Logs does not accept (%p days)', (days) => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      expect(() => new EmailEventLogging(s, 'EmailEvents', { organization, retention: days as logs.RetentionDays }))
        .toThrow(new RegExp(`^Mail/EmailEvents: invalid retention ${days}: CloudWatch Logs accepts only 1, 3, 5, 7, 14, 30, 60, 90, `));
    });

    test.each(['', 'events with spaces', 'a'.repeat(513), 'events:*'])('log group name %j', (logGroupName) => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      expect(() => new EmailEventLogging(s, 'EmailEvents', { organization, logGroupName }))
        .toThrow(/^Mail\/EmailEvents: invalid logGroupName .*: it must be 1-512 letters, digits and the characters \. - _ \/ #/);
    });

    test('name or retention together with an existing log group', () => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      const logGroup = new logs.LogGroup(s, 'Events');
      expect(() => new EmailEventLogging(s, 'EmailEvents', { organization, logGroup, retention: logs.RetentionDays.ONE_DAY }))
        .toThrow(/invalid logGroupName\/retention 1: they describe the log group this construct creates, and you passed logGroup/);
    });

    test('a second configuration of one organization', () => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      new EmailEventLogging(s, 'One', { organization });
      expect(() => new EmailEventLogging(s, 'Two', { organization, logGroupName: 'other' }))
        .toThrow(/^Mail\/Two: invalid email event logging "configuration": Mail\/One already manages it for organization Mail\/Org, and WorkMail keeps one: .*keep one EmailEventLogging per organization/);
    });

    test('a second configuration of one imported organization, even in another stack', () => {
      const app = new App();
      const one = new Stack(app, 'One', { env: { region: 'us-east-1' } });
      const two = new Stack(app, 'Two', { env: { region: 'us-east-1' } });
      new EmailEventLogging(one, 'Events', { organization: Organization.fromOrganizationId(one, 'Org', ORG_ID), logGroupName: 'one' });
      expect(() => new EmailEventLogging(two, 'Events', { organization: Organization.fromOrganizationId(two, 'Org', ORG_ID), logGroupName: 'two' }))
        .toThrow('Two/Events: invalid email event logging "configuration": One/Events already manages it');
    });

    test('the default name for an organization imported without alias', () => {
      const s = stack();
      expect(() => new EmailEventLogging(s, 'EmailEvents', { organization: Organization.fromOrganizationId(s, 'Org', ORG_ID) }))
        .toThrow(/invalid logGroupName undefined: the organization was imported without its alias.*pass logGroupName/);
    });

    test('a log group in another region', () => {
      const s = stack();
      const organization = new Organization(s, 'Org', { alias: 'corp' });
      const logGroup = logs.LogGroup.fromLogGroupArn(s, 'Events', 'arn:aws:logs:eu-west-1:111122223333:log-group:events:*');
      expect(() => new EmailEventLogging(s, 'EmailEvents', { organization, logGroup }))
        .toThrow('Mail/EmailEvents: invalid logGroup region "eu-west-1": WorkMail writes email events only to a log group of the organization\'s account and region: use one in the organization\'s region (us-east-1).');
    });
  });
});
