#!/usr/bin/env bash
# The project's test command (README): installs what the tests need, runs every test project,
# and prints the totals as one line "N passed, N failed".
# Tests start and stop their own servers (moto_server, docker-registry, dockerd, the local cloud)
# on 127.0.0.1; this script only makes sure the programs are installed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/scripts/install-prerequisites.sh"

# Tests never leave the loopback interface.
export AWS_EC2_METADATA_DISABLED=true
export AWS_ACCESS_KEY_ID=AKIDTESTFAKE00000000
export AWS_SECRET_ACCESS_KEY=test-secret-not-real
export AWS_REGION=us-east-1
export AWS_DEFAULT_REGION=us-east-1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet build EcrAutomation.sln -c Release -nologo -v:q || exit 1
# One test project at a time: the suites start servers and time real work, and the machine has 2 cores.
dotnet test EcrAutomation.sln -c Release --no-build -m:1 --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=$?
# What users install: the packed packages, the sample built against them, and the installed tool.
"$root/scripts/test-packages.sh" --no-build || { echo "scripts/test-packages.sh failed: the packages, the sample or the installed tool do not work" >&2; status=1; }

# Resource hygiene: the local clouds and container hosts the tests started must have stopped every container and removed
# every network namespace and veth they made (the local cloud's sandboxes are the only ones on a test machine).
leftovers="$(ip netns list 2>/dev/null; ip -o link show type veth 2>/dev/null; runc list --quiet 2>/dev/null)"
if [ -n "$leftovers" ]; then
  echo "The tests left containers, network namespaces or veths behind:" >&2
  echo "$leftovers" >&2
  status=1
fi

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or passed == 0 else 0)
PY
py=$?
[ $status -eq 0 ] && [ $py -eq 0 ]
