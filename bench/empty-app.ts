/** The yardstick of benchmark (f): an app with one empty stack, run by the command cdk.json runs the example app with. */
import { App, Stack } from 'aws-cdk-lib';

const app = new App();
new Stack(app, 'Empty', { env: { region: 'us-east-1' } });
app.synth();
