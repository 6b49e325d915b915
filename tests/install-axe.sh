#!/usr/bin/env bash
# Installs axe-core (the accessibility rules engine) from npm into tests/.tools/axe, where the browser tests inject
# its axe.min.js into each page they check. A folder of its own: an npm install without a package.json removes what
# it did not install itself, such as Azurite beside it. Idempotent: does nothing when it is already there.
set -euo pipefail

tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.tools/axe"
script="$tools_dir/node_modules/axe-core/axe.min.js"

if [[ -f "$script" ]]; then
  exit 0
fi

mkdir -p "$tools_dir"
npm install --no-save --no-audit --no-fund --prefix "$tools_dir" axe-core@4
test -f "$script"
