#!/usr/bin/env bash
# Checks what users install: packs every package (scripts/pack.sh), builds and runs samples/EmbeddedDeploy against
# the packed packages, installs the ecr-automation tool from them into a tool folder, and runs its --version and an
# up/destroy of the repository program from a fresh project folder against the local cloud.
# Restores go to an empty packages folder, from the local feed for our packages and from the machine's NuGet cache for
# their dependencies, so an old pack in a cache can never stand in for this one and nothing leaves the machine.
# Extra arguments go to scripts/pack.sh (test.sh passes --no-build after its Release build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
feed="$root/artifacts/packages"
fail() { echo "test-packages: FAILED: $*" >&2; exit 1; }

"$root/scripts/pack.sh" "$@" >/dev/null
version=$(basename "$feed"/ecr-automation.*.nupkg .nupkg); version=${version#ecr-automation.}
referenced=$(grep -o 'Include="EcrAutomation[^"]*" Version="[^"]*"' "$root/samples/EmbeddedDeploy/EmbeddedDeploy.csproj" | sed 's/.*Version="//; s/"$//' | sort -u)
[ "$referenced" = "$version" ] || fail "samples/EmbeddedDeploy/EmbeddedDeploy.csproj does not reference the packed version $version; update its PackageReference versions (and the README's)"

python3 - "$root/README.md" "$root/samples/EmbeddedDeploy/Program.cs" <<'PY' || fail "README.md's embedding example differs from samples/EmbeddedDeploy/Program.cs (from its first using on); copy it over"
import sys
readme, program = (open(path, encoding="utf-8").read() for path in sys.argv[1:])
sys.exit(0 if program[program.index("using "):] in readme else 1)
PY

work=$(mktemp -d "${TMPDIR:-/tmp}/ecra-packages-XXXXXX")
tool="$work/tool"
export ECR_AUTOMATION_HOME="$work/home" ECR_AUTOMATION_LOCAL_PORT=0
cleanup() {
  [ -x "$tool/ecr-automation" ] && "$tool/ecr-automation" local stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cache=$(dotnet nuget locals global-packages --list --force-english-output | sed 's/^global-packages: //')
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$feed" />
    <add key="machine-cache" value="$cache" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="packed"><package pattern="EcrAutomation.*" /><package pattern="ecr-automation" /></packageSource>
    <packageSource key="machine-cache"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
export NUGET_PACKAGES="$work/nuget-packages"

# The README's embedding example, as a user builds it: package references only, the cloud connection as stack config
# (no AWS environment variables).
sample="$root/samples/EmbeddedDeploy"
dotnet build "$sample" -c Release -nologo -v:q --configfile "$work/nuget.config" -p:BaseIntermediateOutputPath="$work/sample/obj/" -o "$work/sample/bin" >"$work/sample-build.log" 2>&1 \
  || { cat "$work/sample-build.log"; fail "samples/EmbeddedDeploy does not build against the packed packages"; }
out=$(cd "$work" && env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_REGION -u AWS_DEFAULT_REGION \
  dotnet "$work/sample/bin/EmbeddedDeploy.dll" 2>&1) || { echo "$out"; fail "samples/EmbeddedDeploy failed"; }
echo "$out" | grep -Eq '^url: localhost:[0-9]+/repository-[0-9a-f]{7}$' || { echo "$out"; fail "samples/EmbeddedDeploy printed no repository url"; }
echo "$out" | grep -q '^destroy: Succeeded$' || { echo "$out"; fail "samples/EmbeddedDeploy did not destroy its stack"; }

# The tool, installed as a user installs it.
dotnet tool install --tool-path "$tool" --configfile "$work/nuget.config" --version "$version" ecr-automation >"$work/tool-install.log" 2>&1 \
  || { cat "$work/tool-install.log"; fail "dotnet tool install ecr-automation"; }
printed=$("$tool/ecr-automation" --version)
[[ "$printed" == "$version+"* || "$printed" == "$version" ]] || fail "ecr-automation --version printed '$printed', expected $version"

# up and destroy of the seed's repository from a subfolder of a fresh project folder (Pulumi.yaml is found above it);
# the tool starts the local cloud detached from its own apphost.
project="$work/project"
mkdir -p "$project/stacks" "$project/src"
cp "$root/Pulumi.yaml" "$project/"
printf 'config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: repository\n' >"$project/stacks/Pulumi.dev.yaml"
export PULUMI_CONFIG_PASSPHRASE=packages-test
up=$(cd "$project/src" && "$tool/ecr-automation" up --stack dev --yes 2>&1) || { echo "$up"; fail "ecr-automation up"; }
echo "$up" | grep -Eq 'url: +"?localhost:[0-9]+/repository-' || { echo "$up"; fail "ecr-automation up showed no repository url"; }
down=$(cd "$project/src" && "$tool/ecr-automation" destroy --stack dev --yes 2>&1) || { echo "$down"; fail "ecr-automation destroy"; }
echo "$down" | grep -q '4 deleted' || { echo "$down"; fail "ecr-automation destroy did not delete the 4 resources"; }
echo "test-packages: packed $version; sample and tool (up, destroy, --version) work from the packages"
