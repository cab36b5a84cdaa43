#!/usr/bin/env bash
# The spreadsheet downloads of the web app end to end: a closed assessment with 10,000 responses (the load seed), the
# server in Release on SQLite, an owner signed in with curl; the results page once (as a person would, it holds the
# links), then each download 7 times: the first in a fresh process pays the JIT of the export code (tiered compilation is off).
#   goal: the .xlsx of a 10,000-response assessment in under 2 s
# Usage: bench/exports.sh     Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
# A free port picked by the kernel (other servers may be running on this machine).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/saleswheel-exports.XXXXXX)
jar="$data/cookies.txt"

echo "== build (Release)"
dotnet build -c Release src/SalesWheel.Web -nologo -v quiet >/dev/null
dotnet build -c Release bench/SalesWheel.Load -nologo -v quiet >/dev/null
load=(dotnet bench/SalesWheel.Load/bin/Release/net10.0/SalesWheel.Load.dll)

echo "== seed: 10000 responses in $data"
"${load[@]}" seed "$data" 1 10000
assessment=$(sed -n 2p "$data/load-assessments.txt")

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

# Sign in as the seeded owner: the form's antiforgery token, then the POST.
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/signin" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null "http://127.0.0.1:$port/signin" \
  --data-urlencode "Email=load-owner@example.com" --data-urlencode "Password=load test passphrase 2026" \
  --data-urlencode "__RequestVerificationToken=$token"

# As a person does: the results page first (the links are on it), then the downloads.
curl -fs -b "$jar" -o /dev/null -w "== results page first: %{http_code} %{time_total}s\n" "http://127.0.0.1:$port/assessments/$assessment/results"
for file in results.xlsx answers.csv; do
  echo "== $file (7 downloads; the first is cold)"
  for i in $(seq 1 7); do
    curl -fs -b "$jar" -o "$data/$file" -w "%{http_code} %{time_total}s %{size_download} bytes\n" \
      "http://127.0.0.1:$port/assessments/$assessment/results/$file"
  done
done
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), $(date -u '+%Y-%m-%d %H:%M UTC')"
