#!/usr/bin/env bash
# Durability on SQLite: the only web app process is killed with SIGKILL in the middle of survey submissions, restarted
# on the same data folder, and every survey it had acknowledged must be there: as many answers stored as acknowledged
# at least, and each acknowledged link's invitation marked submitted in the database (over HTTP a link never tells
# whether it was used: only the browser that submitted is thanked). Prints the outcome with its counts.
# Why it holds: a submit commits before it answers, and SQLite in WAL mode with synchronous=NORMAL keeps every commit
# through a crash of the process (the log is in the operating system's cache once written; only a power cut can undo
# the latest commits, see docs/deploy.md).
# Usage: tools/sigkill-check.sh [--no-build]   (test.sh passes --no-build: it has built everything in Release)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5192}
url="http://127.0.0.1:$port"
data=$(mktemp -d /tmp/saleswheel-sigkill-check.XXXXXX)
server=
loader=
cleanup() {
  [ -n "$loader" ] && kill "$loader" 2>/dev/null
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT
fail() { echo "sigkill-check: FAILED: $*" >&2; tail -5 "$data/server.log" >&2; exit 1; }

if [ "${1:-}" != "--no-build" ]; then
  dotnet build src/SalesWheel.Web -c Release -nologo -v quiet >/dev/null
  dotnet build bench/SalesWheel.Load -c Release -nologo -v quiet >/dev/null
fi
load=(dotnet bench/SalesWheel.Load/bin/Release/net10.0/SalesWheel.Load.dll)

# The web app as run.sh starts it (the built Release dll), with the survey rate limit raised: every virtual
# respondent comes from one address.
start_server() {
  (cd src/SalesWheel.Web && exec env ASPNETCORE_ENVIRONMENT=Production \
    "Logging__LogLevel__SalesWheel.Web.Infrastructure.RequestLogging=Warning" SalesWheel__RateLimits__SurveyPerMinute=100000000 \
    dotnet bin/Release/net10.0/SalesWheel.Web.dll --urls "$url" --contentRoot "$(pwd)" \
    --SalesWheel:DataFolder "$data" --SalesWheel:PublicBaseUrl "$url") >>"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fs "$url/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 "$data/server.log" >&2
  fail "the web app did not start"
}

"${load[@]}" seed "$data" 3000 0 >/dev/null
start_server
acked="$data/acknowledged.txt"
: >"$acked"
"${load[@]}" acknowledged "$url" 16 120 "$data" "$acked" &
loader=$!
# Mid-load: once a good number of surveys are acknowledged, with 16 more in flight.
for _ in $(seq 1 240); do
  [ "$(wc -l <"$acked")" -ge 200 ] && break
  kill -0 "$loader" 2>/dev/null || break
  sleep 0.25
done
kill -9 "$server"
wait "$server" 2>/dev/null || true
server=
wait "$loader" || true
loader=
acknowledged=$(wc -l <"$acked")
[ "$acknowledged" -gt 0 ] || fail "no survey was acknowledged before the kill"

start_server
stored=$("${load[@]}" count "$data")
[ "$stored" -ge "$acknowledged" ] || fail "answers stored after the restart are fewer than the surveys acknowledged before the kill"
missing=$("${load[@]}" not-submitted "$data" "$acked")
[ "$missing" -eq 0 ] || fail "$missing acknowledged surveys are not marked submitted after the restart"
echo "sigkill-check: every survey acknowledged before the SIGKILL is stored after the restart ($acknowledged acknowledged, $stored answers stored, $missing acknowledged links not marked submitted)"
