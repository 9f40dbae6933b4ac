#!/usr/bin/env bash
# Compiles and lints the Azure deployment (deploy/main.bicep and deploy/main.bicepparam) with the Bicep CLI.
# The CLI comes from NuGet (package Azure.Bicep.CommandLine.linux-x64, a self-contained binary) through
# `dotnet restore` of a throwaway project, into .tools/bicep under the repository. Idempotent: quiet when
# the pinned version is already there. Fails on any error or warning (build and lint must both be clean).
# With the argument `cli` it only installs and prints the CLI's path.
set -euo pipefail

bicep_version="${BICEP_VERSION:-0.49.2}"
package="Azure.Bicep.CommandLine.linux-x64"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools/bicep"
bicep="$tools/$bicep_version/bicep"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "bicep.sh: this script installs the linux-x64 Bicep CLI; this machine is $(uname -s)-$(uname -m)." >&2
  exit 1
fi

if [ ! -x "$bicep" ]; then
  echo "bicep.sh: installing Bicep CLI $bicep_version from NuGet ($package) into .tools/bicep…"
  work="$(mktemp -d "${TMPDIR:-/tmp}/bicep-restore.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  # Outside the repository, so Directory.Build.props / Directory.Packages.props do not apply; the repository's
  # nuget.config is passed explicitly so the same feed is used.
  cat > "$work/download.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$package" Version="[$bicep_version]" />
  </ItemGroup>
</Project>
PROJ
  if ! dotnet restore "$work/download.csproj" --configfile "$root/nuget.config" --packages "$work/packages" \
      --verbosity quiet -nologo >"$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    echo "bicep.sh: could not restore $package $bicep_version from NuGet." >&2
    exit 1
  fi
  downloaded="$work/packages/$(echo "$package" | tr '[:upper:]' '[:lower:]')/$bicep_version/tools/bicep"
  if [ ! -f "$downloaded" ]; then
    echo "bicep.sh: $package $bicep_version has no tools/bicep." >&2
    exit 1
  fi
  mkdir -p "$tools/$bicep_version"
  install -m 0755 "$downloaded" "$bicep.tmp"
  mv "$bicep.tmp" "$bicep"
  echo "bicep.sh: $("$bicep" --version)"
fi

# `build/bicep.sh cli`: install if needed and print the CLI's path (tests run their own bicep commands with it).
if [ "${1:-}" = "cli" ]; then
  echo "$bicep"
  exit 0
fi

# Bicep prints diagnostics on stderr as "<file>(line,col) : Error|Warning|Info <code>: <message>".
status=0
run() {
  local label="$1"
  shift
  local output
  if ! output="$("$@" 2>&1 >/dev/null)"; then
    status=1
  fi
  if [ -n "$output" ]; then
    echo "$output"
  fi
  if grep -Eq ': (Error|Warning) ' <<<"$output"; then
    status=1
    echo "bicep.sh: $label: errors or warnings (above)." >&2
  fi
}

cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
run "build deploy/main.bicep" "$bicep" build deploy/main.bicep --stdout
run "lint deploy/main.bicep" "$bicep" lint deploy/main.bicep
run "build-params deploy/main.bicepparam" "$bicep" build-params deploy/main.bicepparam --stdout

if [ "$status" -ne 0 ]; then
  echo "bicep.sh: FAILED (Bicep CLI $bicep_version)." >&2
  exit 1
fi
echo "bicep.sh: deploy/main.bicep builds and lints clean; deploy/main.bicepparam builds (Bicep CLI $bicep_version)."
