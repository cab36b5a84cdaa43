#!/usr/bin/env bash
# The architecture measurement of issue 3: a survey page (7 statements x 6 choices, antiforgery token) rendered as a
# Razor Page and as a Razor component in static SSR, by one server (bench/SalesWheel.RenderBench), under the same load
# (wrk, 32 connections, 2 threads, 10 s after 5 s of warm-up each, alternating 3 times). Prints requests/s and the
# server's CPU per request. Installs wrk with apt-get when missing.
# Usage: bench/render.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=5191
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
dotnet build -c Release bench/SalesWheel.RenderBench -nologo -v quiet >/dev/null
dotnet bench/SalesWheel.RenderBench/bin/Release/net10.0/SalesWheel.RenderBench.dll --urls "http://127.0.0.1:$port" \
  --contentRoot "$(pwd)/bench/SalesWheel.RenderBench" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/page" >/dev/null 2>&1 && break; sleep 0.5; done
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }   # clock ticks (1/100 s) of user + system time
for round in 1 2 3; do
  for path in /page /component; do
    wrk -t2 -c32 -d5s "http://127.0.0.1:$port$path" >/dev/null
    before=$(cpu)
    rps=$(wrk -t2 -c32 -d10s "http://127.0.0.1:$port$path" | awk '/Requests\/sec/ {print $2}')
    after=$(cpu)
    bytes=$(curl -s "http://127.0.0.1:$port$path" | wc -c)
    printf '%-11s round %d: %8.0f requests/s, server CPU %.3f ms per request, %d bytes\n' "$path" "$round" "$rps" \
      "$(echo "($after - $before) * 10 / ($rps * 10)" | bc -l)" "$bytes"
  done
done
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), $(date -u '+%Y-%m-%d %H:%M UTC')"
