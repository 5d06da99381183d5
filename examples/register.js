/**
 * Lets `node -r ./examples/register.js app.ts` run TypeScript: each .ts file is transpiled by
 * esbuild (a development dependency, which bundles the handlers) when it is required, in place,
 * so paths relative to the source file (the handlers' assets) still resolve. Types are not
 * checked here: `npx projen test` and the compile step do that.
 */
const { readFileSync } = require('fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    loader: 'ts', format: 'cjs', platform: 'node', target: 'node20', sourcefile: filename, sourcemap: 'inline',
  });
  module._compile(code, filename);
};
