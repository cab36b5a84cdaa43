# Sourced by bench/load.sh and bench/soak.sh: a throw-away PostgreSQL (tests/postgres.sh), web app nodes and an nginx
# in front of two of them, every one on a free loopback port, each a child process of the script, stopped by
# stop_all (the scripts call it on exit). Expects to run from the repository root.

pids=()
postgres_started=

# SEPARATE_DATABASE_CPU=1: PostgreSQL on the last CPU, everything else (nodes, nginx, the load tool) on the others, as
# when the database has a machine of its own: each node then has the same CPUs whichever database it uses. Unset: all
# of them share every CPU.
app_cpus=""
database_cpus=""
if [ "${SEPARATE_DATABASE_CPU:-0}" = 1 ]; then
  last=$(( $(nproc) - 1 ))
  app_cpus="taskset -c 0-$(( last - 1 ))"
  database_cpus="taskset -c $last"
fi
bench_tmp=$(mktemp -d /tmp/saleswheel-bench.XXXXXX)
chmod 755 "$bench_tmp"   # nginx's workers run as nobody and need to reach their temp folders below it

# The built Release web app and load tool, copied into the temp folder and run from there, so a build during a long
# run (another engineer's, or the next change) cannot replace files under a running process.
copy_built() {
  cp -r src/SalesWheel.Web/bin/Release/net10.0 "$bench_tmp/web"
  cp -r bench/SalesWheel.Load/bin/Release/net10.0 "$bench_tmp/load"
  load=($app_cpus dotnet "$bench_tmp/load/SalesWheel.Load.dll")
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

stop_all() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  pids=()
  [ -n "$postgres_started" ] && tests/postgres.sh stop
  postgres_started=
  rm -rf "$bench_tmp"
}

# PostgreSQL from Debian's packages, with its own durability defaults (fsync and synchronous_commit on); prints nothing,
# sets $postgres (the server's connection string, database "postgres").
start_postgres() {
  if [ -z "$postgres_started" ]; then
    postgres=$($database_cpus tests/postgres.sh start --durable)
    postgres_started=1
  fi
}

# new_database NAME: an empty database on that server; prints its connection string.
new_database() {
  local bin port
  bin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
  port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$postgres")
  "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null
  # SALESWHEEL_BENCH_PG_OPTIONS: more connection-string options, to compare a setting side by side (e.g. Max Auto Prepare=0).
  echo "${postgres/Database=postgres/Database=$1}${SALESWHEEL_BENCH_PG_OPTIONS:+;$SALESWHEEL_BENCH_PG_OPTIONS}"
}

# start_node NAME PORT DATA_FOLDER PUBLIC_URL PROVIDER CONNECTION: the built Release web app, as run.sh starts it, with
# the request log at Warning (at thousands of requests a second the console is the bottleneck) and the rate limits
# raised (every virtual respondent comes from one address). Sets $node_pid; waits for /healthz.
start_node() {
  local name=$1 port=$2 folder=$3 public=$4 provider=$5 connection=$6
  mkdir -p "$folder"
  (cd src/SalesWheel.Web && exec $app_cpus env ASPNETCORE_ENVIRONMENT=Production \
    "Logging__LogLevel__SalesWheel.Web.Infrastructure.RequestLogging=Warning" \
    SalesWheel__RateLimits__SurveyPerMinute=100000000 SalesWheel__RateLimits__SignInPerMinute=1000 \
    SalesWheel__KnownProxies=127.0.0.1 \
    Database__Provider="$provider" ConnectionStrings__SalesWheel="$connection" \
    dotnet "$bench_tmp/web/SalesWheel.Web.dll" --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)" \
    --SalesWheel:DataFolder "$folder" --SalesWheel:PublicBaseUrl "$public") >"$folder/$name.log" 2>&1 &
  node_pid=$!
  pids+=("$node_pid")
  for _ in $(seq 1 480); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$node_pid" 2>/dev/null || break
    sleep 0.5
  done
  tail -20 "$folder/$name.log" >&2
  echo "node $name did not start" >&2
  return 1
}

# start_nginx PORT UPSTREAM_PORT...: Debian's nginx in its own prefix folder, round robin over the nodes with the
# proxy settings of docs/deploy.md (plain HTTP on loopback: no TLS here), plus /nginx-static/ served by nginx itself
# from the app's wwwroot (nginx's own static-file ceiling). Sets $nginx_pid.
start_nginx() {
  local port=$1 prefix="$bench_tmp/nginx" upstream
  shift
  mkdir -p "$prefix/logs"
  upstream=$(printf '        server 127.0.0.1:%s;\n' "$@")
  cat >"$prefix/nginx.conf" <<EOF
worker_processes auto;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $prefix/client_body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
    include /etc/nginx/mime.types;
    upstream saleswheel {
$upstream
        keepalive 32;
    }
    server {
        listen 127.0.0.1:$port;
        client_max_body_size 20m;
        location /nginx-static/ {
            alias $(pwd)/src/SalesWheel.Web/wwwroot/;
        }
        location / {
            proxy_pass http://saleswheel;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_next_upstream error timeout http_502 http_503;
        }
    }
}
EOF
  $app_cpus /usr/sbin/nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' >"$prefix/logs/stdout.log" 2>&1 &
  nginx_pid=$!
  pids+=("$nginx_pid")
  for _ in $(seq 1 40); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  cat "$prefix/logs/error.log" "$prefix/logs/stdout.log" >&2
  echo "nginx did not start" >&2
  return 1
}

# The key that seals submissions, the same on every node (docs/deploy.md, "What every node must share"), and for the
# load tool, which seeds responses sealed with it.
submission_key=$(head -c 32 /dev/urandom | base64)
export SalesWheel__SubmissionKey="$submission_key"

require_nginx() {
  [ -x /usr/sbin/nginx ] || { echo "nginx is not installed (apt-get install nginx)" >&2; exit 1; }
}
