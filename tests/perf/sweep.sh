#!/usr/bin/env bash
# Issue 5's benchmark: the deadline sweep's cost grows with the number of due cases, not with all open cases.
# Builds SQLite files with the app's migrations, DUE due cases among DUE and among OPEN open ones, runs the app's
# DeadlineSweep on each in one process, ROUNDS times alternating which goes first, and prints both times, their
# ratio (target ≤ 1.5), escalations per second (issue 28: target ≥ 1,000 for DUE of OPEN), CPU per escalation, the
# index entries the due queries read per sweep and SQLite's plan for the due query.
#
#   tests/perf/sweep.sh [OPEN DUE ROUNDS]        defaults 1000000 10000 2
#
# On the project's 2-core machine the defaults take 5–10 minutes, most of it seeding a million rows and copying the
# 0.8 GiB file back before each sweep; a sweep of 10,000 escalations takes seconds (one commit per batch of 200).
# For a quick check of the harness: tests/perf/sweep.sh 3000 1000 1 (what tests/perf/smoke.sh runs is smaller still).
# The files (about 1.5 GiB with their seeded copies) go to artifacts/perf/sweep and are removed at the end
# unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build tests/MerchantDisputes.Benchmarks/MerchantDisputes.Benchmarks.csproj -c Release -v q -nologo

work=artifacts/perf/sweep
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at start:$(uptime | sed 's/.*load average://')"
start=$SECONDS
dotnet tests/MerchantDisputes.Benchmarks/bin/Release/net10.0/MerchantDisputes.Benchmarks.dll \
  sweep "$work" "${1:-1000000}" "${2:-10000}" "${3:-2}"
echo "run took $((SECONDS - start)) s; load average at end:$(uptime | sed 's/.*load average://')"
if [ "${KEEP:-0}" != 1 ]; then
  rm -f "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm "$work"/*.db.seeded
fi
