#!/usr/bin/env bash
# Runs every test of every project, after installing what the tests need on a fresh Debian machine
# (python3 for the reference scorer, chromium for the browser tests, poppler-utils to read the PDF reports back,
# npm's @redocly/cli for the OpenAPI lint, postgresql for the web tests' second run, nginx for the two-node tests).
# Ends with one line: "N passed, N failed" (totals over all test projects).
set -uo pipefail
cd "$(dirname "$0")"
started=$SECONDS
# Each stage says how long it took (CI keeps a log of them).
last=$SECONDS
stage() { echo "== $1 (took $(( SECONDS - last )) s; $(( SECONDS - started )) s since start)"; last=$SECONDS; }

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

# The web tests run a second time on PostgreSQL: Debian's server, started by tests/postgres.sh in a temporary folder.
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing postgresql (for the web tests on PostgreSQL)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || {
    echo "Could not install postgresql." >&2
    exit 1
  }
fi

# Two web nodes behind a real reverse proxy (tests/SalesWheel.TwoNodes.Tests): Debian's nginx, run by the tests with their
# own nginx.conf on a free port. Its packaged service is not wanted: policy-rc.d keeps the install from starting it on
# port 80 (where something else may listen, which would fail the install).
if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx (for the two-node tests)…"
  policy_added=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_added=1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  installed=$?
  [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
  if [ "$installed" -ne 0 ]; then
    echo "Could not install nginx." >&2
    exit 1
  fi
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

stage "tools ready"

# Restore exactly the package versions in each project's packages.lock.json (a changed dependency fails here,
# not in a test), then build once; every test stage below runs on that build.
total_passed=0
total_failed=0
status=0

dotnet restore SalesWheel.slnx --locked-mode || { echo "Restore failed: a package or a lock file changed (run 'dotnet restore' and commit packages.lock.json)." >&2; exit 1; }
stage "restored"
dotnet build SalesWheel.slnx -c Release --no-restore || { echo "The build failed (warnings are errors; analyzers at latest-recommended)." >&2; exit 1; }
stage "built"

# One test project at a time, so each stage says what it ran and how long it took.
run_tests() {
  local project=$1 label=${2:-} log
  shift $(( $# < 2 ? $# : 2 ))
  log=$(mktemp)
  dotnet test "$project" -c Release --no-build "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  local passed failed
  passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
  failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
  rm -f "$log"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  if [ "$code" -ne 0 ]; then
    [ "$failed" -eq 0 ] && echo "dotnet test $project exited with $code before reporting a failed test." >&2
    status=1
  fi
  stage "$(basename "$project")$label: $passed passed, $failed failed"
}

# Fast tests first (maths, CLI, web app in process), then the browser tests (Chromium).
run_tests tests/SalesWheel.Core.Tests
run_tests tests/SalesWheel.Cli.Tests
run_tests tests/SalesWheel.Web.Tests

# The web and API tests again on a real PostgreSQL (a database per test app); tests about the SQLite file itself
# carry the trait Provider=Sqlite and run on SQLite only.
trap 'tests/postgres.sh stop' EXIT
if postgres=$(tests/postgres.sh start); then
  stage "PostgreSQL started"
  SALESWHEEL_TEST_PROVIDER=postgres SALESWHEEL_TEST_POSTGRES="$postgres" \
    run_tests tests/SalesWheel.Web.Tests " on PostgreSQL" --filter "Provider!=Sqlite"
  # Two real app processes on that server behind nginx: sign-in, surveys and links across nodes, one node SIGKILLed.
  SALESWHEEL_TEST_POSTGRES="$postgres" run_tests tests/SalesWheel.TwoNodes.Tests
  tests/postgres.sh stop
else
  echo "Could not start PostgreSQL: the web tests did not run on it." >&2
  status=1
  total_failed=$((total_failed + 1))
fi
run_tests tests/SalesWheel.E2E

# Operating it: scripts that run the built app as an operator would, each counted as one test.
run_script() {
  if "$@"; then
    total_passed=$((total_passed + 1))
    stage "$(basename "$1"): passed"
  else
    total_failed=$((total_failed + 1))
    status=1
    stage "$(basename "$1"): FAILED"
  fi
}
run_script tools/backup-restore-check.sh --no-build
run_script tools/sigkill-check.sh --no-build

stage "tests done"
echo "$total_passed passed, $total_failed failed"
exit "$status"
