import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Organization, RetentionAction, RetentionFolder, RetentionPolicy } from '../src';
import { findCycle } from './util/cycles';

const ORG_ID = 'm-0123456789abcdef0123456789abcdef';

function stack(): Stack {
  return new Stack(new App(), 'Mail', { env: { region: 'us-east-1', account: '111122223333' } });
}

describe('Organization settings props', () => {
  test('retentionPolicy and dmarcEnforcement create their resources on the new organization', () => {
    const s = stack();
    new Organization(s, 'Org', {
      alias: 'corp',
      dmarcEnforcement: false,
      retentionPolicy: {
        policyName: 'Mail_90',
        description: 'ninety days',
        folders: [
          { folder: RetentionFolder.DELETED_ITEMS, action: RetentionAction.PERMANENTLY_DELETE, period: Duration.days(30) },
          { folder: RetentionFolder.INBOX, action: RetentionAction.NONE },
        ],
      },
    });
    const template = Template.fromStack(s);
    const organizationRef = { Ref: Match.stringLikeRegexp('^Org') };
    template.hasResourceProperties('Custom::WorkMailRetentionPolicy', {
      OrganizationId: organizationRef,
      PolicyName: 'Mail_90',
      Description: 'ninety days',
      Folders: [{ Name: 'DELETED_ITEMS', Action: 'PERMANENTLY_DELETE', Period: '30' }, { Name: 'INBOX', Action: 'NONE' }],
    });
    template.hasResourceProperties('Custom::WorkMailInboundDmarcSettings', { OrganizationId: organizationRef, Enforced: 'false' });
    expect(findCycle(template.toJSON())).toBeUndefined();
    const statements = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    for (const action of ['GetDefaultRetentionPolicy', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'PutInboundDmarcSettings']) {
      expect(statements).toContain(`workmail:${action}`);
    }
  });

  test('without the props nothing is managed', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp' });
    const template = Template.fromStack(s);
    template.resourceCountIs('Custom::WorkMailRetentionPolicy', 0);
    template.resourceCountIs('Custom::WorkMailInboundDmarcSettings', 0);
  });

  test('dmarcEnforcement true is written as well', () => {
    const s = stack();
    new Organization(s, 'Org', { alias: 'corp', dmarcEnforcement: true });
    Template.fromStack(s).hasResourceProperties('Custom::WorkMailInboundDmarcSettings', { Enforced: 'true' });
  });
});

describe('RetentionPolicy', () => {
  const imported = (s: Stack) => Organization.fromOrganizationId(s, 'Imported', ORG_ID);

  test('on an imported organization, default name, scoped to the organization ARN', () => {
    const s = stack();
    new RetentionPolicy(s, 'Retention', {
      organization: imported(s),
      folders: [{ folder: RetentionFolder.JUNK_EMAIL, action: RetentionAction.DELETE, period: Duration.days(730) }],
    });
    const template = Template.fromStack(s);
    template.hasResource('Custom::WorkMailRetentionPolicy', {
      Properties: { OrganizationId: ORG_ID, PolicyName: 'cdk-workmail', Folders: [{ Name: 'JUNK_EMAIL', Action: 'DELETE', Period: '730' }] },
      DeletionPolicy: 'Delete',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: Match.arrayWith(['workmail:DeleteRetentionPolicy', 'workmail:GetDefaultRetentionPolicy', 'workmail:PutRetentionPolicy']),
          Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`organization/${ORG_ID}$`)])] },
        }],
      },
    });
  });

  test.each([
    ['a period of 0 days', [{ folder: RetentionFolder.INBOX, action: RetentionAction.DELETE, period: Duration.days(0) }], /invalid period of INBOX "0 days": it must be a whole number of days from 1 to 730/],
    ['a period of 731 days', [{ folder: RetentionFolder.INBOX, action: RetentionAction.DELETE, period: Duration.days(731) }], /"731 days"/],
    ['a period of hours', [{ folder: RetentionFolder.INBOX, action: RetentionAction.DELETE, period: Duration.hours(36) }], /"1 day 12 hours"/],
    ['a delete without period', [{ folder: RetentionFolder.DRAFTS, action: RetentionAction.DELETE }], /action DELETE needs a period of 1-730 days/],
    ['duplicate folders', [
      { folder: RetentionFolder.INBOX, action: RetentionAction.NONE },
      { folder: RetentionFolder.INBOX, action: RetentionAction.DELETE, period: Duration.days(3) },
    ], /invalid folders "INBOX": each folder takes one rule/],
    ['no folder', [], /list at least one folder/],
  ])('refuses %s', (_, folders, message) => {
    const s = stack();
    expect(() => new RetentionPolicy(s, 'Retention', { organization: imported(s), folders })).toThrow(message);
  });

  test.each([
    [{ policyName: 'has space' }, /Mail\/Retention: invalid policyName "has space": it must be 1-64 letters, digits, hyphens or underscores/],
    [{ policyName: 'x'.repeat(65) }, /invalid policyName/],
    [{ description: 'd'.repeat(257) }, /invalid description/],
  ])('refuses bad names and descriptions %#', (extra, message) => {
    const s = stack();
    expect(() => new RetentionPolicy(s, 'Retention', {
      organization: imported(s), folders: [{ folder: RetentionFolder.INBOX, action: RetentionAction.NONE }], ...extra,
    })).toThrow(message);
  });
});
