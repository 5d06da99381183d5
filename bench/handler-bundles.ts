/**
 * Benchmark (b): each handler bundle's size and cold `require` time, against the obvious
 * alternative of bundling the AWS SDK clients into the asset instead of using the runtime's.
 *
 * Run after `npx projen bundle`; prints a table. Cold require = a fresh `node` process loading
 * the bundle (and the SDK clients it imports), median of several runs.
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
}

function coldRequireMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});`
    + 'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))';
  const samples = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: process.cwd() })));
  return median(samples);
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
    variants.push({ handler, variant: 'this library (SDK from the runtime)', file: join(dir, 'index.js') });
    variants.push({ handler, variant: 'SDK clients bundled in', file: bundleWithSdk(`src/${handler}.lambda.ts`, scratch) });
  }
  printTable('(b) handler bundles: size and cold require (target: <= 300 KB minified, <= 100 ms)', variants.map((v) => {
    const bytes = statSync(v.file).size;
    return {
      handler: v.handler,
      variant: v.variant,
      'minified KB': (bytes / 1024).toFixed(1),
      'gzip KB': (gzipSync(readFileSync(v.file)).length / 1024).toFixed(1),
      'cold require ms (median)': coldRequireMs(v.file).toFixed(1),
    };
  }));
}

function findBundles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (!entry.isDirectory()) return [];
    return entry.name.endsWith('.lambda') ? [path] : findBundles(path);
  });
}
