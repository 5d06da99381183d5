// Jest configuration of the test:cdk-latest task: the construct tests (test/*.test.ts; handler
// tests do not load aws-cdk-lib) with `aws-cdk-lib` and `constructs` taken from .cdk-latest/.
const path = require('path');

const root = path.join(__dirname, '..');
const latest = path.join(root, '.cdk-latest', 'node_modules');
const base = require('../package.json').jest;

module.exports = {
  ...base,
  rootDir: root,
  testMatch: ['<rootDir>/test/*.test.ts'],
  collectCoverage: false,
  reporters: ['default'],
  // Applies to every module jest loads, aws-cdk-lib's own `constructs` import included.
  moduleNameMapper: {
    '^aws-cdk-lib$': path.join(latest, 'aws-cdk-lib'),
    '^aws-cdk-lib/(.*)$': path.join(latest, 'aws-cdk-lib', '$1'),
    '^constructs$': path.join(latest, 'constructs'),
  },
  setupFiles: [...(base.setupFiles ?? []), path.join(__dirname, 'cdk-latest-check.js')],
};
