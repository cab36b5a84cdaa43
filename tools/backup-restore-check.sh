#!/usr/bin/env bash
# A restore, tested as an operator would do it: a demo database, `saleswheel backup` of it, `saleswheel restore` into a
# fresh data folder (with the submission key), the web app started on that folder, the demo owner signed in, and the
# closed assessment's results page and a survey link of the open one asked for. Exits 0 only when both answer.
# Usage: tools/backup-restore-check.sh [--no-build]   (test.sh passes --no-build: it has built everything in Release)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5191}
url="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/saleswheel-restore-check.XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "backup-restore-check: FAILED: $*" >&2; [ -f "$work/server.log" ] && tail -20 "$work/server.log" >&2; exit 1; }

if [ "${1:-}" != "--no-build" ]; then
  dotnet build src/SalesWheel.Cli -c Release -nologo -v quiet >/dev/null
  dotnet build src/SalesWheel.Web -c Release -nologo -v quiet >/dev/null
fi
cli=(dotnet src/SalesWheel.Cli/bin/Release/net10.0/saleswheel.dll)

"${cli[@]}" demo --data "$work/live" --base-url "$url" >"$work/demo.txt"
email=$(sed -n 's/^ *Email: *//p' "$work/demo.txt")
password=$(sed -n 's/^ *Password: *//p' "$work/demo.txt")
links=$(sed -n 's/^Survey links: *//p' "$work/demo.txt")
"${cli[@]}" backup "$work/backup.db" --data "$work/live" >/dev/null
"${cli[@]}" restore "$work/backup.db" --data "$work/restored" --key "$work/live/keys/submission.key" >/dev/null
survey=$(sed -n '2p' "$links" | grep -o 'http[^",]*/s/[A-Za-z0-9_-]*' || true)
rm -rf "$work/live" # the restored folder must stand on its own

(cd src/SalesWheel.Web && exec env ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/SalesWheel.Web.dll \
  --urls "$url" --contentRoot "$(pwd)" --SalesWheel:DataFolder "$work/restored" --SalesWheel:PublicBaseUrl "$url") >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || fail "the web app stopped on the restored folder"
  sleep 0.5
done
curl -fs "$url/healthz" >/dev/null || fail "the web app on the restored folder did not answer /healthz"

jar="$work/cookies"
token=$(curl -fs -c "$jar" -b "$jar" "$url/signin" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$token" ] || fail "no sign-in form"
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$url/signin" \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$email" --data-urlencode "Password=$password")
[ "$status" = 302 ] || fail "signing in as the demo owner answered $status"
results=$(curl -fs -b "$jar" "$url/assessments" | grep -o '/assessments/[0-9a-f-]*/results' | head -1)
[ -n "$results" ] || fail "no assessment with results in the restored database"
page=$(curl -fs -b "$jar" "$url$results") || fail "the results page did not answer"
grep -q "Results: Q3 team assessment" <<<"$page" || fail "the results page does not show the closed demo assessment"
grep -q "<svg" <<<"$page" || fail "the results page has no wheel"
[ -n "$survey" ] && curl -fs -o /dev/null "$survey" || fail "a survey link of the open demo assessment does not open"
echo "backup-restore-check: restored database serves the results page and the survey links"
