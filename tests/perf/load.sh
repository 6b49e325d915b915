#!/usr/bin/env bash
# Issue 8's load run, not part of ./test.sh: MERCHANTS merchants register and file cases at once for SECONDS
# (each filing: a RefundOnly draft, two 1080 × 2,400 PNG screenshots, submit) against the app in Release on a fresh
# SQLite file, loopback only. Afterwards every case and screenshot the app accepted is read back through the API
# and its original's SHA-256 checked; the run fails on any 5xx, socket error or failed check.
#
#   tests/perf/load.sh [MERCHANTS SECONDS]        defaults 50 60
#
# The evidence goes to the folder store (the embedded default) under artifacts/perf/load, removed at the end
# unless KEEP=1. Rate limits are raised for the run: 50 "merchants" here share one address.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
source tests/perf/app.sh
merchants="${1:-50}" seconds="${2:-60}"
port="${APP_PORT:-5730}"
app="http://127.0.0.1:$port"
work=artifacts/perf/load
rm -rf "$work" && mkdir -p "$work"
work="$(cd "$work" && pwd)"
app_pid=
cleanup() { [ -z "$app_pid" ] || kill "$app_pid" 2> /dev/null || true; [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/MerchantDisputes.Web -c Release -v q -nologo
dotnet build tests/MerchantDisputes.Benchmarks -c Release -v q -nologo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at start:$(uptime | sed 's/.*load average://')"

start_app "$app" "$work"
wait_for "$app/health/ready"

status=0
dotnet tests/MerchantDisputes.Benchmarks/bin/Release/net10.0/MerchantDisputes.Benchmarks.dll load "$app" "$merchants" "$seconds" || status=$?
echo "app peak working set: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$app_pid/status")"
echo "errors in the app's log: $(grep -c '^fail:' "$work/app.log" || true)"
echo "load average at end:$(uptime | sed 's/.*load average://')"
exit "$status"
