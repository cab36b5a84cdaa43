#!/usr/bin/env bash
# Import benchmarks (issue 12, deliverable 11), side by side in one run:
#   (a) `saleswheel score` of a 1,000,000-row Google Forms export (statement texts as headers, label answers) against
#       `gzip -1` of the same file: goal score time <= 4 x gzip's, peak RSS < 1 GiB;
#   (b) the id-header path: AnswerImport.Read against today's ResponsesCsv.Read on the same id-header CSV, in one process
#       (bench/SalesWheel.Benchmarks import-compare): goal no more than 10 % slower;
#   (c) `saleswheel score` of a 100,000-row .xlsx of the same shape: goal < 10 s and < 1 GiB.
# Usage: bench/imports.sh [ROWS] [XLSX_ROWS]   (defaults 1000000 and 100000; files go to bench/out/, which git ignores)
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
xlsx_rows=${2:-100000}
runs=3
out=bench/out
mkdir -p "$out"

if [ ! -x /usr/bin/time ]; then
  echo "Installing GNU time (for wall time and peak RSS)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

echo "== build (Release)"
dotnet build -c Release src/SalesWheel.Cli -nologo -v quiet >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
dotnet build -c Release bench/SalesWheel.Benchmarks -nologo -v quiet >>"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
cli=(dotnet src/SalesWheel.Cli/bin/Release/net10.0/saleswheel.dll)
bench=(dotnet bench/SalesWheel.Benchmarks/bin/Release/net10.0/SalesWheel.Benchmarks.dll)
calc() { awk "BEGIN { printf \"$2\", $1 }"; } # calc EXPRESSION FORMAT
wall_seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
rss_kib() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
verdict() { if [ "$1" = 1 ]; then echo met; else echo MISSED; fi; }

echo "== files: $rows label rows, $xlsx_rows workbook rows, $rows id-header rows"
"${bench[@]}" import-files "$out" "$rows" "$xlsx_rows"
"${cli[@]}" sample --respondents "$rows" --out "$out/million.csv"
labels=$out/labels.csv
bytes=$(stat -c %s "$labels")
cat "$labels" >/dev/null # both commands below read it from the page cache

# (a) labels CSV: score against gzip -1
score_times=(); score_rss=(); gzip_times=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$out/time-import-$i.txt" "${cli[@]}" score "$labels" --group-by role,team --format json --out "$out/labels.json" 2>"$out/import-$i.stderr"
  score_times+=("$(wall_seconds "$out/time-import-$i.txt")"); score_rss+=("$(rss_kib "$out/time-import-$i.txt")")
  echo "== score labels.csv run $i: ${score_times[-1]} s, max RSS $((score_rss[-1] / 1024)) MiB"
  /usr/bin/time -v -o "$out/time-import-gzip-$i.txt" sh -c "gzip -1 -c '$labels' > /dev/null"
  gzip_times+=("$(wall_seconds "$out/time-import-gzip-$i.txt")")
  echo "== gzip -1 labels.csv run $i: ${gzip_times[-1]} s"
done

# (b) id-header path, before (ResponsesCsv) and after (AnswerImport), in one process
"${bench[@]}" import-compare "$out/million.csv" | tee "$out/import-compare.txt"

# (c) the workbook
xlsx_times=(); xlsx_rss=()
for i in $(seq 1 "$runs"); do
  /usr/bin/time -v -o "$out/time-xlsx-$i.txt" "${cli[@]}" score "$out/labels.xlsx" --group-by role,team --format json --out "$out/xlsx.json" 2>"$out/xlsx-$i.stderr"
  xlsx_times+=("$(wall_seconds "$out/time-xlsx-$i.txt")"); xlsx_rss+=("$(rss_kib "$out/time-xlsx-$i.txt")")
  echo "== score labels.xlsx run $i: ${xlsx_times[-1]} s, max RSS $((xlsx_rss[-1] / 1024)) MiB"
done

score_median=$(median "${score_times[@]}"); gzip_median=$(median "${gzip_times[@]}")
rss_max=$(printf '%s\n' "${score_rss[@]}" | sort -n | tail -1)
xlsx_median=$(median "${xlsx_times[@]}"); xlsx_rss_max=$(printf '%s\n' "${xlsx_rss[@]}" | sort -n | tail -1)
ratio=$(calc "$score_median / $gzip_median" %.2f)
{
  echo
  echo "== results ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo "machine:      $(lscpu | awk -F': +' '/^Model name/ { print $2; exit }'), nproc $(nproc), RAM $(free -g | awk '/^Mem:/ { print $2 }') GiB"
  echo "dotnet:       $(dotnet --version) SDK"
  echo "labels.csv:   $rows rows, $bytes bytes ($(calc "$bytes / 1e6" %.1f) MB)"
  echo "score:        median $score_median s of $runs (${score_times[*]}); gzip -1 median $gzip_median s (${gzip_times[*]})"
  echo "ratio:        $ratio x (goal <= 4 x): $(verdict "$(calc "($score_median <= 4 * $gzip_median) ? 1 : 0" %d)")"
  echo "peak RSS:     max $((rss_max / 1024)) MiB (goal < 1024 MiB): $(verdict $(( rss_max < 1024 * 1024 ? 1 : 0 )))"
  echo "id headers:   $(tail -1 "$out/import-compare.txt")"
  echo "labels.xlsx:  $xlsx_rows rows, $(stat -c %s "$out/labels.xlsx") bytes; score median $xlsx_median s (${xlsx_times[*]}) (goal < 10 s): $(verdict "$(calc "($xlsx_median < 10) ? 1 : 0" %d)"); max RSS $((xlsx_rss_max / 1024)) MiB: $(verdict $(( xlsx_rss_max < 1024 * 1024 ? 1 : 0 )))"
} | tee "$out/imports-results.txt"
