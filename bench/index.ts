/** Runs every benchmark of bench/ and prints its table (`npx projen bench`). */
import { emailFlowBenchmark } from './email-flow.bench';

async function main(): Promise<void> {
  console.log(`${new Date().toISOString()} node ${process.version} ${process.platform}/${process.arch}\n`);
  console.log(await emailFlowBenchmark());
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
