#!/usr/bin/env bash
# Benchmark: an article page through Varnish (cache hits), straight to one node, and to three nodes
# behind nginx's round robin (what Varnish's misses cost), against nginx serving the same bytes as a
# static file, in the same run. Same protocol as article-page.sh: servers pinned to core 0, wrk to
# core 1, 64 connections, a warm-up, then the timed run. Three nodes on one PostgreSQL database.
#
#   bench/cluster.sh            (BENCH_SECONDS=10 BENCH_CONNECTIONS=64 BENCH_WARMUP=15)
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres); installs wrk, nginx, varnish, varnish-modules if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WORK=$(mktemp -d)
DB="dl_bench_cluster_$$"
. bench/lib.sh
need wrk wrk
need nginx nginx
[ -x /usr/sbin/varnishd ] || need varnishd varnish
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || need __xkey varnish-modules
NGINX=$(nginx_binary)
PIDS=()
finish() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
  rm -rf "$WORK"
}
trap finish EXIT
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $DB" >/dev/null

./dateline help >/dev/null   # builds target/dateline.jar and picks a JDK >= 21 for it
JAVA_HOME=$(./dateline --print-java-home)
VARNISH_PORT=18090
NGINX_PORT=18091
LB_PORT=18092
PORTS=(18081 18082 18083)
for i in 0 1 2; do
  mkdir -p "$WORK/node$i"
  DATELINE_PORT=${PORTS[$i]} DATELINE_HOST=127.0.0.1 DATELINE_DATA="$WORK/node$i" DATELINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
    DATELINE_DB_USER=postgres DATELINE_DEMO=true DATELINE_LOG_LEVEL=WARN DATELINE_PURGE_URL="http://127.0.0.1:$VARNISH_PORT/.dateline/purge" \
    taskset -c 0 "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -jar target/dateline.jar serve >"$WORK/node$i/app.log" 2>&1 &
  PIDS+=($!)
  ln -sf "$WORK/node$i/app.log" "$WORK/app.log"   # what wait_healthy shows if the node does not start
  wait_healthy "${PORTS[$i]}"   # one at a time: the first loads the demo content, the others join it
done

mkdir -p "$WORK/varnish"
cp deploy/varnish/dateline.vcl "$WORK/varnish/"
{
  for i in 0 1 2; do
    echo "backend node$i { .host = \"127.0.0.1\"; .port = \"${PORTS[$i]}\"; .probe = { .url = \"/healthz\"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; } }"
  done
  echo "sub vcl_init { new nodes = directors.round_robin(); nodes.add_backend(node0); nodes.add_backend(node1); nodes.add_backend(node2); }"
} >"$WORK/varnish/dateline-backends.vcl"
taskset -c 0 /usr/sbin/varnishd -F -j none -a 127.0.0.1:$VARNISH_PORT -f "$WORK/varnish/dateline.vcl" -p vcl_path="$WORK/varnish" \
  -n "$WORK/varnish/work" -s malloc,256m -T none >"$WORK/varnish/varnishd.log" 2>&1 &
PIDS+=($!)

ARTICLE=$(curl -s "http://127.0.0.1:${PORTS[0]}/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[0-9]\{2\}/[^"]*"' | head -n 1 | cut -d'"' -f2)
[ -n "$ARTICLE" ] || { echo "No article link on the front page" >&2; exit 1; }
mkdir -p "$WORK/www" "$WORK/nginx"
curl -s "http://127.0.0.1:${PORTS[0]}$ARTICLE" -o "$WORK/www/article.html"
nginx_static_conf "$NGINX_PORT" "upstream nodes { server 127.0.0.1:${PORTS[0]}; server 127.0.0.1:${PORTS[1]}; server 127.0.0.1:${PORTS[2]}; keepalive 64; }
  server { listen 127.0.0.1:$LB_PORT; location / { proxy_pass http://nodes; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"
taskset -c 0 "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$VARNISH_PORT$ARTICLE" && break; sleep 0.2; done

echo "Article: $ARTICLE ($(wc -c <"$WORK/www/article.html") bytes); wrk: 1 thread, $CONNECTIONS connections; servers on core 0, wrk on core 1"
read -r ngx_rps ngx_p99 < <(run_wrk "http://127.0.0.1:$NGINX_PORT/article.html")
read -r hit_rps hit_p99 < <(run_wrk "http://127.0.0.1:$VARNISH_PORT$ARTICLE")
hits=$(curl -s -D - -o /dev/null "http://127.0.0.1:$VARNISH_PORT$ARTICLE" | grep -i '^X-Cache' | tr -d '\r')
read -r one_rps one_p99 < <(run_wrk "http://127.0.0.1:${PORTS[0]}$ARTICLE")
read -r three_rps three_p99 < <(run_wrk "http://127.0.0.1:$LB_PORT$ARTICLE")
printf '%-44s %10s %9s %8s\n' "" "req/s" "p99 ms" "ratio"
printf '%-44s %10s %9s %8s\n' "nginx, static file (baseline)" "$ngx_rps" "$ngx_p99" "1.00"
printf '%-44s %10s %9s %8s\n' "Varnish, cache hits ($hits)" "$hit_rps" "$hit_p99" "$(ratio "$hit_rps" "$ngx_rps")"
printf '%-44s %10s %9s %8s\n' "one node, straight (its own page cache)" "$one_rps" "$one_p99" "$(ratio "$one_rps" "$ngx_rps")"
printf '%-44s %10s %9s %8s\n' "three nodes behind nginx round robin" "$three_rps" "$three_p99" "$(ratio "$three_rps" "$ngx_rps")"
echo "(every server shares core 0: three nodes show what spreading costs, not what more machines add)"
