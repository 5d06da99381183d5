// Checks the npm package as a user gets it (run after compile and bundle: `npx projen package:verify`):
// 1. every module a packed lib/ file requires is packed too, a Node.js built-in, or a dependency;
// 2. in a new app outside this repository, with the package's tarball and the newest aws-cdk-lib and
//    constructs its peer ranges allow (from the npm registry, cache first), every TypeScript example
//    of the README compiles (in the rosetta fixture, against the packed .d.ts) and synthesizes with
//    deprecated APIs failing;
// 3. the `cdk-workmail` command starts and prints its usage, without warnings.
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const { builtinModules } = require('module');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const STAND_INS = {
  'workmail.IOrganization': (id) => `workmail.Organization.fromOrganizationAttributes(this, '${id}', { organizationId: 'm-0123456789abcdef0123456789abcdef', alias: 'example-corp' })`,
  'workmail.IGroup': (id) => `workmail.Group.fromGroupId(this, '${id}', '12345678-1234-1234-1234-123456789012')`,
  'lambda.IFunction': (id) => `lambda.Function.fromFunctionAttributes(this, '${id}', { functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:${id}', sameEnvironment: true })`,
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-workmail-package-'));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] });

try {
  const [{ filename, files, size, unpackedSize }] = JSON.parse(run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', work], root));
  const tarball = path.join(work, filename);
  console.log(`${filename}: ${files.length} files, ${size} bytes packed, ${unpackedSize} unpacked`);
  const packed = new Set(files.map((file) => file.path));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));

  // 1. Dangling requires.
  const allowed = new Set([...builtinModules, ...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const dangling = [];
  for (const file of packed) {
    if (!/^lib\/.*\.js$/.test(file)) continue;
    const source = fs.readFileSync(path.join(root, file), 'utf-8');
    for (const [, request] of source.matchAll(/require\("([^"]+)"\)/g)) {
      if (request.startsWith('.')) {
        const target = path.posix.join(path.posix.dirname(file), request);
        if (![target, `${target}.js`, `${target}.json`, `${target}/index.js`].some((candidate) => packed.has(candidate))) {
          dangling.push(`${file} requires ${request}, which is not packed`);
        }
      } else {
        const name = request.replace(/^node:/, '').split('/').slice(0, request.startsWith('@') ? 2 : 1).join('/');
        if (!allowed.has(name)) dangling.push(`${file} requires ${request}, which is neither built in nor a dependency`);
      }
    }
  }
  for (const bin of Object.values(manifest.bin ?? {})) {
    if (!packed.has(bin)) dangling.push(`the command ${bin} is not packed`);
  }
  if (dangling.length > 0) {
    throw new Error(`the package is incomplete:\n  ${dangling.join('\n  ')}`);
  }

  // 2. A new app with the tarball and the newest aws-cdk-lib and constructs in range.
  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  const dependencies = { 'cdk-workmail': `file:${tarball}`, ...manifest.peerDependencies };
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ private: true, dependencies }, undefined, 2));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);
  for (const name of Object.keys(manifest.peerDependencies)) {
    const { version } = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf-8'));
    console.log(`app installs ${name} ${version} (peer range ${manifest.peerDependencies[name]}) [${elapsed()}]`);
  }

  const fixture = fs.readFileSync(path.join(root, 'rosetta', 'default.ts-fixture'), 'utf-8');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
  const examples = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(([, code]) => code);
  if (examples.length === 0 || !fixture.includes('/// here')) {
    throw new Error('no README example, or a fixture without "/// here"');
  }
  const names = examples.map((code, i) => {
    const name = `example${i + 1}`;
    // rosetta only type-checks `declare const x: T;`: a synth needs a value, an import of that type.
    const body = code.replace(/^declare const (\w+): ([\w.]+);$/gm, (line, id, type) => {
      if (!(type in STAND_INS)) throw new Error(`README example ${i + 1}: no stand-in for ${line}; add one to scripts/verify-package.js`);
      return `const ${id}: ${type} = ${STAND_INS[type](id)};`;
    });
    const program = `${fixture.replace('/// here', body)}\n` +
      `const app = new cdk.App({ outdir: 'cdk.out/${name}' });\nnew Fixture(app, 'Example');\napp.synth();\n`;
    fs.writeFileSync(path.join(app, `${name}.ts`), program);
    return name;
  });
  // Strict, as rosetta; lib checks skipped (aws-cdk-lib's declarations are not ours to check).
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'nodenext',
    ...names.map((name) => `${name}.ts`)], { cwd: app, stdio: 'inherit' });
  console.log(`${names.length} README examples compile [${elapsed()}]`);
  const failures = [];
  for (const [i, name] of names.entries()) {
    const result = spawnSync(process.execPath, [`${name}.js`], {
      cwd: app,
      encoding: 'utf-8',
      env: { ...process.env, JSII_DEPRECATED: 'fail', CDK_BLOCK_DEPRECATIONS: '1' },
    });
    const templates = fs.existsSync(path.join(app, 'cdk.out', name))
      ? fs.readdirSync(path.join(app, 'cdk.out', name)).filter((file) => file.endsWith('.template.json'))
      : [];
    if (result.status !== 0 || templates.length === 0 || /deprecated/i.test(result.stderr)) {
      // Node prints the throwing source line: aws-cdk-lib's are minified, thousands of characters long.
      const stderr = result.stderr.split('\n').filter((line) => line.length < 400).join('\n').trim();
      failures.push(`README example ${i + 1} (${examples[i].split('\n')[0]} ...) does not synthesize:\n${stderr}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(failures.join('\n\n'));
  }
  console.log(`${names.length} README examples compile and synthesize [${elapsed()}]`);

  // 3. The command.
  const command = (...args) => spawnSync(path.join(app, 'node_modules', '.bin', 'cdk-workmail'), args, { cwd: app, encoding: 'utf-8' });
  const help = command('--help');
  if (help.status !== 0 || !help.stdout.startsWith('usage:') || help.stderr !== '') {
    throw new Error(`cdk-workmail --help should print its usage and exit 0, got ${help.status}:\n${help.stdout}${help.stderr}`);
  }
  const wrong = command('no-such-command');
  if (wrong.status !== 64 || !wrong.stderr.includes('--help') || /warning/i.test(wrong.stderr)) {
    throw new Error(`cdk-workmail with an unknown command should say so and exit 64, got ${wrong.status}:\n${wrong.stderr}`);
  }
  console.log('the cdk-workmail command prints its usage, and refuses an unknown command');
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
