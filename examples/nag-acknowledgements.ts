/**
 * The cdk-nag AWS Solutions findings of the example app that were reviewed and accepted, each
 * with its reason. test/example-app.test.ts fails on any finding not listed here.
 */
import { Stack } from 'aws-cdk-lib';
import { NagPackSuppression, NagSuppressions } from 'cdk-nag';

const REVIEWED: NagPackSuppression[] = [
  {
    id: 'AwsSolutions-L1',
    reason: 'Node.js 22 is supported by Lambda until 2027-04-30, after WorkMail ends (2027-03-31); the Provider framework picks its own runtime.',
  },
  {
    id: 'AwsSolutions-IAM4',
    reason: 'Only CloudWatch Logs writes, on the email flow engine\'s and the export engine\'s functions, as aws-cdk-lib creates them.',
    appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'The Provider framework may invoke any version of the functions it owns.',
    appliesTo: [
      'Resource::<WorkMailHandler.Arn>:*',
      'Resource::<WorkMailOnTimeout.Arn>:*',
      'Resource::<WorkMailIsComplete.Arn>:*',
    ],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'The organization handler acts on an organization whose ARN exists only after CreateOrganization; scoped to this account and region.',
    appliesTo: ['Resource::arn:<AWS::Partition>:workmail:us-east-1:<AWS::AccountId>:organization/*'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'CreateOrganization, the Directory Service and SES actions WorkMail performs with the caller\'s credentials, and the export state machine\'s '
      + 'logging and X-Ray actions (as aws-cdk-lib grants them) take no resource ARN.',
    appliesTo: ['Resource::*'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'Deleting a Domain clears the MAIL FROM domain of its SES identity after the Domain left the app, when no statement can name it; this account and region only.',
    appliesTo: ['Resource::arn:<AWS::Partition>:ses:us-east-1:<AWS::AccountId>:identity/*'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'WorkMail writes one object per exported mailbox under the export prefix of this private bucket.',
    appliesTo: ['Resource::<ExitExportBucketF15F6B4D.Arn>/*'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'The export engine and its handler read the export files and write the report under the export prefix only.',
    appliesTo: ['Resource::<ExitExportBucketF15F6B4D.Arn>/exit-2027/*'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'The export handler describes and stops executions of its own state machine, whose execution ARNs are known only at run time.',
    appliesTo: ['Resource::arn:<AWS::Partition>:states:us-east-1:<AWS::AccountId>:execution:<ExitExportStateMachine66A393F8.Name>:*'],
  },
  {
    id: 'AwsSolutions-IAM5',
    reason: 'The export state machine may invoke any version of its engine function, as aws-cdk-lib grants it.',
    appliesTo: ['Resource::<ExitExportEngine502F5AB1.Arn>:*'],
  },
  {
    id: 'AwsSolutions-SF1',
    reason: 'The Provider framework\'s waiter state machine is aws-cdk-lib\'s and its handlers log to CloudWatch Logs; the export state machine '
      + 'logs its errors, kept a year (every event would log each polling wait).',
  },
  { id: 'AwsSolutions-SF2', reason: 'The Provider framework\'s waiter state machine is aws-cdk-lib\'s; X-Ray adds nothing to a polling loop.' },
  { id: 'AwsSolutions-SMG4', reason: 'An initial password that the user changes at first sign-in; WorkMail cannot follow a rotated secret.' },
  { id: 'AwsSolutions-S1', reason: 'The export bucket receives exports from WorkMail only; CloudTrail data events are the audit trail if needed.' },
];

/**
 * Stack-wide: cdk-nag copies a resource's own suppressions into the resource's template metadata,
 * so suppressions on each construct concerned nearly doubled the template (91 to 163 KB), for no
 * synth time that could be measured (bench/RESULTS.md, (f)).
 */
export function acknowledgeReviewedFindings(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, REVIEWED, true);
}
