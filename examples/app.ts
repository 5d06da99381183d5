/**
 * The example WorkMail setup that `npx cdk synth` synthesizes: a production organization whose
 * mail is encrypted with a customer managed key, kept if the stack is deleted, and tagged.
 * It synthesizes offline: no AWS account or credentials are needed.
 */
import { App, Stack, StackProps, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { Organization } from '../src';

class MailStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    const mailKey = new kms.Key(this, 'MailKey', {
      description: 'Encrypts the mail of the example-corp WorkMail organization',
      enableKeyRotation: true,
    });

    const organization = new Organization(this, 'Organization', {
      alias: 'example-corp',
      kmsKey: mailKey,
      tags: { CostCenter: 'it-mail' },
    });

    // Someone is guessing passwords: 20 failed sign-ins in 5 minutes.
    new cloudwatch.Alarm(this, 'AuthenticationFailures', {
      metric: organization.metricAuthenticationFailure(),
      threshold: 20,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}

const app = new App();
const stack = new MailStack(app, 'WorkMailExample', { env: { region: 'us-east-1' } });
Tags.of(stack).add('Project', 'workmail-as-code');
app.synth();
