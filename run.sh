#!/usr/bin/env bash
# Runs SalesWheel: with no arguments, the web app on its embedded SQLite database (data/saleswheel.db),
# at http://localhost:5080 (set PORT to change it). With arguments, the `saleswheel` command line instead:
#   ./run.sh demo                      create a demo organization and print its login
#   ./run.sh score answers.csv ...     score a CSV of answers (see ./run.sh --help)
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "SalesWheel needs the .NET SDK (10.0) on the PATH." >&2
  exit 1
fi

build() {
  local log
  log=$(mktemp)
  if ! dotnet build "$1" -c Release -nologo >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
}

if [ $# -gt 0 ]; then
  build src/SalesWheel.Cli
  exec src/SalesWheel.Cli/bin/Release/net10.0/saleswheel "$@"
fi

port=${PORT:-5080}
build src/SalesWheel.Web
echo "SalesWheel: open http://localhost:$port (Ctrl+C to stop; data in ./data)"
cd src/SalesWheel.Web
exec dotnet bin/Release/net10.0/SalesWheel.Web.dll --urls "http://0.0.0.0:$port" --contentRoot "$(pwd)" --SalesWheel:DataFolder "$(cd ../.. && pwd)/data" \
  --SalesWheel:PublicBaseUrl "${PUBLIC_BASE_URL:-http://localhost:$port}"
