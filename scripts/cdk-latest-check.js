// Fails every test file of test:cdk-latest unless the tests really load the newer aws-cdk-lib,
// and one `constructs` shared by it and by our code.
const fs = require('fs');
const path = require('path');

const latest = path.join(__dirname, '..', '.cdk-latest', 'node_modules');
const expected = JSON.parse(fs.readFileSync(path.join(latest, 'aws-cdk-lib', 'package.json'), 'utf-8')).version;
const loaded = require('aws-cdk-lib/package.json').version;
if (loaded !== expected) {
  throw new Error(`test:cdk-latest loaded aws-cdk-lib ${loaded}, not ${expected} from ${latest}`);
}
const { App } = require('aws-cdk-lib');
const { Construct } = require('constructs');
if (!(new App() instanceof Construct)) {
  throw new Error('test:cdk-latest: aws-cdk-lib and the tests load different copies of constructs');
}
