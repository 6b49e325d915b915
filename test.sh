#!/usr/bin/env bash
# Installs what the tests need, builds, checks both migration sets, runs every test project and every benchmark
# once at a smoke size.
# Ends with one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(mktemp -d)"
failed_setup=0

step() { echo; echo "== $*"; }

step "restore tools and packages"
dotnet tool restore || failed_setup=1
dotnet restore MerchantDisputes.sln || failed_setup=1

if [ -x tests/install-azurite.sh ]; then
  step "Azurite (npm) for the blob-store tests"
  tests/install-azurite.sh || failed_setup=1
fi
if [ -x tests/install-axe.sh ]; then
  step "axe-core (npm) for the browser tests' accessibility check"
  tests/install-axe.sh || failed_setup=1
fi
if [ -x tests/install-chromium.sh ]; then
  step "Chromium (Debian) for the browser tests"
  tests/install-chromium.sh || failed_setup=1
fi
if [ -x tests/install-poppler.sh ]; then
  step "poppler-utils (Debian) for PDF statements"
  tests/install-poppler.sh || failed_setup=1
fi

step "build (warnings are errors)"
dotnet build MerchantDisputes.sln --no-restore -c Debug || failed_setup=1

step "migrations: no pending model changes, SQL Server script generates"
ef() { dotnet ef "$@" --no-build --project src/MerchantDisputes.Infrastructure --startup-project src/MerchantDisputes.Web; }
ef migrations has-pending-model-changes --context SqliteDisputesDbContext || failed_setup=1
ef migrations has-pending-model-changes --context SqlServerDisputesDbContext || failed_setup=1
mkdir -p artifacts
ef migrations script --idempotent --context SqlServerDisputesDbContext -o artifacts/sqlserver-migrations.sql || failed_setup=1
test -s artifacts/sqlserver-migrations.sql || failed_setup=1

step "infra: Bicep template compiles"
bash tests/check-infra.sh || failed_setup=1

passed=0
failed=0
for project in tests/*.Tests/*.csproj; do
  name="$(basename "$project" .csproj)"
  step "test $name"
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" || true
  trx="$results/$name.trx"
  if [ -f "$trx" ]; then
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'failed="[0-9]*"' | grep -o '[0-9]*')
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
  else
    echo "no results from $name: counted as one failure"
    failed=$((failed + 1))
  fi
done

step "benchmarks, each once at a smoke size (a broken harness fails; no speed is asserted)"
tests/perf/smoke.sh || failed_setup=1

if [ "$failed_setup" -ne 0 ]; then
  echo "setup, build or migration checks failed: counted as one failure"
  failed=$((failed + 1))
fi

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
