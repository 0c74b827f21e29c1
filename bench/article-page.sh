#!/usr/bin/env bash
# Benchmark: a cached article page from Dateline vs nginx serving the same bytes as a static file,
# plus Dateline's uncached (render-from-database) rate. Servers run pinned to core 0, wrk to core 1,
# with the same connections and duration. Prints req/s, p99 latency and the ratios.
#
#   bench/article-page.sh            (BENCH_SECONDS=10 BENCH_CONNECTIONS=64 by default)
#
# Everything listens on 127.0.0.1 only and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP:-20}   # the JIT compiles on the server's one core: give it time
CONNECTIONS=${BENCH_CONNECTIONS:-64}
APP_PORT=${BENCH_APP_PORT:-18080}
NGINX_PORT=${BENCH_NGINX_PORT:-18081}
WORK=$(mktemp -d)
. bench/lib.sh
need wrk wrk
need nginx nginx
NGINX=$(nginx_binary)

./dateline help >/dev/null   # builds target/dateline.jar if the sources changed

start_app() { # $1 = page cache MB, $2 = read store entries, $3 = demo
  DATELINE_PORT=$APP_PORT DATELINE_DATA="$WORK/data" DATELINE_PAGE_CACHE_MB=$1 DATELINE_READ_STORE_ENTRIES=$2 DATELINE_DEMO=$3 DATELINE_LOG_LEVEL=WARN \
    taskset -c 0 ./dateline serve >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  wait_healthy "$APP_PORT"
}

stop_app() {
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}

start_app 64 10000 true
ARTICLE=$(curl -s "http://127.0.0.1:$APP_PORT/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | head -n 1 | cut -d'"' -f2)
[ -n "$ARTICLE" ] || { echo "No article link on the front page" >&2; exit 1; }
APP_URL="http://127.0.0.1:$APP_PORT$ARTICLE"

# nginx serves the very bytes Dateline serves, identity and pre-gzipped.
mkdir -p "$WORK/www" "$WORK/nginx"
curl -s "$APP_URL" -o "$WORK/www/article.html"
curl -s -H 'Accept-Encoding: gzip' "$APP_URL" -o "$WORK/www/article.html.gz"
nginx_static_conf "$NGINX_PORT"
taskset -c 0 "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
sleep 1
NGINX_URL="http://127.0.0.1:$NGINX_PORT/article.html"

echo "Article: $ARTICLE ($(wc -c <"$WORK/www/article.html") bytes, $(wc -c <"$WORK/www/article.html.gz") gzipped)"
echo "wrk: 1 thread, $CONNECTIONS connections, ${WARMUP_SECONDS}s warm-up + ${SECONDS_PER_RUN}s per run; servers on core 0, wrk on core 1"
echo

read -r app_rps app_p99 < <(run_wrk "$APP_URL")
read -r ngx_rps ngx_p99 < <(run_wrk "$NGINX_URL")
read -r appz_rps appz_p99 < <(run_wrk "$APP_URL" "Accept-Encoding: gzip")
read -r ngxz_rps ngxz_p99 < <(run_wrk "$NGINX_URL" "Accept-Encoding: gzip")
stop_app

start_app 0 10000 false
read -r miss_rps miss_p99 < <(run_wrk "$APP_URL")
stop_app

start_app 0 0 false
read -r raw_rps raw_p99 < <(run_wrk "$APP_URL")
stop_app

printf '%-34s %12s %10s\n' "" "req/s" "p99 ms"
printf '%-34s %12s %10s\n' "nginx, static file" "$ngx_rps" "$ngx_p99"
printf '%-34s %12s %10s\n' "Dateline, cached page" "$app_rps" "$app_p99"
printf '%-34s %12s %10s\n' "nginx, gzip_static" "$ngxz_rps" "$ngxz_p99"
printf '%-34s %12s %10s\n' "Dateline, cached page, gzip" "$appz_rps" "$appz_p99"
printf '%-34s %12s %10s\n' "Dateline, page cache off" "$miss_rps" "$miss_p99"
printf '%-34s %12s %10s\n' "Dateline, page cache + store off" "$raw_rps" "$raw_p99"
echo
echo "ratio cached/nginx (identity): $(ratio "$app_rps" "$ngx_rps")   goal >= 0.50"
echo "ratio cached/nginx (gzip):     $(ratio "$appz_rps" "$ngxz_rps")   goal >= 0.50"
echo "uncached pages/s on one core:  $miss_rps rendered from the read store, $raw_rps read from the database each time   goal >= 5000"
