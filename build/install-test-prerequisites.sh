#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: Chromium for the board's browser tests.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

need_apt=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  need_apt+=(chromium)
fi
# Node.js and npm install Azurite (the Azure Storage emulator) into .tools/.
if ! command -v npm >/dev/null 2>&1; then
  need_apt+=(nodejs npm)
fi
# Fonts so that screenshots of the board render text.
if ! fc-list 2>/dev/null | grep -qi "dejavu"; then
  need_apt+=(fonts-dejavu-core)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${need_apt[*]}. Install them (sudo apt-get install -y ${need_apt[*]}) or run as root." >&2
    exit 1
  fi
  echo "Installing ${need_apt[*]} from Debian…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

echo "Chromium: $(${CHROMIUM_PATH:-chromium} --version 2>/dev/null || echo missing)"

# Azurite (Azure Storage emulator) for the lake's Blob tests, into the project-local .tools/azurite.
echo "Azurite: $("$(dirname "${BASH_SOURCE[0]}")/azurite.sh")"
