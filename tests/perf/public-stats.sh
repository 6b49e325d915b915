#!/usr/bin/env bash
# Issue 22 item 4's benchmark: a year's public statistics over CASES cases, read from the kept counts without any
# cache. Writes the counters of CASES generated cases into a SQLite file with the app's migrations, then times, ROUNDS
# times each in one process, the reference (the platform list, the cheapest public read), the year, one platform's
# year and a month's ranking, and prints each median and its ratio to the reference (target: the year under 20 ms).
#
#   tests/perf/public-stats.sh [CASES ROUNDS]        defaults 1000000 50
#
# The file goes to artifacts/perf/public-stats and is removed at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build tests/MerchantDisputes.Benchmarks/MerchantDisputes.Benchmarks.csproj -c Release -v q -nologo

work=artifacts/perf/public-stats
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at start:$(uptime | sed 's/.*load average://')"
start=$SECONDS
dotnet tests/MerchantDisputes.Benchmarks/bin/Release/net10.0/MerchantDisputes.Benchmarks.dll \
  public-stats "$work" "${1:-1000000}" "${2:-50}"
echo "run took $((SECONDS - start)) s; load average at end:$(uptime | sed 's/.*load average://')"
if [ "${KEEP:-0}" != 1 ]; then
  rm -f "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm
fi
