/**
 * Synthesizes the example app (examples/app.ts) and every integration test app (test/integ.*.ts)
 * in one process, each into its own folder under the given directory, for `npx projen cfn-lint`.
 * An App synthesizes into CDK_OUTDIR when the process exits (as under `cdk synth`), so each app
 * is loaded with CDK_OUTDIR naming its folder.
 */
import { readdirSync } from 'fs';
import * as path from 'path';

const outdir = path.resolve(process.argv[2] ?? 'cdk.out/cfn-lint');
const root = path.join(__dirname, '..');
const apps = [
  path.join(root, 'examples', 'app.ts'),
  ...readdirSync(path.join(root, 'test')).filter((file) => /^integ\..+\.ts$/.test(file)).sort().map((file) => path.join(root, 'test', file)),
];
for (const app of apps) {
  process.env.CDK_OUTDIR = path.join(outdir, path.basename(app, '.ts'));
  require(app);
}
