/**
 * Runs `npx projen bundle` only when a bundle the app deploys is missing or older than what it is
 * built from (src/, the lock file, the bundle tasks), so that `npx cdk synth` on a fresh clone
 * bundles first and every later synth skips the two seconds esbuild takes. The bundles are the
 * `--outfile` of projen's `bundle:*` tasks. examples/app.ts calls it in its own process, before
 * it builds the stack (the handlers' assets are read then), which spares a second Node.js start.
 */
import { execSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');

function modified(path: string): number | undefined {
  try {
    return statSync(join(ROOT, path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The latest modification time of a file or of any file under a directory. */
function latest(path: string): number {
  const entries = statSync(join(ROOT, path)).isDirectory() ? readdirSync(join(ROOT, path), { recursive: true }) as string[] : [''];
  return Math.max(...entries.map((entry) => modified(join(path, entry)) ?? 0));
}

export function bundleIfStale(): void {
  const tasks: Array<{ name: string; steps?: Array<{ exec?: string }> }> = Object.values(JSON.parse(readFileSync(join(ROOT, '.projen/tasks.json'), 'utf8')).tasks);
  const bundles = tasks
    .filter((task) => task.name.startsWith('bundle:') && !task.name.endsWith(':watch'))
    .flatMap((task) => (task.steps ?? []).map((step) => /--outfile=(\S+)/.exec(step.exec ?? '')?.[1]))
    .filter((outfile): outfile is string => outfile !== undefined);
  const built = bundles.map(modified);
  const oldest = bundles.length === 0 || built.includes(undefined) ? -Infinity : Math.min(...built as number[]);
  if (['src', 'package-lock.json', '.projen/tasks.json'].some((input) => latest(input) > oldest)) {
    // Progress on stderr: the CDK CLI owns stdout.
    execSync('npx projen bundle', { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  }
}
