// After the example synth of test:cdk-latest: every template must say (in its CDKMetadata, which
// records the aws-cdk-lib version that wrote it) it was synthesized by the aws-cdk-lib in .cdk-latest/.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.join(__dirname, '..');
const expected = JSON.parse(fs.readFileSync(path.join(root, '.cdk-latest', 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf-8')).version;
const out = path.join(root, process.argv[2]);
const templates = fs.readdirSync(out).filter((file) => file.endsWith('.template.json'));
if (templates.length === 0) {
  throw new Error(`no template in ${out}`);
}
for (const file of templates) {
  const analytics = JSON.parse(fs.readFileSync(path.join(out, file), 'utf-8')).Resources?.CDKMetadata?.Properties?.Analytics;
  const [format, compression, data] = String(analytics).split(':');
  if (format !== 'v2' || compression !== 'deflate64') {
    throw new Error(`${file}: no CDKMetadata analytics to read the aws-cdk-lib version from`);
  }
  const version = zlib.gunzipSync(Buffer.from(data, 'base64')).toString().split('!')[0];
  if (version !== expected) {
    throw new Error(`${file} was synthesized by aws-cdk-lib ${version}, not ${expected} from .cdk-latest/`);
  }
  console.log(`${file}: synthesized by aws-cdk-lib ${version}`);
}
