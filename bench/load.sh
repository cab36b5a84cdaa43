#!/usr/bin/env bash
# Load test of the web app on SQLite (issue 3, goal 13): virtual respondents each take a whole survey (every page,
# antiforgery included) against the app on this machine; then the static-file ceiling of the same server, and the
# results page of an assessment with 10,000 responses.
#   goals: >= 100 completed surveys/s with 32 at a time, p99 page latency < 100 ms, no errors, nothing lost
#          (responses stored == surveys completed); results page median < 100 ms
# Usage: bench/load.sh [CONCURRENCY] [SECONDS] [WARM_UP_SECONDS]   (default 32, 30, 30). Traffic goes to 127.0.0.1 only.
# The measured run follows a warm-up of the same load (not measured): a server's steady state, with its hot code
# compiled by the JIT's tiered, profile-guided compiler.
set -euo pipefail
cd "$(dirname "$0")/.."
concurrency=${1:-32}
seconds=${2:-30}
warmup=${3:-30}
port=5181
data=$(mktemp -d /tmp/saleswheel-load.XXXXXX)
surveys=$(( concurrency * (seconds + warmup) * 12 ))   # more links than can be used: the run stops on time, not on links

echo "== build (Release)"
dotnet build -c Release src/SalesWheel.Web -nologo -v quiet >/dev/null
dotnet build -c Release bench/SalesWheel.Load -nologo -v quiet >/dev/null
load=(dotnet bench/SalesWheel.Load/bin/Release/net10.0/SalesWheel.Load.dll)

echo "== seed: $surveys invitations, 10000 responses in $data"
"${load[@]}" seed "$data" "$surveys" 10000

echo "== start the server on 127.0.0.1:$port"
# Per-request log lines go to the console at Information; at thousands of requests a second that console is the
# bottleneck, so the request log is set to Warning here (errors still print). Rate limits are raised: every
# virtual respondent comes from the same address.
(cd src/SalesWheel.Web && exec env ASPNETCORE_ENVIRONMENT=Production \
  "Logging__LogLevel__SalesWheel.Web.Infrastructure.RequestLogging=Warning" \
  SalesWheel__RateLimits__SurveyPerMinute=100000000 SalesWheel__RateLimits__SignInPerMinute=1000 \
  dotnet bin/Release/net10.0/SalesWheel.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)" \
  --SalesWheel:DataFolder "$data" --SalesWheel:PublicBaseUrl "http://127.0.0.1:$port") > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

echo "== run: $concurrency virtual respondents for $seconds s, after $warmup s of warm-up"
set +e
"${load[@]}" run "http://127.0.0.1:$port" "$concurrency" "$seconds" "$data" "$warmup" | tee "$data/run.txt"
status=${PIPESTATUS[0]}
set -e
kill $server; wait $server 2>/dev/null || true
trap - EXIT

completed=$(grep -o 'completed=[0-9]*' "$data/run.txt" | cut -d= -f2)
warm=$(grep -o 'warmup=[0-9]*' "$data/run.txt" | cut -d= -f2)
stored=$("${load[@]}" count "$data")
# The warm-up surveys are stored too, so stored = completed + warm-up when nothing is lost.
echo "responses stored:    $stored (surveys completed $completed + $warm in the warm-up)"
[ "$stored" -eq $(( completed + warm )) ] && echo "nothing lost:        yes" || { echo "nothing lost:        NO"; status=1; }
echo "machine:             $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), $(date -u '+%Y-%m-%d %H:%M UTC')"
rm -rf "$data"
exit "$status"
