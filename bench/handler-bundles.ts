/**
 * Benchmark (b): each handler bundle's size and cold `require` time, against the obvious
 * alternative of bundling the AWS SDK clients into the asset instead of using the runtime's.
 *
 * Run after `npx projen bundle`; prints a table for every `*.lambda` bundle under assets/.
 * Cold require = the time a fresh `node` process takes to `require` the bundle, median of several
 * processes; Node's own start-up is not counted. It includes the SDK packages the bundle loads at
 * require time (the provider handlers load WorkMail with the commands they import), not those it
 * loads on first use: the second figure adds every SDK package the bundle may load, the most any
 * one invocation can pay before its first call.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { median, printTable } from './report';

const RUNS = 7;

interface Variant {
  readonly handler: string;
  readonly variant: string;
  readonly file: string;
  /** The SDK packages it loads from the runtime, at require time or on first use. */
  readonly runtimePackages: readonly string[];
}

/** The `@aws-sdk/*` packages an esbuild bundle leaves external. */
function externalSdkPackages(file: string): string[] {
  return [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("(@aws-sdk\/[a-z0-9-]+)"\)/g)].map(([, name]) => name))];
}

/** Median milliseconds to require the bundle (a path, or a package resolved from here), then to also load `packages`. */
function coldRequireMs(file: string, packages: readonly string[]): { bundle: number; withSdk: number } {
  const script = `const ms=()=>Number(process.hrtime.bigint())/1e6;const t=ms();require(${JSON.stringify(file)});const b=ms()-t;`
    + `for(const p of ${JSON.stringify(packages)})require(p);process.stdout.write(JSON.stringify([b,ms()-t]))`;
  const samples = Array.from({ length: RUNS }, () => JSON.parse(String(execFileSync(process.execPath, ['-e', script], { cwd: process.cwd() }))) as number[]);
  return { bundle: median(samples.map(([bundle]) => bundle)), withSdk: median(samples.map(([, withSdk]) => withSdk)) };
}

/** The same entry bundled with the SDK inside, as a custom resource without this project's build would ship. */
function bundleWithSdk(entry: string, outDir: string): string {
  const outfile = join(outDir, `${entry.replace(/[\/.]/g, '_')}.js`);
  execFileSync('npx', ['esbuild', '--bundle', entry, '--platform=node', '--target=node22', '--minify', `--outfile=${outfile}`, '--log-level=error']);
  return outfile;
}

export function handlerBundles(): void {
  const assets = join(process.cwd(), 'assets');
  const scratch = mkdtempSync(join(tmpdir(), 'cdk-workmail-bench-'));
  const variants: Variant[] = [];
  for (const dir of findBundles(assets)) {
    const handler = dir.slice(assets.length + 1).replace(/\.lambda$/, '');
    const file = join(dir, 'index.js');
    variants.push({ handler, variant: 'this library (SDK from the runtime)', file, runtimePackages: externalSdkPackages(file) });
    variants.push({ handler, variant: 'SDK clients bundled in', file: bundleWithSdk(`src/${handler}.lambda.ts`, scratch), runtimePackages: [] });
  }
  const floor = coldRequireMs('@aws-sdk/client-workmail', []);
  printTable('(b) handler bundles: size and cold require (target: <= 300 KB minified, <= 100 ms)', [...variants.map((v) => {
    const bytes = statSync(v.file).size;
    const cold = coldRequireMs(v.file, v.runtimePackages);
    return {
      handler: v.handler,
      variant: v.variant,
      'minified KB': (bytes / 1024).toFixed(1),
      'gzip KB': (gzipSync(readFileSync(v.file)).length / 1024).toFixed(1),
      'cold require ms (median)': cold.bundle.toFixed(1),
      '+ every SDK package it may load ms': cold.withSdk.toFixed(1),
    };
  }), {
    // The floor under any handler that calls WorkMail, measured alongside the bundles.
    'handler': '(floor)',
    'variant': '@aws-sdk/client-workmail alone, from node_modules',
    'minified KB': '-',
    'gzip KB': '-',
    'cold require ms (median)': floor.bundle.toFixed(1),
    '+ every SDK package it may load ms': '-',
  }]);
}

function findBundles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (!entry.isDirectory()) return [];
    return entry.name.endsWith('.lambda') ? [path] : findBundles(path);
  });
}
