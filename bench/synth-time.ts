/**
 * Benchmark (f): wall time of `npx cdk synth -q` for the example app (cdk.json's command) as a
 * ratio of the same command on an empty app (bench/empty-app.ts), and of the command cdk.json
 * used to run, which had ts-node type-check the library on every synth (`npm test` type-checks).
 * Each variant runs RUNS times, in turn, after one run that brings the bundles up to date.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { median, printTable } from './report';

const RUNS = 3;

function synthSeconds(app: string | undefined, out: string): number {
  const started = performance.now();
  execFileSync('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', out, ...(app ? ['--app', app] : [])], { stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

export function synthTime(): void {
  const example = String(JSON.parse(readFileSync('cdk.json', 'utf8')).app);
  const run = example.split('&&').pop()!.trim();
  if (!run.includes('examples/app.ts')) {
    throw new Error(`cdk.json's app command no longer ends with the run of examples/app.ts: ${example}`);
  }
  const variants: Array<{ name: string; app?: string }> = [
    { name: `empty app (${run.replace('examples/app.ts', 'bench/empty-app.ts')})`, app: run.replace('examples/app.ts', 'bench/empty-app.ts') },
    { name: `example app: cdk.json (${example})` },
    {
      name: 'example app, type-checked by ts-node on every synth (cdk.json before)',
      app: 'npx ts-node -P test/tsconfig.json --prefer-ts-exts examples/app.ts',
    },
    { name: 'empty app, type-checked by ts-node (the yardstick before)', app: 'npx ts-node -P test/tsconfig.json --prefer-ts-exts bench/empty-app.ts' },
  ];
  const out = mkdtempSync(join(tmpdir(), 'cdk-workmail-synth-'));
  synthSeconds(undefined, out); // brings the bundles up to date
  const seconds = variants.map((): number[] => []);
  for (let run = 0; run < RUNS; run++) {
    variants.forEach((variant, i) => seconds[i].push(synthSeconds(variant.app, join(out, String(i)))));
  }
  const empty = median(seconds[0]);
  printTable(`(f) \`npx cdk synth -q\` wall time, median of ${RUNS} (target: the example app <= 1.3x the empty app)`, variants.map((variant, i) => ({
    'app': variant.name,
    'wall s (median)': median(seconds[i]).toFixed(2),
    'runs s': seconds[i].map((s) => s.toFixed(2)).join(', '),
    'ratio to the empty app': (median(seconds[i]) / empty).toFixed(2),
  })));
}
