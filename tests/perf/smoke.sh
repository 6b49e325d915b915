#!/usr/bin/env bash
# Runs every benchmark command once at a smoke size so that a harness that no longer builds or starts fails CI
# (issue 28: tests/perf/sweep.sh had failed before measuring anything since the sweep gained a dependency, and
# nothing noticed). It asserts only that each ran to its end; the figures at these sizes mean nothing.
# Called by test.sh; on its own: tests/perf/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
log=artifacts/perf/smoke
mkdir -p "$log"
run() {
  local name=$1
  shift
  echo "-- $name: $*"
  if ! "$@" > "$log/$name.log" 2>&1; then
    tail -30 "$log/$name.log"
    echo "benchmark smoke run failed: $name" >&2
    return 1
  fi
}
run sweep tests/perf/sweep.sh 300 100 1
run images tests/perf/image-pipeline.sh 2 1 1
WARMUP=1s APP_PORT=5760 BARE_PORT=5761 run http tests/perf/http.sh 300 1s 2
run load tests/perf/load.sh 3 5
run public-stats tests/perf/public-stats.sh 2000 2
echo "benchmark smoke runs: 5 ran"
