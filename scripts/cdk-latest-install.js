// Installs into .cdk-latest/ the newest aws-cdk-lib and constructs that our peer dependency ranges
// allow (`npm update` moves an earlier install forward), and prints what the tests will load.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', '.cdk-latest');
const { peerDependencies } = require('../package.json');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: peerDependencies }, undefined, 2));
execFileSync('npm', ['update', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
for (const name of Object.keys(peerDependencies)) {
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf-8'));
  console.log(`${name} ${version} (peer range ${peerDependencies[name]}) from .cdk-latest/`);
}
