/** Runs every benchmark of bench/ and prints its table (`npx projen bench`, after `npx projen bundle`). */
import { emailFlowBenchmark } from './email-flow.bench';
import { handlerBundles } from './handler-bundles';
import { parallelUsers } from './parallel-users';
import { synthComparison } from './synth';

async function main(): Promise<void> {
  console.log(`${new Date().toISOString()} node ${process.version} ${process.platform}/${process.arch}`);
  synthComparison();
  handlerBundles();
  await emailFlowBenchmark();
  await parallelUsers();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
