#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator) from npm into tests/.tools, where the
# Azurite test fixture looks for it. Idempotent: does nothing when it is already there.
set -euo pipefail

tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.tools"
binary="$tools_dir/node_modules/.bin/azurite-blob"

if [[ -x "$binary" ]]; then
  exit 0
fi

mkdir -p "$tools_dir"
# --no-save: tests/.tools has no package.json of its own that we want to keep in git.
npm install --no-save --no-audit --no-fund --prefix "$tools_dir" azurite@3
test -x "$binary"
