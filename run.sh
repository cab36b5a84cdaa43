#!/usr/bin/env bash
# Runs SalesWheel. Until the web app exists, this scores the sample company's answers and prints the report.
# Any arguments are passed to `saleswheel` instead (e.g. ./run.sh score my-answers.csv --format json).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "SalesWheel needs the .NET SDK (10.0) on the PATH." >&2
  exit 1
fi
build_log=$(mktemp)
if ! dotnet build src/SalesWheel.Cli -c Release -nologo >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
rm -f "$build_log"
cli=src/SalesWheel.Cli/bin/Release/net10.0/saleswheel
if [ $# -eq 0 ]; then
  set -- score samples/northwind-cloud.csv --group-by role,team --phase scale --acv 15k-50k
fi
exec "$cli" "$@"
