#!/usr/bin/env bash
# cfn-lint on every template that scripts/synth-for-lint.ts synthesized into the given directory.
# Ignored everywhere: W3005 (a DependsOn already implied by a GetAtt), which aws-cdk-lib's
# lambda.Function writes for its role on every function. Ignored in integ-tests-alpha's assertion
# stacks only: W3037 on the `lambda:Invoke` action that integ-tests-alpha itself writes for
# `invokeFunction` (beside the `lambda:InvokeFunction` that does the work).
set -euo pipefail
dir="${1:-cdk.out/cfn-lint}"
command -v cfn-lint > /dev/null || {
  echo "cfn-lint is not installed: it comes from PyPI (pip install cfn-lint); .ci/run explains where it is found." >&2
  exit 1
}
mapfile -t ours < <(find "$dir" -name '*.template.json' ! -name '*DeployAssert*' | sort)
mapfile -t assertions < <(find "$dir" -name '*DeployAssert*.template.json' | sort)
[ "${#ours[@]}" -gt 0 ] || { echo "no template under $dir: synthesize first" >&2; exit 1; }
echo "cfn-lint $(cfn-lint --version | awk '{print $2}'): ${#ours[@]} templates of the example and integration apps, ${#assertions[@]} assertion templates"
cfn-lint --ignore-checks W3005 -- "${ours[@]}"
[ "${#assertions[@]}" -eq 0 ] || cfn-lint --ignore-checks W3005 W3037 -- "${assertions[@]}"
echo "cfn-lint: no finding"
