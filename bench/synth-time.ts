/**
 * Benchmark (f): wall time of `npx cdk synth -q` for the example app (cdk.json's command) as a
 * ratio of the same command on an empty app (bench/empty-app.ts), and of each app's command run
 * alone (no CDK CLI), which shows what the CLI's own time is and what the app's is.
 * The variants run RUNS times, in turn, after one run that brings the bundles up to date; each
 * variant synthesizes into its own directory, as repeated `cdk synth` runs into cdk.out do. The
 * ratio is the median of each run's ratio: a run's two apps see the machine at the same load.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { median, printTable } from './report';

const RUNS = 9;

/** `npx cdk synth -q` of `app` (cdk.json's without), or with `alone` the app's command without the CLI. */
function synthSeconds(app: string | undefined, out: string, alone = false): number {
  const started = performance.now();
  if (alone) {
    execFileSync('sh', ['-c', app!], { stdio: 'ignore', env: { ...process.env, CDK_OUTDIR: out } });
  } else {
    execFileSync('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', out, ...(app ? ['--app', app] : [])], { stdio: 'ignore' });
  }
  return (performance.now() - started) / 1000;
}

export function synthTime(): void {
  const example = String(JSON.parse(readFileSync('cdk.json', 'utf8')).app);
  if (!example.endsWith('examples/app.ts')) {
    throw new Error(`cdk.json's app command no longer ends with the run of examples/app.ts: ${example}`);
  }
  const empty = example.replace('examples/app.ts', 'bench/empty-app.ts');
  const variants: Array<{ name: string; app?: string; alone?: boolean }> = [
    { name: `empty app (${empty})`, app: empty },
    { name: `example app: cdk.json (${example})` },
    { name: 'empty app alone, without the CDK CLI', app: empty, alone: true },
    { name: 'example app alone, without the CDK CLI', app: example, alone: true },
  ];
  const out = mkdtempSync(join(tmpdir(), 'cdk-workmail-synth-'));
  synthSeconds(undefined, out); // brings the bundles up to date
  const seconds = variants.map((): number[] => []);
  for (let run = 0; run < RUNS; run++) {
    variants.forEach((variant, i) => seconds[i].push(synthSeconds(variant.app, join(out, String(i)), variant.alone)));
  }
  printTable(`(f) \`npx cdk synth -q\` wall time, median of ${RUNS} (target: the example app <= 1.3x the empty app)`, variants.map((variant, i) => ({
    'app': variant.name,
    'wall s (median)': median(seconds[i]).toFixed(2),
    'runs s': seconds[i].map((s) => s.toFixed(2)).join(', '),
    'ratio to the empty app (median of the runs\' ratios)': variant.alone ? '-' : median(seconds[i].map((s, run) => s / seconds[0][run])).toFixed(2),
  })));
}
