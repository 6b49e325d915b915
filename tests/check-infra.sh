#!/usr/bin/env bash
# Compiles the Azure template with the Bicep CLI from NuGet, so that a broken template fails the build,
# and checks that infra/azure/main.parameters.json names only parameters the template declares.
# The first run restores the package into tests/.tools/bicep (git-ignored); later runs reuse it.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.49.2
package=azure.bicep.commandline.linux-x64
tools="$PWD/tests/.tools/bicep"
# The package carries the self-contained binary as tools/bicep.
bicep="$tools/$package/$version/tools/bicep"

if [ ! -x "$bicep" ]; then
  echo "installing the Bicep CLI $version from NuGet into tests/.tools/bicep"
  # A throwaway project outside the repository, so that Directory.*.props (central versions) do not apply.
  scratch="$(mktemp -d)"
  cat > "$scratch/bicep.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
XML
  status=0
  dotnet restore "$scratch/bicep.csproj" --packages "$tools" --nologo -v quiet || status=$?
  rm -rf "$scratch"
  [ "$status" -eq 0 ] || exit "$status"
  chmod +x "$bicep"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Bicep writes its own warnings (linter) to stderr; errors make it exit non-zero.
DOTNET_CLI_TELEMETRY_OPTOUT=1 "$bicep" build infra/azure/main.bicep --outfile "$out/main.json"

python3 - "$out/main.json" infra/azure/main.parameters.json <<'PY'
import json, sys
template = json.load(open(sys.argv[1]))
parameters = json.load(open(sys.argv[2]))
declared = template.get("parameters", {})
given = parameters.get("parameters", {})
unknown = sorted(set(given) - set(declared))
missing = sorted(name for name, p in declared.items() if "defaultValue" not in p and name not in given)
if unknown or missing:
    print(f"main.parameters.json: unknown {unknown}, missing required {missing}", file=sys.stderr)
    sys.exit(1)
print(f"infra: main.bicep compiles ({len(template.get('resources', {}))} resources), parameters file matches")
PY

# Every key of the README's configuration table appears in the template (as an app setting, or named in its
# header comment as one this shape does not read), so that a new key is not forgotten in production.
python3 - README.md infra/azure/main.bicep <<'PY'
import re, sys
readme = open(sys.argv[1], encoding="utf-8").read()
bicep = open(sys.argv[2], encoding="utf-8").read()
section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
keys = []
for line in section.splitlines():
    if not line.startswith("| `"):
        continue
    first = line.split("|")[1]
    previous = None
    for name in re.findall(r"`([^`]+)`", first):
        # "`Evidence:Limits:MaxPixels`, `MaxSide`": a bare name is a sibling of the key before it.
        if ":" not in name and "_" not in name and previous and name[0].isupper():
            name = previous.rsplit(":", 1)[0] + ":" + name
        keys.append(name)
        previous = name
missing = [k for k in keys if k.replace(":", "__") not in bicep]
if missing:
    print("main.bicep does not mention these README configuration keys: " + ", ".join(missing), file=sys.stderr)
    sys.exit(1)
print(f"infra: all {len(keys)} README configuration keys are in main.bicep")
PY

