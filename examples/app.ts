/**
 * The example app that `npx cdk synth` synthesizes (see examples/mail-stack.ts). cdk-nag's AWS
 * Solutions rules check the same stack in `npm test` (test/example-app.test.ts), with the
 * acknowledgements of examples/nag-acknowledgements.ts, and not here: loading and running them
 * takes about as long as the rest of the app, on every synth.
 */
import { App, Tags } from 'aws-cdk-lib';
import { bundleIfStale } from './bundle-if-stale';
import { MailStack } from './mail-stack';

bundleIfStale();
const app = new App();
const stack = new MailStack(app, 'WorkMailExample', { env: { region: 'us-east-1' } });
Tags.of(stack).add('Project', 'workmail-as-code');
app.synth();
