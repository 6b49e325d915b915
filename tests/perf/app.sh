# Sourced by tests/perf/http.sh and tests/perf/load.sh (not run on its own): the app as both measure it.

# wait_for URL: until it answers 2xx, at most a minute.
wait_for() { for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "not ready: $1" >&2; exit 1; }

# start_app URL DATA_DIR [NAME=VALUE...]: the Release build in Production on DATA_DIR (SQLite file and folder
# evidence store), the deadline sweep off (Hangfire:Mode=WebOnly, so seeded cases do not escalate mid-run), Warning
# logs to DATA_DIR/app.log, rate limits raised (every simulated person shares one address). Sets app_pid.
start_app() {
  local url=$1 data=$2
  shift 2
  (cd src/MerchantDisputes.Web && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$url" App__PublicBaseUrl="$url" DataDirectory="$data" \
    Hangfire__Mode=WebOnly Logging__LogLevel__Default=Warning \
    RateLimits__SignInPerMinute=100000 RateLimits__RegisterPerMinute=100000 RateLimits__UploadsPerMinute=100000 \
    RateLimits__MessagesPerMinute=100000 "$@" \
    dotnet bin/Release/net10.0/MerchantDisputes.Web.dll > "$data/app.log" 2>&1) &
  app_pid=$!
}
