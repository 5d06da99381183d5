#!/usr/bin/env node
/**
 * Runs `npx projen bundle` only when a bundle the app deploys is missing or older than what it is
 * built from (src/, the lock file, the bundle tasks), so that `npx cdk synth` on a fresh clone
 * bundles first and every later synth skips the two seconds esbuild takes. The bundles are the
 * `--outfile` of projen's `bundle:*` tasks. Plain JavaScript: it runs before ts-node.
 */
const { execSync } = require('child_process');
const { readdirSync, readFileSync, statSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const tasks = Object.values(JSON.parse(readFileSync(join(root, '.projen/tasks.json'), 'utf8')).tasks);
const bundles = tasks
  .filter((task) => task.name.startsWith('bundle:') && !task.name.endsWith(':watch'))
  .flatMap((task) => (task.steps ?? []).map((step) => /--outfile=(\S+)/.exec(step.exec ?? '')?.[1]))
  .filter((outfile) => outfile !== undefined);

function modified(path) {
  try {
    return statSync(join(root, path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The latest modification time of a file or of any file under a directory. */
function latest(path) {
  const entries = statSync(join(root, path)).isDirectory() ? readdirSync(join(root, path), { recursive: true }) : [''];
  return Math.max(...entries.map((entry) => modified(join(path, entry)) ?? 0));
}

const built = bundles.map(modified);
const oldest = bundles.length === 0 || built.includes(undefined) ? -Infinity : Math.min(...built);
if (['src', 'package-lock.json', '.projen/tasks.json'].some((input) => latest(input) > oldest)) {
  // Progress on stderr: the CDK CLI owns stdout.
  execSync('npx projen bundle', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
}
