#!/usr/bin/env node
/**
 * API conventions that jsii does not enforce, checked on the compiled assembly (.jsii):
 * - every public type, property, method and enum member has a docstring;
 * - no member or parameter is named with a word other jsii languages mangle;
 * - every grant* method takes an iam.IGrantable first and returns an iam.Grant.
 * Exits 1 and lists every finding.
 */
const fs = require('fs');
const path = require('path');
// jsii's own list of the keywords of C#, Java, Python and Go (`default`, `from`, `lambda`, `type`, ...).
// (not among the package's exports, so required by its file path).
const { isReservedName } = require(path.join(path.dirname(require.resolve('jsii/package.json')), 'lib', 'reserved-words.js'));

const GRANTABLE = 'aws-cdk-lib.aws_iam.IGrantable';
const GRANT = 'aws-cdk-lib.aws_iam.Grant';

const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.jsii'), 'utf8'));
const findings = [];

for (const [fqn, type] of Object.entries(assembly.types)) {
  const documented = (what, docs) => {
    if (!docs?.summary) findings.push(`${what}: no docstring`);
  };
  const named = (what, name) => {
    const languages = isReservedName(name);
    if (languages) findings.push(`${what}: "${name}" is a keyword in ${languages.join(', ')}, which rename it`);
  };
  documented(fqn, type.docs);
  for (const member of type.members ?? []) {
    documented(`${fqn}.${member.name}`, member.docs);
  }
  for (const property of type.properties ?? []) {
    documented(`${fqn}.${property.name}`, property.docs);
    named(`${fqn}.${property.name}`, property.name);
  }
  for (const method of type.methods ?? []) {
    const what = `${fqn}.${method.name}()`;
    documented(what, method.docs);
    named(what, method.name);
    for (const parameter of method.parameters ?? []) {
      named(`${what} parameter ${parameter.name}`, parameter.name);
    }
    if (/^grant([A-Z]|$)/.test(method.name)) {
      if (method.parameters?.[0]?.type?.fqn !== GRANTABLE) findings.push(`${what}: a grant method takes an iam.IGrantable first`);
      if (method.returns?.type?.fqn !== GRANT) findings.push(`${what}: a grant method returns an iam.Grant`);
    }
  }
  for (const parameter of type.initializer?.parameters ?? []) {
    named(`${fqn} constructor parameter ${parameter.name}`, parameter.name);
  }
}

if (findings.length > 0) {
  console.error(`API conventions: ${findings.length} finding(s) in .jsii\n${findings.join('\n')}`);
  process.exit(1);
}
console.log(`API conventions: ${Object.keys(assembly.types).length} types checked, no finding.`);
