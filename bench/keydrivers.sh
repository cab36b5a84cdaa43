#!/usr/bin/env bash
# What key drivers add to `saleswheel score` on the 1,000,000-respondent CSV (goal: at most 25 %), side by side in one
# run: the same command with and without key drivers (--no-key-drivers, a hidden option for this), alternated so both
# meet the same machine noise. Usage: bench/keydrivers.sh [RESPONDENTS] [RUNS]   (defaults 1000000 and 5; files in bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."

respondents=${1:-1000000}
runs=${2:-5}
out=bench/out
csv=$out/million.csv
cli_dir=src/SalesWheel.Cli/bin/Release/net10.0
mkdir -p "$out"

echo "== build (Release)"
dotnet build -c Release src/SalesWheel.Cli -nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
cli=(dotnet "$cli_dir/saleswheel.dll")
calc() { awk "BEGIN { printf \"$2\", $1 }"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [ ! -s "$csv" ] || [ "$(($(wc -l <"$csv") - 1))" != "$respondents" ]; then
  echo "== sample: $respondents respondents -> $csv"
  "${cli[@]}" sample --respondents "$respondents" --out "$csv"
fi
cat "$csv" >/dev/null # from the page cache for every run

run() { # run OUTPUT [OPTIONS…]: prints the wall seconds
  local json=$1; shift
  local start; start=$(date +%s.%N)
  "${cli[@]}" score "$csv" --group-by role,team --format json --out "$json" "$@" 2>/dev/null
  calc "$(date +%s.%N) - $start" %.3f
}

with=(); without=()
for i in $(seq 1 "$runs"); do
  without+=("$(run "$out/kd-without.json" --no-key-drivers)")
  with+=("$(run "$out/kd-with.json")")
  echo "== run $i: without ${without[-1]} s, with ${with[-1]} s"
done

grep -q '"keyDrivers"' "$out/kd-with.json" || { echo "the run with key drivers wrote none" >&2; exit 1; }
! grep -q '"keyDrivers"' "$out/kd-without.json" || { echo "the run without key drivers wrote them" >&2; exit 1; }
mw=$(median "${with[@]}"); mo=$(median "${without[@]}")
added=$(calc "100 * ($mw - $mo) / $mo" %.1f)
ok=$(calc "($mw <= 1.25 * $mo) ? 1 : 0" %d)
{
  echo
  echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo "machine:  $(lscpu | awk -F': +' '/^Model name/ { print $2; exit }'), nproc $(nproc), RAM $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "dotnet:   $(dotnet --version) SDK"
  echo "input:    $csv, $respondents respondents, score --group-by role,team --format json"
  echo "without:  median $mo s of $runs (${without[*]})"
  echo "with:     median $mw s of $runs (${with[*]})"
  echo "added:    $added % (goal <= 25 %): $([ "$ok" = 1 ] && echo met || echo MISSED)"
} | tee "$out/keydrivers-results.txt"
