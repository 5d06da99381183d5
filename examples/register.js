/**
 * Lets `node -r ./examples/register.js app.ts` run TypeScript: each .ts file is transpiled by
 * esbuild (a development dependency, which bundles the handlers) when it is required, in place,
 * so paths relative to the source file (the handlers' assets) still resolve. Types are not
 * checked here: `npx projen test` and the compile step do that.
 *
 * The output is kept in the system's temporary directory under a hash of the source, its path,
 * esbuild's version and the options, so a file transpiles again only when one of them changes,
 * and esbuild (its service process) starts only then. The directory is used only when it is the
 * user's own and no one else may write to it: what it holds runs as this user.
 */
const { createHash } = require('crypto');
const { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const OPTIONS = { loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcemap: 'inline' };
const ESBUILD_VERSION = JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
const CACHE = cacheDirectory(join(tmpdir(), `cdk-workmail-register-${process.getuid?.() ?? 'user'}`));

/** The directory, made if missing, or undefined when it is not this user's private directory. */
function cacheDirectory(path) {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    const own = stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
    return own ? path : undefined;
  } catch {
    return undefined;
  }
}

function transpile(source, filename) {
  const key = createHash('sha256').update(JSON.stringify([ESBUILD_VERSION, OPTIONS, filename, source])).digest('hex');
  const cached = CACHE && join(CACHE, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    const { code } = require('esbuild').transformSync(source, { ...OPTIONS, sourcefile: filename });
    if (cached) {
      // Written aside and renamed: a concurrent synth reads the whole file or none.
      const partial = `${cached}.${process.pid}`;
      writeFileSync(partial, code);
      renameSync(partial, cached);
    }
    return code;
  }
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(readFileSync(filename, 'utf8'), filename), filename);
};
