#!/usr/bin/env bash
# Benchmark: view beacons accepted per second on one core, and whether any accepted view is lost.
# Each request is a new visitor (its own user agent), so every one should count. nginx answering
# 204 to the same requests is the baseline. Dateline runs pinned to core 0, wrk to core 1; on a clean
# shutdown the counts in memory are flushed, then the stored total is compared with wrk's count.
#
#   bench/beacon.sh            (BENCH_SECONDS=10 BENCH_CONNECTIONS=64 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
APP_PORT=${BENCH_APP_PORT:-18080}
NGINX_PORT=${BENCH_NGINX_PORT:-18081}
WORK=$(mktemp -d)
. bench/lib.sh
need wrk wrk
need nginx nginx
need python3 python3
NGINX=$(nginx_binary)
./dateline help >/dev/null

DATELINE_PORT=$APP_PORT DATELINE_DATA="$WORK/data" DATELINE_LOG_LEVEL=WARN DATELINE_TRUSTED_PROXIES=127.0.0.1 taskset -c 0 ./dateline serve >"$WORK/app.log" 2>&1 &
APP_PID=$!
wait_healthy "$APP_PORT"

# The ids of a few published stories, from their pages.
IDS=$(curl -s "http://127.0.0.1:$APP_PORT/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | cut -d'"' -f2 | sort -u | head -n 8 |
  while read -r path; do curl -s "http://127.0.0.1:$APP_PORT$path" | grep -o 'data-article-id="[^"]*"' | head -n 1 | cut -d'"' -f2; done | tr '\n' ' ')
cat >"$WORK/beacon.lua" <<LUA
local ids = {}
for id in string.gmatch("$IDS", "%S+") do ids[#ids + 1] = id end
local n = 0
math.randomseed(os.time() + os.clock() * 1000000)
local thread_id = math.random(1, 1000000000)
request = function()
  n = n + 1
  -- each beacon comes from its own reader behind our (trusted) proxy: one address counts at most 120 views a minute
  local forwarded = "10." .. (math.floor(n / 65536) % 256) .. "." .. (math.floor(n / 256) % 256) .. "." .. (n % 256)
  return wrk.format("POST", "/v/" .. ids[(n % #ids) + 1], {["User-Agent"] = "Mozilla/5.0 (bench " .. thread_id .. "-" .. n .. ")",
    ["X-Forwarded-For"] = forwarded})
end
LUA

cat >"$WORK/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 204; } } }
CONF
taskset -c 0 "$NGINX" -c "$WORK/nginx.conf" &
NGINX_PID=$!
sleep 1

run() { # URL -> prints "warm-up_requests requests req_per_s p99_ms"
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" -s "$WORK/beacon.lua" "$1" >"$WORK/warm.txt"
  local warm
  warm=$(awk '/requests in/ {print $1}' "$WORK/warm.txt")
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/beacon.lua" "$1" >"$WORK/wrk.txt"
  echo "$warm $(wrk_numbers "$WORK/wrk.txt")"
}

read -r _ ngx_total ngx_rps ngx_p99 < <(run "http://127.0.0.1:$NGINX_PORT")
read -r app_warm app_total app_rps app_p99 < <(run "http://127.0.0.1:$APP_PORT")
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""   # a clean shutdown flushes the counts

stored=$(python3 -c "import sqlite3; print(sqlite3.connect('$WORK/data/dateline.db').execute('SELECT COALESCE(SUM(views),0) FROM view_buckets').fetchone()[0])")
accepted=$((app_warm + app_total))
printf '%-30s %12s %10s\n' "" "req/s" "p99 ms"
printf '%-30s %12s %10s\n' "nginx, return 204" "$ngx_rps" "$ngx_p99"
printf '%-30s %12s %10s\n' "Dateline, POST /v/{id}" "$app_rps" "$app_p99"
echo
echo "ratio Dateline/nginx: $(ratio "$app_rps" "$ngx_rps")"
echo "beacons answered 204 (warm-up and measured run): $accepted; views stored after shutdown: $stored"
echo "lost: $(( accepted > stored ? accepted - stored : 0 ))   goal: >= 20000 beacons/s on one core, none lost"
