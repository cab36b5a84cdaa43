#!/usr/bin/env bash
# Runs SalesWheel: with no arguments, the web app on its embedded SQLite database (data/saleswheel.db),
# at http://localhost:5080 (set PORT to change it). With arguments, the `saleswheel` command line instead:
#   ./run.sh demo                      create a demo organization and print its login
#   ./run.sh score answers.csv ...     score a CSV of answers (see ./run.sh --help)
# Progress goes to stderr, so the command line's own output can still be piped.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "SalesWheel needs the .NET SDK (10.0) on the PATH." >&2
  exit 1
fi

started=$SECONDS
say() { printf '[%3ds] %s\n' "$((SECONDS - started))" "$*" >&2; }

# Runs one build step quietly, with a line before and after; on failure, prints the step's whole log.
step() {
  local what=$1 log
  shift
  log=$(mktemp)
  say "$what…"
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    say "$what failed (see above)."
    exit 1
  fi
  rm -f "$log"
}

build() {
  step "restoring packages for $2 (first run: about a minute)" dotnet restore "$1" --locked-mode
  step "building $2" dotnet build "$1" -c Release -nologo --no-restore
}

if [ $# -gt 0 ]; then
  build src/SalesWheel.Cli "the command line"
  say "running: saleswheel $*"
  exec src/SalesWheel.Cli/bin/Release/net10.0/saleswheel "$@"
fi

port=${PORT:-5080}
build src/SalesWheel.Web "the web app"
say "starting the web app (it brings its database in data/ up to date first)…"
# The app runs in the foreground (Ctrl+C stops it); a small watcher says "ready" only once it answers.
(
  until curl -fsS -o /dev/null "http://localhost:$port/healthz" 2>/dev/null; do
    kill -0 "$$" 2>/dev/null || exit 0 # the app stopped before it was ready: its own messages say why
    sleep 0.5
  done
  say "SalesWheel is ready: open http://localhost:$port (Ctrl+C to stop; data in ./data)"
) &
root=$(pwd)
cd src/SalesWheel.Web
exec dotnet bin/Release/net10.0/SalesWheel.Web.dll --urls "http://0.0.0.0:$port" --contentRoot "$(pwd)" --SalesWheel:DataFolder "$root/data" \
  --SalesWheel:PublicBaseUrl "${PUBLIC_BASE_URL:-http://localhost:$port}"
