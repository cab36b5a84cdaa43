#!/usr/bin/env bash
# End-to-end benchmark (goal 2 of the performance issue): how long `saleswheel score` takes on a
# 1,000,000-respondent CSV, compared with `gzip -1` of the same file, and its peak memory.
#   goal: score time <= 3 x gzip -1 time;  peak RSS < 1 GiB
# Usage: bench/e2e.sh [RESPONDENTS]   (default 1000000; output files go to bench/out/, which git ignores)
set -euo pipefail
cd "$(dirname "$0")/.."

respondents=${1:-1000000}
runs=3
out=bench/out
csv=$out/million.csv
json=$out/million.json
cli_dir=src/SalesWheel.Cli/bin/Release/net10.0
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  echo "Installing GNU time (for wall time and peak RSS)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

echo "== build (Release)"
dotnet build -c Release src/SalesWheel.Cli -nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
cli=(dotnet "$cli_dir/saleswheel.dll")
calc() { awk "BEGIN { printf \"$2\", $1 }"; } # calc EXPRESSION FORMAT

echo "== sample: $respondents respondents -> $csv"
start=$(date +%s.%N)
"${cli[@]}" sample --respondents "$respondents" --out "$csv"
echo "   made in $(calc "$(date +%s.%N) - $start" %.1f) s"
bytes=$(stat -c %s "$csv")
cat "$csv" >/dev/null # both commands below read it from the page cache

# GNU time's "Elapsed (wall clock) time" is h:mm:ss or m:ss.ss; print it in seconds.
wall_seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss_kib() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

score_times=(); score_rss=()
for i in $(seq 1 "$runs"); do
  rm -f "$json"
  /usr/bin/time -v -o "$out/time-score-$i.txt" "${cli[@]}" score "$csv" --group-by role,team --format json --out "$json" 2>"$out/score-$i.stderr"
  score_times+=("$(wall_seconds "$out/time-score-$i.txt")")
  score_rss+=("$(rss_kib "$out/time-score-$i.txt")")
  test -s "$json" || { echo "score run $i wrote no $json" >&2; exit 1; }
  echo "== score run $i: ${score_times[-1]} s, max RSS $((score_rss[-1] / 1024)) MiB"
done

gzip_times=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$out/time-gzip-$i.txt" sh -c "gzip -1 -c '$csv' > /dev/null"
  gzip_times+=("$(wall_seconds "$out/time-gzip-$i.txt")")
  echo "== gzip -1 run $i: ${gzip_times[-1]} s"
done

score_median=$(median "${score_times[@]}")
gzip_median=$(median "${gzip_times[@]}")
rss_median=$(median "${score_rss[@]}")
rss_max=$(printf '%s\n' "${score_rss[@]}" | sort -n | tail -1)
ratio=$(calc "$score_median / $gzip_median" %.2f)
ratio_ok=$(calc "($score_median <= 3 * $gzip_median) ? 1 : 0" %d)
rss_ok=$(( rss_max < 1024 * 1024 ? 1 : 0 ))
verdict() { if [ "$1" = 1 ]; then echo met; else echo MISSED; fi; }

{
  echo
  echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo "machine:      $(lscpu | awk -F': +' '/^Model name/ { print $2; exit }'), nproc $(nproc), RAM $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "dotnet:       $(dotnet --version) SDK, runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
  echo "input:        $csv, $respondents respondents, $bytes bytes ($(calc "$bytes / 1e6" %.1f) MB)"
  echo "score:        median $score_median s of $runs (${score_times[*]}) = $(calc "$bytes / 1e6 / $score_median" %.1f) MB/s"
  echo "gzip -1:      median $gzip_median s of $runs (${gzip_times[*]})"
  echo "ratio:        $ratio x (goal <= 3 x): $(verdict "$ratio_ok")"
  echo "peak RSS:     max $((rss_max / 1024)) MiB, median $((rss_median / 1024)) MiB of $runs (goal < 1024 MiB): $(verdict "$rss_ok")"
} | tee "$out/e2e-results.txt"
