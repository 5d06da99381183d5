import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MailStack } from '../examples/mail-stack';
import { acknowledgeReviewedFindings } from '../examples/nag-acknowledgements';
import { findCycle } from './util/cycles';
import { largestRolePolicy } from './util/role-policy';
import { WORKMAIL_ACTIONS } from '../src/private/workmail-actions';

function checkedStack(acknowledge: boolean): MailStack {
  const app = new App();
  const stack = new MailStack(app, 'WorkMailExample', { env: { region: 'us-east-1' } });
  if (acknowledge) {
    acknowledgeReviewedFindings(stack);
  }
  Aspects.of(app).add(new AwsSolutionsChecks());
  return stack;
}

function findings(stack: MailStack): string[] {
  const annotations = Annotations.fromStack(stack);
  return [
    ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-')),
    ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-')),
  ].map((finding) => `${finding.id}: ${String(finding.entry.data).split('\n')[0]}`);
}

describe('the example app', () => {
  test('passes the cdk-nag AWS Solutions checks with only reviewed, reasoned acknowledgements', () => {
    expect(findings(checkedStack(true))).toEqual([]);
  });

  test('without the acknowledgements cdk-nag reports findings (the check can fail)', () => {
    expect(findings(checkedStack(false)).length).toBeGreaterThan(0);
  });

  test('uses the library end to end in one stack without dependency cycles', () => {
    const template = Template.fromStack(checkedStack(true));
    const types = new Set(Object.values(template.toJSON().Resources).map((r: any) => r.Type));
    for (const type of [
      'Custom::WorkMailOrganization', 'Custom::WorkMailDomain', 'Custom::WorkMailUser', 'Custom::WorkMailGroup',
      'Custom::WorkMailAccessControlRule', 'Custom::WorkMailMobileDeviceAccessRule', 'Custom::WorkMailEmailMonitoring',
      'Custom::WorkMailMailboxExport', 'Custom::WorkMailRetentionPolicy', 'AWS::Logs::Delivery',
    ]) {
      expect(types).toContain(type);
    }
    expect(findCycle(template.toJSON())).toBeUndefined();
  });

  test('keeps the provider role\'s inline policies, the WorkMail actions of every resource type in the stack included, under IAM\'s 10,240 characters', () => {
    const resources = Object.values(Template.fromStack(checkedStack(true)).toJSON().Resources) as Array<{ Type: string }>;
    const rolePolicy = largestRolePolicy(resources);
    // The largest role is the provider's: its organization's policies name each type's actions.
    const granted = [...new Set(resources.map((resource) => resource.Type))].flatMap((type) => WORKMAIL_ACTIONS[type] ?? []);
    expect(rolePolicy).toBeGreaterThan(granted.join('').length);
    expect(rolePolicy).toBeLessThan(10_240);
  });
});

test('the audit log group\'s key lets CloudWatch Logs use it for that log group only', () => {
  const template = Template.fromStack(new MailStack(new App(), 'WorkMailExample', { env: { region: 'us-east-1' } }));
  const [keyId] = Object.keys(template.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: '/aws/vendedlogs/workmail/example-corp' } }))
    .map((id) => template.toJSON().Resources[id].Properties.KmsKeyId['Fn::GetAtt'][0]);
  expect(template.toJSON().Resources[keyId].Properties.KeyPolicy.Statement).toContainEqual({
    Effect: 'Allow',
    Principal: { Service: 'logs.us-east-1.amazonaws.com' },
    Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    Resource: '*',
    Condition: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':log-group:/aws/vendedlogs/workmail/example-corp']] },
      },
    },
  });
});
