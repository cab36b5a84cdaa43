#!/usr/bin/env bash
# Load test of the web app (issue 3, goal 13; issue 13, goal 6): virtual respondents each take a whole survey (every
# page, antiforgery included) against the app on this machine; then the static-file ceiling of the same server (the
# yardstick), and the results page of an assessment with 100,000 responses.
#   goals: >= 100 completed surveys/s with 32 at a time, p99 page latency < 100 ms, no errors, nothing lost
#          (responses stored == surveys completed); results page median < 200 ms; one PostgreSQL node >= 0.9 x the
#          SQLite node's surveys/s in the same run; two nodes behind nginx: no errors, nothing lost
# Usage:
#   bench/load.sh [CONCURRENCY] [SECONDS] [WARM_UP_SECONDS]                  SQLite, one node (default 32, 30, 60)
#   bench/load.sh sqlite|postgres [NODES] [CONCURRENCY] [SECONDS] [WARM_UP]  one provider; NODES 2 (PostgreSQL only)
#                                                                            puts Debian's nginx in front, round robin
#   bench/load.sh all [CONCURRENCY] [SECONDS] [WARM_UP]                      SQLite 1 node, PostgreSQL 1 node, PostgreSQL
#                                                                            2 nodes, one after the other; a table side by side
#   bench/load.sh pairs [N] [CONCURRENCY] [SECONDS] [WARM_UP]                SQLite 1 node then PostgreSQL 1 node, N times
#                                                                            (default 3): the ratio pair by pair and its median
# PostgreSQL is tests/postgres.sh's throw-away server with PostgreSQL's own durability defaults (started and removed
# here); every server listens on a free 127.0.0.1 port. RESPONSES=N changes the results page's 100,000 responses;
# BUILD=0 skips the Release build. SEPARATE_DATABASE_CPU=1 gives PostgreSQL a CPU of its own and everything else the
# others (bench/servers.sh): a node of either provider then has the same CPUs, as when the database has its own machine.
# The measured run follows a warm-up of the same load (not measured): a server's steady state, with its hot code
# compiled by the JIT's tiered, profile-guided compiler. That takes about a minute here: after 15 s of load the JIT was
# still promoting thousands of methods (3,135 reached tier 1 in the next 10 s), and a slower server reaches its steady
# state later, so a short warm-up measured the slower configuration on more of its unoptimized code.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=()
case "${1:-}" in
  all) runs=("sqlite 1" "postgres 1" "postgres 2"); shift ;;
  pairs)
    shift
    for _ in $(seq 1 "${1:-3}"); do runs+=("sqlite 1" "postgres 1"); done
    [ $# -gt 0 ] && shift
    ;;
  sqlite | postgres) runs=("$1 ${2:-1}"); shift; [ $# -gt 0 ] && shift ;;
  '' | [0-9]*) runs=("sqlite 1") ;;
  *) echo "usage: $0 [all|sqlite|postgres [NODES]] [CONCURRENCY] [SECONDS] [WARM_UP_SECONDS]" >&2; exit 2 ;;
esac
concurrency=${1:-32}
seconds=${2:-30}
warmup=${3:-60}
responses=${RESPONSES:-100000}
surveys=$(( concurrency * (seconds + warmup) * 12 ))   # more links than can be used: the run stops on time, not on links

source bench/servers.sh
trap stop_all EXIT

if [ "${BUILD:-1}" != 0 ]; then   # BUILD=0: use what is built
  echo "== build (Release)"
  dotnet build -c Release src/SalesWheel.Web -nologo -v quiet >/dev/null
  dotnet build -c Release bench/SalesWheel.Load -nologo -v quiet >/dev/null
fi
copy_built

status=0
summary=()
rates=()
for run in "${runs[@]}"; do
  read -r provider nodes <<<"$run"
  if [ "$provider" = sqlite ] && [ "$nodes" -ne 1 ]; then
    echo "SQLite has one writer: one node only (docs/deploy.md)" >&2
    exit 2
  fi
  data="$bench_tmp/$provider-$nodes"
  mkdir -p "$data"
  database=()
  connection=""
  if [ "$provider" = postgres ]; then
    start_postgres
    connection=$(new_database "load_${nodes}_nodes_${#summary[@]}")
    database=(--provider postgres --connection "$connection")
  fi
  label="$provider, $nodes node"
  [ "$nodes" -gt 1 ] && label+=s
  echo
  echo "=== $label"
  echo "== seed: $surveys invitations, $responses responses"
  "${load[@]}" seed "$data" "$surveys" "$responses" "${database[@]}"

  node_pids=()
  node_urls=()
  for n in $(seq 1 "$nodes"); do
    port=$(free_port)
    node_urls+=("http://127.0.0.1:$port")
  done
  if [ "$nodes" -gt 1 ]; then
    require_nginx
    proxy_port=$(free_port)
    url="http://127.0.0.1:$proxy_port"
  else
    url=${node_urls[0]}
  fi
  for n in $(seq 1 "$nodes"); do
    # Each node its own data folder: nothing a request needs may live on one node's disk. SQLite's file is in the
    # folder the seed wrote.
    folder="$data/node$n"
    [ "$provider" = sqlite ] && folder="$data"
    echo "== start node $n on ${node_urls[$((n - 1))]}"
    start_node "node$n" "${node_urls[$((n - 1))]##*:}" "$folder" "$url" "$provider" "$connection"
    node_pids+=("$node_pid")
  done
  if [ "$nodes" -gt 1 ]; then
    echo "== start nginx on $url (round robin over ${node_urls[*]})"
    start_nginx "$proxy_port" "${node_urls[@]##*:}"
  fi

  echo "== run: $concurrency virtual respondents for $seconds s, after $warmup s of warm-up"
  set +e
  "${load[@]}" run "$url" "$concurrency" "$seconds" "$data" "$warmup" | tee "$data/run.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  set -e
  if [ "$nodes" -gt 1 ]; then
    "${load[@]}" ceiling "$url/nginx-static/css/site.css" "$concurrency" 10 | sed 's/^static file ceiling:/static file ceiling, nginx itself:/' | tee -a "$data/run.txt"
    "${load[@]}" ceiling "${node_urls[0]}/css/site.css" "$concurrency" 10 | sed 's/^static file ceiling:/static file ceiling, node 1 direct:/' | tee -a "$data/run.txt"
  fi
  # Stop the nodes (SIGTERM: they finish what they have) before counting: nothing acknowledged may be lost on the way.
  for pid in "${node_pids[@]}"; do kill "$pid"; done
  for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done

  completed=$(grep -o 'completed=[0-9]*' "$data/run.txt" | cut -d= -f2)
  warm=$(grep -o 'warmup=[0-9]*' "$data/run.txt" | cut -d= -f2)
  errors=$(grep -o ' errors=[0-9]*' "$data/run.txt" | cut -d= -f2)
  stored=$("${load[@]}" count "$data" "${database[@]}")
  # The warm-up surveys are stored too, so stored = completed + warm-up when nothing is lost.
  echo "responses stored:    $stored (surveys completed $completed + $warm in the warm-up)"
  if [ "$stored" -eq $(( completed + warm )) ]; then lost=no; echo "nothing lost:        yes"; else lost=YES; echo "nothing lost:        NO"; status=1; fi
  [ "$nodes" -gt 1 ] && kill "$nginx_pid" && wait "$nginx_pid" 2>/dev/null || true

  rate=$(sed -n 's/^surveys completed: .* = \([0-9.]*\) surveys\/s.*/\1/p' "$data/run.txt")
  latency=$(sed -n 's/^page latency: *p50 \([0-9.]* ms\), p95 [0-9.]* ms, p99 \([0-9.]* ms\).*/\1 \/ \2/p' "$data/run.txt")
  ceiling=$(sed -n 's/^static file ceiling: \([0-9]*\) .*/\1/p' "$data/run.txt")
  results=$(sed -n 's/^results page.*then p50 \([0-9.]* ms\).*/\1/p' "$data/run.txt")
  summary+=("$(printf '| %-18s | %8s | %-17s | %6s | %-21s | %9s | %8s |' "$label" "$rate" "$latency" "$errors" "$stored = $completed + $warm" "$ceiling" "$results")")
  rates+=("$rate")
  rm -rf "$data"
done

echo
echo "== summary ($concurrency at a time, $seconds s after $warmup s of warm-up; results page: $responses responses)"
echo "| run                | surveys/s | p50 / p99         | errors | stored = done + warm-up | ceiling/s | results p50 |"
printf '%s\n' "${summary[@]}"
if [ "${#runs[@]}" -eq 3 ] && [ "${runs[2]}" = "postgres 2" ]; then
  echo "PostgreSQL 1 node / SQLite 1 node: $(python3 -c "print(f'{${rates[1]} / ${rates[0]}:.2f}')") x (goal >= 0.9)"
elif [ "${runs[0]}" = "sqlite 1" ] && [ "${runs[1]:-}" = "postgres 1" ]; then
  python3 -c "
import statistics
r = [float(x) for x in '${rates[*]}'.split()]
ratios = [r[i + 1] / r[i] for i in range(0, len(r) - 1, 2)]
print('PostgreSQL 1 node / SQLite 1 node, pair by pair: ' + ', '.join(f'{x:.2f}' for x in ratios) + f' x; median {statistics.median(ratios):.2f} x (goal >= 0.9)')"
fi
[ -n "$database_cpus" ] && echo "layout:              PostgreSQL on CPU ${database_cpus#taskset -c }, nodes, nginx and the load tool on CPUs ${app_cpus#taskset -c } (SEPARATE_DATABASE_CPU=1)"
echo "machine:             $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
