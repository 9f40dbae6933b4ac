#!/usr/bin/env bash
# The project's test command: installs the test prerequisites, builds, and runs every test (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")"

bash build/install-test-prerequisites.sh

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results" artifacts/test-output

set +e
dotnet test MHA.sln -c Release --logger "trx" --results-directory "$results" "$@" 2>&1 | tee artifacts/test-output/dotnet-test.log
status=${PIPESTATUS[0]}
set -e

# One closing line that any reader understands: "N passed, N failed".
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit "$status"
