/**
 * Runs the benchmarks of bench/ and prints their tables (`npx projen bench`, after `npx projen bundle`).
 * Name parts to run only those, e.g. `npx projen bench -- b d`.
 */
import { cpus, loadavg } from 'os';
import { deploymentTime } from './deployment';
import { emailFlowBenchmark } from './email-flow.bench';
import { exportBenchmark } from './export';
import { handlerBundles } from './handler-bundles';
import { importReads } from './import';
import { parallelUsers } from './parallel-users';
import { ruleValidationBenchmark } from './rule-validation';
import { synthComparison } from './synth';
import { synthTime } from './synth-time';

const PARTS: Record<string, () => void | Promise<void>> = {
  a: synthComparison,
  b: handlerBundles,
  c: emailFlowBenchmark,
  d: parallelUsers,
  e: deploymentTime,
  f: synthTime,
  // The 1,000th EmailFlowRule costs what the first does (synth-time validation is linear).
  g: ruleValidationBenchmark,
  // A mailbox export of 500 mailboxes against the floor set by WorkMail's 10 concurrent jobs.
  h: exportBenchmark,
  // `cdk-workmail import` of 1,000 users: bounded parallel reads against one at a time.
  i: importReads,
};

async function main(selected: string[]): Promise<void> {
  const unknown = selected.filter((part) => !(part in PARTS));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark part(s) ${unknown.join(', ')}: choose among ${Object.keys(PARTS).join(', ')}`);
  }
  console.log(`${new Date().toISOString()} node ${process.version} ${process.platform}/${process.arch}, `
    + `${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  for (const part of selected.length > 0 ? selected : Object.keys(PARTS)) {
    await PARTS[part]();
  }
}

main(process.argv.slice(2).filter((arg) => arg !== '--')).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
