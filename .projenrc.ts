import { awscdk, javascript, JsonFile } from 'projen';

const cdkVersion = '2.257.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-workmail',
  description:
    'AWS CDK constructs for Amazon WorkMail: organizations, domains, access control, audit logs and a safe exit path, as code.',
  author: 'cdk-workmail maintainers',
  authorAddress: 'maintainers@cdk-workmail.dev',
  repositoryUrl: 'https://github.com/cdk-workmail/cdk-workmail.git',
  homepage: 'https://github.com/cdk-workmail/cdk-workmail#readme',
  bugsUrl: 'https://github.com/cdk-workmail/cdk-workmail/issues',
  // Construct Hub lists jsii packages that carry the `awscdk` keyword.
  keywords: ['awscdk', 'cdk', 'aws-cdk', 'workmail', 'amazon-workmail', 'email', 'custom-resource', 'migration'],
  license: 'Apache-2.0',
  // Before 1.0 the API may still change between minor versions.
  stability: 'experimental',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdkVersion,
  jsiiVersion: '~6.0.0',
  constructsVersion: '10.5.1',

  // The handlers are bundled into assets at build time (see lambdaOptions) and run with the
  // runtime's SDK, so the SDK clients are build and test dependencies: users never install them.
  devDeps: [
    '@aws-sdk/client-workmail@3.1048.0',
    '@aws-sdk/client-kms@3.1048.0',
    '@aws-sdk/client-lambda@3.1048.0',
    '@aws-sdk/client-ses@3.1048.0',
    '@aws-sdk/client-secrets-manager@3.1048.0',
    // The mailbox export engine reads the export files WorkMail writes and writes its report.
    '@aws-sdk/client-s3@3.1048.0',
    // The mailbox export starts, finds and stops its Step Functions run.
    '@aws-sdk/client-sfn@3.1048.0',
    '@types/aws-lambda',
    'aws-cdk@2.1148.1',
    '@aws-cdk/integ-runner@2.197.10',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    'cdk-nag@2.38.2',
    'esbuild',
  ],

  // Lambda code lives in src/handlers (logic) and src/provider/*.lambda.ts (entry points).
  // projen bundles each entry with esbuild into assets/, so synth never needs esbuild or Docker.
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_22_X,
    // The Node.js runtime ships AWS SDK v3: bundling our own clients would triple the asset
    // (600 KB minified) for no gain, as WorkMail's API no longer changes.
    bundlingOptions: { externals: ['@aws-sdk/*'], sourcemap: false },
  },

  // The type-check (npm test) covers the example app, which `cdk synth` runs untyped (esbuild).
  tsconfigDev: { include: ['../examples/**/*.ts'] },

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Handler tests start a loopback emulator and wait through state machines.
      testTimeout: 60_000,
      setupFiles: ['<rootDir>/test/jest.setup.ts'],
    },
  },

  // Bindings for the other jsii languages (see README "Install").
  publishToPypi: { distName: 'cdk-workmail', module: 'cdk_workmail' },
  publishToMaven: {
    javaPackage: 'dev.cdkworkmail',
    mavenGroupId: 'dev.cdk-workmail',
    mavenArtifactId: 'cdk-workmail',
  },
  publishToNuget: { dotNetNamespace: 'CdkWorkMail', packageId: 'CdkWorkMail' },
  publishToGo: { moduleName: 'github.com/cdk-workmail/cdk-workmail-go' },

  githubOptions: { mergify: false },
  buildWorkflow: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
});

// jsii 6 prints its Node.js 20 end-of-life banner on every call; the machines that build this run
// Node.js 20. The variable lists the majors to keep quiet about (@jsii/check-node).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// What aws-cdk-lib 2 itself requires; the command's bundle targets node20 too.
project.package.addEngine('node', '>= 20.0.0');

// The `cdk-workmail` command (snapshot, export-status) runs on the user's machine, where the
// SDK is not installed: its bundle carries the WorkMail client.
project.bundler.addBundle('src/cli/index.ts', {
  platform: 'node',
  target: 'node20',
  outfile: 'cdk-workmail.js',
  executable: true,
  sourcemap: false,
});
project.package.addBin({ 'cdk-workmail': 'assets/cli/index/cdk-workmail.js' });

// Handlers and the command import the SDK clients that are bundled or left to the Lambda runtime: dev dependencies.
project.eslint?.addOverride({
  files: ['src/handlers/**/*.ts', 'src/cli/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});

// Minify the handler bundles (projen's Lambda options have no such switch): smaller assets and
// faster cold starts.
for (const task of project.tasks.all) {
  const args = task.steps[0]?.execArgs;
  if (task.name.startsWith('bundle:') && args?.[0] === 'esbuild' && !args.includes('--watch')) {
    task.reset([...args, '--minify'].join(' '));
  }
}

// Tests synthesize stacks that reference the bundled handlers: bundle first.
project.testTask.prependSpawn(project.tasks.tryFind('bundle')!);

// ts-jest only transpiles (isolatedModules), and jsii skips the handlers: type-check everything here.
project.testTask.spawn(project.addTask('typecheck', {
  description: 'Type-check sources, handlers, tests and examples',
  exec: 'tsc --noEmit -p test/tsconfig.json',
}));

// README examples must compile: jsii-rosetta in strict mode, with rosetta/default.ts-fixture.
project.postCompileTask.spawn(project.addTask('rosetta', {
  description: 'Compile every TypeScript example of the README and the API docs (strict)',
  exec: 'jsii-rosetta extract --strict',
}));

// API conventions jsii does not enforce (docstrings, names other languages mangle, grant* signatures),
// on the compiled assembly: run after compile.
project.postCompileTask.spawn(project.addTask('api:check', {
  description: 'Check the compiled assembly: every public member documented, no mangled names, grant* take IGrantable and return Grant',
  exec: 'node scripts/check-api.js',
}));

// cfn-lint on every template of the example app and of the integration test apps (.ci/run).
project.addTask('cfn-lint', {
  description: 'Synthesize the example app and every test/integ.*.ts app, then run cfn-lint on their templates',
  steps: [
    { spawn: 'bundle' },
    { exec: 'rm -rf cdk.out/cfn-lint' },
    { exec: 'ts-node -P test/tsconfig.json scripts/synth-for-lint.ts cdk.out/cfn-lint' },
    { exec: 'scripts/cfn-lint.sh cdk.out/cfn-lint' },
  ],
});

// Integration test snapshots are compared on every test run; drift fails the build.
const integ = project.addTask('integ', {
  description: 'Compare every test/integ.*.ts against its committed snapshot (no deployment)',
  exec: 'integ-runner --directory test --parallel-regions us-east-1 --language typescript',
});
project.testTask.spawn(integ);
project.addTask('integ:update', {
  description: 'Re-synthesize the integration test snapshots (review the diff before committing)',
  exec: 'integ-runner --directory test --parallel-regions us-east-1 --language typescript --update-on-failed --dry-run',
});

// Benchmarks (bench/): one command prints every comparison table.
project.addTask('bench', {
  description: 'Run the benchmarks in bench/ and print their tables (name parts to run only those: npx projen bench -- a e)',
  exec: 'ts-node -P test/tsconfig.json bench/index.ts',
  receiveArgs: true,
});

// The example app that `npx cdk synth` synthesizes (see README).
new JsonFile(project, 'cdk.json', {
  obj: {
    // esbuild transpiles the TypeScript as it is required; `npm test` type-checks it. The app
    // bundles first when a bundle is missing or older than its sources (a fresh clone).
    app: 'node -r ./examples/register.js examples/app.ts',
    output: 'cdk.out',
    context: {},
  },
});
project.gitignore.exclude('cdk.out', '.jsii.tabl.json', 'rosetta/*.tabl.json', '**/*.snapshot/asset.*', 'test/**/cdk-integ.out.*');
// Handler code runs from the bundled assets; its compiled copy in lib/ is never loaded.
project.npmignore?.exclude('/lib/handlers', '/lib/cli', '/lib/**/*.lambda.*', 'examples', 'bench', 'cdk.json', 'cdk.out', '.ci');

// The package tasks pack lib/, .jsii and assets/: on a fresh clone, build them first.
const whenMissing = (file: string) => `node -e "process.exit(require('fs').existsSync('${file}') ? 1 : 0)"`;
project.tasks.tryFind('package:js')!.prependSpawn(project.addTask('package:prepare', {
  description: 'Bundle the handlers, and compile unless .jsii exists (fresh clone)',
  steps: [
    { spawn: 'bundle' },
    { spawn: 'compile', condition: whenMissing('.jsii') },
  ],
}));

// The newest aws-cdk-lib and constructs in our peer ranges, next to the minimum in devDependencies.
// Deprecated APIs fail: jsii's method hooks throw with JSII_DEPRECATED=fail, and
// Annotations.addDeprecation throws with CDK_BLOCK_DEPRECATIONS.
project.addTask('test:cdk-latest', {
  description: 'Construct tests and the example synth against the newest aws-cdk-lib in the peer range (installed in .cdk-latest/), failing on deprecated APIs',
  env: { JSII_DEPRECATED: 'fail', CDK_BLOCK_DEPRECATIONS: '1' },
  steps: [
    { exec: 'node scripts/cdk-latest-install.js' },
    { spawn: 'bundle' },
    { exec: 'jest --ci --config scripts/jest-cdk-latest.config.js' },
    // The example app (cdk.json), with aws-cdk-lib and constructs resolved from .cdk-latest/.
    { exec: 'rm -rf cdk.out/cdk-latest && NODE_OPTIONS="--require $PWD/scripts/cdk-latest-resolve.js" cdk synth -q -o cdk.out/cdk-latest > /dev/null' },
    { exec: 'node scripts/cdk-latest-synthesized.js cdk.out/cdk-latest' },
  ],
});
project.gitignore.exclude('/.cdk-latest/');
project.npmignore?.exclude('/.cdk-latest/', '/scripts/');

// The Python wheel and sdist without PyPI (see the script).
project.addTask('package:python-offline', {
  description: 'Build and check the Python wheel and sdist with the system Python\'s build and twine (no PyPI)',
  steps: [
    { spawn: 'package:prepare' },
    // A tablet older than the README fails the script (an example missing from it).
    { spawn: 'rosetta', condition: whenMissing('.jsii.tabl.json') },
    { exec: 'scripts/package-python-offline.sh' },
  ],
});

// The npm package as a user installs it, next to the newest aws-cdk-lib (see the script).
project.addTask('package:verify', {
  description: 'Pack, check that nothing packed is dangling, and synthesize every README example in a new app with the tarball and the newest aws-cdk-lib',
  steps: [{ spawn: 'package:prepare' }, { exec: 'node scripts/verify-package.js' }],
});

// The layers (README "Development"): handlers never import construct code and construct code never
// imports handlers; the wire contracts shared by both (src/private/constants.ts and *-properties.ts)
// import nothing but each other; the interface module imports no construct; no import cycle.
const WIRE_CONTRACTS = ['./src/private/constants.ts', './src/private/*-properties.ts'];
project.eslint?.addRules({
  'import/no-cycle': ['error', { ignoreExternal: true }],
  'import/no-restricted-paths': ['error', {
    zones: [
      {
        target: './src/handlers',
        from: ['./src/*.ts', './src/email-flow/**', './src/provider/**', './src/cli/**', './src/private/!(constants|*-properties).ts'],
        message: 'Handler code never imports construct code: share constants and property contracts through src/private/constants.ts or src/private/*-properties.ts.',
      },
      {
        target: ['./src/*.ts', './src/email-flow/!(*.lambda).ts', './src/provider/!(*.lambda).ts', './src/private/**', './src/policy/**'],
        from: './src/handlers/**',
        message: 'Construct code never imports handler modules: share through src/private.',
      },
      {
        target: WIRE_CONTRACTS,
        from: ['./src/*.ts', './src/email-flow/**', './src/provider/**', './src/handlers/**', './src/cli/**', './src/policy/**', './src/private/!(constants|*-properties).ts'],
        message: 'The wire contracts shared with the handlers import nothing but each other.',
      },
      {
        target: './src/interfaces.ts',
        from: ['./src/!(interfaces|mail-entity).ts', './src/email-flow/!(flow-action).ts', './src/provider/**', './src/private/**', './src/handlers/**'],
        message: 'The interface module imports no construct, so that every construct can import it without a cycle.',
      },
    ],
  }],
});
project.eslint?.addOverride({
  files: WIRE_CONTRACTS.map((path) => path.slice(2)),
  rules: { 'no-restricted-imports': ['error', { patterns: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@aws-sdk/*'] }] },
});

project.synth();
