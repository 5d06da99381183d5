/**
 * What the import and diff tests do with a generated app: type-check it against this
 * repository's src (as the package `cdk-workmail`) and synthesize it.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/** The repository whose src the generated app compiles against. */
const REPOSITORY = join(__dirname, '..');

/** The generated app's imports resolve to this repository: its node_modules, and src as `cdk-workmail`. */
function linkRepository(dir: string): void {
  if (!existsSync(join(dir, 'node_modules'))) {
    symlinkSync(join(REPOSITORY, 'node_modules'), join(dir, 'node_modules'), 'dir');
  }
}

/** Type-checks the app with its own tsconfig; throws tsc's diagnostics. */
export function typeCheck(dir: string): void {
  linkRepository(dir);
  writeFileSync(join(dir, 'tsconfig.check.json'), JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: { noEmit: true, paths: { 'cdk-workmail': [join(REPOSITORY, 'src', 'index.ts')] }, types: ['node'] },
    include: ['bin/**/*.ts', 'lib/**/*.ts'],
  }));
  try {
    execFileSync(process.execPath, [join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.check.json')], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`the generated app does not compile:\n${(error as { stdout?: Buffer }).stdout?.toString()}`);
  }
}

/**
 * Synthesizes the stacks the app's bin file declares, in this process (the test file maps the
 * module `cdk-workmail` to src with a virtual jest mock); returns the cloud assembly.
 */
export function synthesize(dir: string, binFile: string): CloudAssembly {
  linkRepository(dir);
  const bin = readFileSync(join(dir, binFile), 'utf8');
  const app = new App();
  for (const [, className, module] of bin.matchAll(/^import \{ (\w+) \} from '\.\.\/(lib\/[\w-]+)';$/gm)) {
    const stackId = new RegExp(`^new ${className}\\(app, '([^']+)'`, 'm').exec(bin)![1];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const StackClass = require(join(dir, module))[className];
    new StackClass(app, stackId, { env: { account: '123456789012', region: 'us-east-1' } });
  }
  return app.synth();
}

/** The template's resources of a type, by logical id. */
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

export function resourcesOfType(stack: CloudFormationStackArtifact, type: string): Resources {
  const resources = stack.template.Resources as Resources;
  return Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Type === type));
}
