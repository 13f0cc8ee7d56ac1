#!/usr/bin/env bash
# Packs every shipped project into artifacts/packages: the libraries (with .snupkg symbols) and the
# ecr-automation .NET tool. Extra arguments go to `dotnet pack` (e.g. --no-build after a Release build).
# Use the folder as a local feed until the packages are published:
#   dotnet add package EcrAutomation.Awsx --source artifacts/packages
#   dotnet tool install --tool-path ~/.ecr-automation/bin --add-source artifacts/packages ecr-automation
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/packages"
rm -rf "$out"
dotnet pack "$root/EcrAutomation.sln" -c Release -nologo -v:q -o "$out" "$@"
ls "$out"
