// Preloaded with `node --require` (see the test:cdk-latest task): every `aws-cdk-lib` and
// `constructs` import, ours and our dependencies' (cdk-nag), resolves from .cdk-latest/, so one copy
// of each is loaded and `instanceof Construct` holds across them.
const Module = require('module');
const path = require('path');

const latest = path.join(__dirname, '..', '.cdk-latest', 'node_modules');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  if (/^(aws-cdk-lib|constructs)(\/|$)/.test(request)) {
    return resolve.call(this, request, parent, isMain, { ...options, paths: [latest] });
  }
  return resolve.call(this, request, parent, isMain, options);
};
