/**
 * Deploys an organization with email flow rules and their rule engine, then checks that WorkMail
 * (and only WorkMail, for this organization) may invoke the engine, and that the engine decides a
 * sample event as the Administrator Guide describes. The console step that attaches the engine to
 * the organization has no API, so the test invokes the engine directly.
 *
 * Snapshot check (every test run): `npx projen integ`.
 * Deployment (needs credentials for us-east-1): `npx integ-runner --directory test --update-on-failed --force integ.email-flow.ts`.
 */
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { EmailFlowRule, FlowAction, FlowDirection, Organization } from '../src';

const app = new App();
const stack = new Stack(app, 'WorkMailEmailFlowInteg');

const organization = new Organization(stack, 'Organization', {
  alias: 'cdk-workmail-integ-flow',
  removalPolicy: RemovalPolicy.DESTROY,
});

const block = new EmailFlowRule(stack, 'BlockRival', {
  organization,
  direction: FlowDirection.INBOUND,
  action: FlowAction.bounce('Mail from rival.example is not accepted.'),
  senders: ['rival.example', '*.rival.example'],
});
new EmailFlowRule(stack, 'ExceptTheirCeo', {
  organization,
  direction: FlowDirection.INBOUND,
  action: FlowAction.defaultAction(),
  senders: ['ceo@rival.example'],
});
new EmailFlowRule(stack, 'JunkForSales', {
  organization,
  direction: FlowDirection.INBOUND,
  action: FlowAction.moveToJunk(),
  senders: ['*.rival.example'],
  recipients: ['sales@cdk-workmail-integ-flow.awsapps.com'],
});

const integ = new IntegTest(app, 'EmailFlowTest', {
  testCases: [stack],
  regions: ['us-east-1'],
});

// The engine's resource policy: WorkMail's regional principal, scoped to the organization.
integ.assertions
  .awsApiCall('Lambda', 'getPolicy', { FunctionName: block.engineFunction.functionName })
  .expect(ExpectedResult.objectLike({
    Policy: Match.stringLikeRegexp('workmail\\.us-east-1\\.amazonaws\\.com.*organization/m-'),
  }));

// The guide's event shape: two recipients, one of them decided by a more specific rule.
integ.assertions
  .invokeFunction({
    functionName: block.engineFunction.functionName,
    payload: JSON.stringify({
      summaryVersion: '2018-10-10',
      envelope: {
        mailFrom: { address: 'intern@eu.rival.example' },
        recipients: [
          { address: 'ann@cdk-workmail-integ-flow.awsapps.com' },
          { address: 'sales@cdk-workmail-integ-flow.awsapps.com' },
        ],
      },
      sender: null,
      subject: 'Integration test',
      messageId: '00000000-0000-0000-0000-000000000000',
      invocationId: '00000000000000000000000000000001',
      flowDirection: 'INBOUND',
      truncated: false,
    }),
  })
  .expect(ExpectedResult.objectLike({
    StatusCode: 200,
    Payload: JSON.stringify({
      actions: [
        { action: { type: 'BOUNCE', parameters: { bounceMessage: 'Mail from rival.example is not accepted.' } }, allRecipients: true },
        { action: { type: 'MOVE_TO_JUNK' }, recipients: ['sales@cdk-workmail-integ-flow.awsapps.com'] },
      ],
    }),
  }));
