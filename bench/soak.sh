#!/usr/bin/env bash
# Soak (issue 13, goal 5): one node at a steady load below saturation for a long time, its working set sampled.
#   goals: after a warm-up (the first 2 minutes) every working-set sample within ±10 % of the post-warm-up mean;
#          no errors; nothing lost (responses stored == surveys completed)
# Usage: bench/soak.sh sqlite|postgres [MINUTES] [SURVEYS_PER_SECOND]   (default 10 minutes, 10 surveys/s: about
#        240 requests/s, a fraction of what one node takes on 2 cores, see bench/README.md)
# A new survey starts every 1/RATE s whatever the server's pace (open loop); the server's VmRSS (/proc/PID/status) is
# read every 10 s. PostgreSQL is tests/postgres.sh's throw-away server with its own durability defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:?usage: bench/soak.sh sqlite|postgres [MINUTES] [SURVEYS_PER_SECOND]}
minutes=${2:-10}
rate=${3:-10}
seconds=$(( minutes * 60 ))
surveys=$(python3 -c "print(int($rate * $seconds * 1.1) + 100)")

source bench/servers.sh
trap stop_all EXIT

if [ "${BUILD:-1}" != 0 ]; then   # BUILD=0: use what is built
  echo "== build (Release)"
  dotnet build -c Release src/SalesWheel.Web -nologo -v quiet >/dev/null
  dotnet build -c Release bench/SalesWheel.Load -nologo -v quiet >/dev/null
fi
copy_built

data="$bench_tmp/soak"
mkdir -p "$data"
database=()
connection=""
case "$provider" in
  sqlite) ;;
  postgres)
    start_postgres
    connection=$(new_database soak)
    database=(--provider postgres --connection "$connection") ;;
  *) echo "provider: sqlite or postgres" >&2; exit 2 ;;
esac

echo "== seed: $surveys invitations"
"${load[@]}" seed "$data" "$surveys" 0 "${database[@]}"
port=$(free_port)
url="http://127.0.0.1:$port"
start_node node "$port" "$data" "$url" "$provider" "$connection"
server=$node_pid

echo "== soak: $rate surveys/s for $minutes min on $provider; working set every 10 s"
"${load[@]}" soak "$url" "$rate" "$seconds" "$data" >"$data/run.txt" &
loader=$!
samples="$data/rss.txt"
: >"$samples"
started=$(date +%s)
while kill -0 "$loader" 2>/dev/null; do
  sleep 10
  kill -0 "$loader" 2>/dev/null || break
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
  elapsed=$(( $(date +%s) - started ))
  echo "$elapsed $rss" >>"$samples"
  awk -v t="$elapsed" -v kib="$rss" 'BEGIN { printf "  %4d s  VmRSS %6.1f MiB\n", t, kib / 1024 }'
done
set +e
wait "$loader"
status=$?
set -e
cat "$data/run.txt"

kill "$server"
wait "$server" 2>/dev/null || true
completed=$(grep -o 'completed=[0-9]*' "$data/run.txt" | cut -d= -f2)
stored=$("${load[@]}" count "$data" "${database[@]}")
echo "responses stored:    $stored (surveys completed $completed)"
[ "$stored" -eq "$completed" ] && echo "nothing lost:        yes" || { echo "nothing lost:        NO"; status=1; }

python3 - "$samples" <<'EOF' || status=1
import sys
rows = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if line.strip()]
after = [rss for t, rss in rows if t > 120]
if not after:
    print("working set:         no samples after the 2-minute warm-up"); sys.exit(1)
mean = sum(after) / len(after)
low, high = min(after), max(after)
spread = max(mean - low, high - mean) / mean * 100
mib = lambda kib: kib / 1024
print(f"working set after the warm-up ({len(after)} samples): min {mib(low):.1f} MiB, max {mib(high):.1f} MiB, mean {mib(mean):.1f} MiB; "
      f"furthest sample {spread:.1f} % from the mean (goal within 10 %): {'met' if spread <= 10 else 'MISSED'}")
sys.exit(0 if spread <= 10 else 1)
EOF
echo "machine:             $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
