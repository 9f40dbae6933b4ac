#!/usr/bin/env bash
# The bench command (docs/performance.md): builds Release, starts Azurite for the local profile on free ports (its data in
# a temporary folder, removed after), runs bench/MHA.Bench with the given options and prints the table.
#
#   bash bench/run.sh                          full size, embedded and local profiles
#   bash bench/run.sh --size small             smaller sizes: smoke, small, medium
#   bash bench/run.sh --profile embedded --only floor,ingest
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

dotnet build bench/MHA.Bench/MHA.Bench.csproj -c Release -nologo -v quiet >&2

profiles="embedded,local"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = "--profile" ] && [ $((i + 1)) -lt ${#args[@]} ]; then profiles="${args[$((i + 1))]}"; fi
done

azurite_pid=""
azurite_data=""
cleanup() {
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_data" ]; then rm -rf "$azurite_data"; fi
}
trap cleanup EXIT

if [[ ",$profiles," == *",local,"* ]] && [ -z "${MHA_BENCH_AZURITE:-}" ]; then
  binary="$(bash build/azurite.sh)"
  read -r blob queue table < <(python3 -c 'import socket
ports=[]
socks=[]
for _ in range(3):
    s=socket.socket(); s.bind(("127.0.0.1",0)); socks.append(s); ports.append(s.getsockname()[1])
print(*ports)')
  azurite_data="$(mktemp -d -t mha-bench-azurite-XXXXXX)"
  "$binary" --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
    --location "$azurite_data" --skipApiVersionCheck --loose --silent >"$azurite_data.log" 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 100); do
    if (echo >"/dev/tcp/127.0.0.1/$blob") 2>/dev/null && (echo >"/dev/tcp/127.0.0.1/$table") 2>/dev/null; then break; fi
    sleep 0.1
  done
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export MHA_BENCH_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
fi

dotnet bench/MHA.Bench/bin/Release/net10.0/MHA.Bench.dll "$@"
