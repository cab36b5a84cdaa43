#!/usr/bin/env bash
# Runs every test of every project, after installing what the tests need on a fresh Debian machine
# (python3 for the reference scorer, chromium for the browser tests, poppler-utils to read the PDF reports back,
# npm's @redocly/cli for the OpenAPI lint).
# Ends with one line: "N passed, N failed" (totals over all test projects).
set -uo pipefail
cd "$(dirname "$0")"
started=$SECONDS
# Each stage says how long it took (CI keeps a log of them).
stage() { echo "== $1 ($(( SECONDS - started )) s since start)"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The tests need the .NET SDK (10.0) on the PATH." >&2
  exit 1
fi

# The reference cross-check runs tests/reference/score_reference.py (Python 3, standard library only).
if ! command -v python3 >/dev/null 2>&1; then
  echo "Installing python3 (for the independent reference scorer)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null || {
    echo "Could not install python3." >&2
    exit 1
  }
fi

# The browser tests drive Debian's Chromium through Playwright (no browser is ever downloaded).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (for the browser tests)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || {
    echo "Could not install chromium." >&2
    exit 1
  }
fi

# The PDF report tests read the PDF back as a person's tools would: pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "Installing poppler-utils (to read the PDF reports back)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || {
    echo "Could not install poppler-utils." >&2
    exit 1
  }
fi

# The OpenAPI document is linted with Redocly's CLI (npm, versions pinned in tools/openapi/package-lock.json).
if [ ! -x tools/openapi/node_modules/.bin/redocly ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing npm (for the OpenAPI linter)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null || {
      echo "Could not install npm." >&2
      exit 1
    }
  fi
  echo "Installing the OpenAPI linter (@redocly/cli)…"
  npm ci --prefix tools/openapi --no-audit --no-fund >/dev/null || {
    echo "Could not install @redocly/cli." >&2
    exit 1
  }
fi

if [ ! -f ../shared/data/bfi.csv ]; then
  echo "warning: ../shared/data/bfi.csv is missing: the bfi tests will fail (the shared folder must sit beside the repository)." >&2
fi

stage "tools ready; building and running every test project"
log=$(mktemp)
dotnet test SalesWheel.slnx -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before reporting a failed test (a build error?)." >&2
fi
stage "tests done"
echo "$passed passed, $failed failed"
exit "$status"
