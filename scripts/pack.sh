#!/usr/bin/env bash
# Packs every shipped project into artifacts/packages: the libraries (with .snupkg symbols) and the
# ecr-automation .NET tool. Extra arguments go to the libraries' `dotnet pack` (e.g. --no-build after a Release build).
# The tool is packed for this machine's runtime (e.g. linux-x64), self-contained and precompiled as one ReadyToRun
# composite image (see src/EcrAutomation.Cli/EcrAutomation.Cli.csproj), so a command starts without JIT-compiling; that
# pack always builds (a Release build has no runtime-specific output to reuse) and takes a few minutes.
# Use the folder as a local feed until the packages are published:
#   dotnet add package EcrAutomation.Awsx --source artifacts/packages
#   dotnet tool install --tool-path ~/.ecr-automation/bin --add-source artifacts/packages ecr-automation
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/packages"
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
[ -n "$rid" ] || { echo "pack.sh: cannot tell this machine's runtime identifier from 'dotnet --info'" >&2; exit 1; }
rm -rf "$out"
dotnet pack "$root/EcrAutomation.sln" -c Release -nologo -v:q -o "$out" "$@"
dotnet pack "$root/src/EcrAutomation.Cli" -c Release -r "$rid" -nologo -v:q -o "$out"
ls "$out"
