#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator the lake's Blob tests run against) into .tools/azurite under the
# repository, not globally, so the version is the project's and nothing needs root. Idempotent.
# Prints the path of the azurite-blob binary on stdout; progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.tools/azurite"
binary="$prefix/node_modules/.bin/azurite-blob"

if [ ! -x "$binary" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node.js 20+ to get Azurite." >&2
    exit 1
  fi
  echo "Installing Azurite 3 into $prefix…" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error azurite@3 >&2
fi

echo "$binary"
