#!/usr/bin/env bash
# Builds the Python wheel and sdist without reaching PyPI: jsii-pacmak only generates the sources
# (its own build pins setuptools, build and twine versions from PyPI), then the build and twine
# of the system's Python package the sources and check the metadata (Debian: python3-build twine).
# Run after compile and rosetta, so the README shows Python examples.
set -euo pipefail
cd "$(dirname "$0")/.."

# The first python3 that has both modules: a pyenv or venv python3 may shadow the system's.
python=
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" > /dev/null && "$candidate" -c 'import build, twine' 2> /dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "package:python-offline needs a python3 with the 'build' and 'twine' modules (Debian: apt-get install python3-build twine)" >&2
  exit 1
fi

rm -rf dist/python
# Every README example must come from the tablet, translated; none left in TypeScript.
jsii-pacmak --target python --code-only --rosetta-tablet .jsii.tabl.json --rosetta-unknown-snippets fail
typescript=$(grep -c '^```ts' README.md || true)
translated=$(grep -c '^```python' dist/python/README.md || true)
if [ "$translated" != "$typescript" ]; then
  echo "dist/python/README.md has $translated Python examples for the README's $typescript TypeScript ones" >&2
  exit 1
fi
"$python" -m build --no-isolation --skip-dependency-check --outdir dist/python dist/python
"$python" -m twine check --strict dist/python/*.whl dist/python/*.tar.gz
ls -l dist/python/*.whl dist/python/*.tar.gz
