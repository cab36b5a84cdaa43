#!/usr/bin/env bash
# The wave comparison on the results page (issue 10, goal 8b): two closed waves of 10,000 responses each (the load seed's
# `waves`), the server in Release on SQLite, the owner signed in with curl. The first view of the second wave's results
# page computes both waves' results and the comparison and stores them; then REPEATS more views (from the stored ones)
# and their median. For reference, the same for the first wave's page (no earlier wave: no comparison section).
#   goal: the results page with the comparison of two 10,000-response waves, median under 100 ms once computed
# Usage: bench/comparison.sh [RESPONSES_PER_WAVE=10000] [REPEATS=21]     Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
responses=${1:-10000}
repeats=${2:-21}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/saleswheel-comparison.XXXXXX)
jar="$data/cookies.txt"

echo "== build (Release)"
dotnet build -c Release src/SalesWheel.Web -nologo -v quiet >/dev/null
dotnet build -c Release bench/SalesWheel.Load -nologo -v quiet >/dev/null
load=(dotnet bench/SalesWheel.Load/bin/Release/net10.0/SalesWheel.Load.dll)

echo "== seed: two waves of $responses responses in $data"
"${load[@]}" waves "$data" "$responses"
before=$(sed -n 1p "$data/load-assessments.txt")
after=$(sed -n 2p "$data/load-assessments.txt")

(cd src/SalesWheel.Web && exec env ASPNETCORE_ENVIRONMENT=Production \
  "Logging__LogLevel__SalesWheel.Web.Infrastructure.RequestLogging=Warning" \
  dotnet bin/Release/net10.0/SalesWheel.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)" \
  --SalesWheel:DataFolder "$data" --SalesWheel:PublicBaseUrl "http://127.0.0.1:$port") > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$data/server.log"; exit 1; }
  sleep 0.5
done

token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/signin" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null "http://127.0.0.1:$port/signin" \
  --data-urlencode "Email=load-owner@example.com" --data-urlencode "Password=load test passphrase 2026" \
  --data-urlencode "__RequestVerificationToken=$token"

# GET URL REPEATS → prints the first time, then the median, min and max of the next REPEATS (seconds).
time_it() {
  local url=$1 n=$2 first times
  first=$(curl -fs -b "$jar" -o "$data/page.html" -w "%{time_total}" "$url")
  times=$(for _ in $(seq 1 "$n"); do curl -fs -b "$jar" -o /dev/null -w "%{time_total}\n" "$url"; done | sort -n)
  echo "first ${first}s; next $n: median $(echo "$times" | sed -n "$(( (n + 1) / 2 ))p")s, min $(echo "$times" | head -1)s, max $(echo "$times" | tail -1)s"
}

echo "== wave 1 results page (no comparison): $(time_it "http://127.0.0.1:$port/assessments/$before/results" "$repeats")"
echo "== wave 2 results page with the comparison: $(time_it "http://127.0.0.1:$port/assessments/$after/results" "$repeats")"
grep -q "Compared with Wave 1" "$data/page.html" || { echo "the page has no comparison section"; exit 1; }
echo "== wave 2 compared with a chosen wave (?with=): $(time_it "http://127.0.0.1:$port/assessments/$after/results?with=$before" "$repeats")"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), $(date -u '+%Y-%m-%d %H:%M UTC')"
