/**
 * The example app that `npx cdk synth` synthesizes (see examples/mail-stack.ts), checked by
 * cdk-nag's AWS Solutions rules: a new finding shows at synth time, next to the code.
 */
import { App, Aspects, Tags } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { bundleIfStale } from './bundle-if-stale';
import { MailStack } from './mail-stack';
import { acknowledgeReviewedFindings } from './nag-acknowledgements';

bundleIfStale();
const app = new App();
const stack = new MailStack(app, 'WorkMailExample', { env: { region: 'us-east-1' } });
Tags.of(stack).add('Project', 'workmail-as-code');
acknowledgeReviewedFindings(stack);
Aspects.of(app).add(new AwsSolutionsChecks());
app.synth();
