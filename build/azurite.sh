#!/usr/bin/env bash
# Azurite, the Azure Storage emulator (Blob, Queue, Table) that the lake tests and the local profile run against.
# Installs it into .tools/azurite under the repository, not globally, so the version is the project's and nothing needs
# root. Idempotent.
#
#   build/azurite.sh          install if needed; print the path of the azurite binary on stdout (progress on stderr)
#   build/azurite.sh start    install if needed, then run Azurite in the foreground on its default ports
#                             (Blob 10000, Queue 10001, Table 10002) with its data in .tools/azurite-data:
#                             what `dotnet run --project src/Silo -- --profile local` connects to (docs/profiles.md)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.tools/azurite"
binary="$prefix/node_modules/.bin/azurite"

if [ ! -x "$binary" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node.js 20+ to get Azurite." >&2
    exit 1
  fi
  echo "Installing Azurite 3 into $prefix…" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error azurite@3 >&2
fi

if [ "${1:-}" = "start" ]; then
  data="$root/.tools/azurite-data"
  mkdir -p "$data"
  echo "Azurite on 127.0.0.1: Blob 10000, Queue 10001, Table 10002; data in $data. Ctrl+C stops it." >&2
  exec "$binary" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --location "$data" \
    --skipApiVersionCheck --loose --silent
fi

echo "$binary"
