# Shared by the benchmark scripts: installs tools, cleans up, runs wrk and reads its numbers.
# Source it after setting WORK (a temporary folder); set APP_PID / NGINX_PID as processes start.
APP_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "Installing $2 from Debian …" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

nginx_binary() {
  if [ -x /usr/sbin/nginx ]; then echo /usr/sbin/nginx; else command -v nginx; fi
}

wait_healthy() { # port
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "Dateline did not start; log:" >&2; cat "$WORK/app.log" >&2; exit 1
}

# wrk_numbers FILE -> "requests req_per_s p99_ms" from a wrk --latency report; fails on non-2xx answers.
wrk_numbers() {
  if grep -q "Non-2xx" "$1"; then echo "wrk saw errors:" >&2; cat "$1" >&2; exit 1; fi
  local total rps p99
  total=$(awk '/requests in/ {print $1}' "$1")
  rps=$(awk '/Requests\/sec/ {print $2}' "$1")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$1")
  echo "$total $rps $p99"
}

# run_wrk URL [header] -> "req_per_s p99_ms": a warm-up (JIT, caches), then the timed run; wrk on core 1.
# Reads CONNECTIONS, WARMUP_SECONDS and SECONDS_PER_RUN from the script.
run_wrk() {
  local args=(-t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency)
  [ -n "${2:-}" ] && args+=(-H "$2")
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" ${2:+-H "$2"} "$1" >/dev/null
  taskset -c 1 wrk "${args[@]}" "$1" >"$WORK/wrk.txt"
  wrk_numbers "$WORK/wrk.txt" | cut -d' ' -f2-
}

# nginx_static_conf PORT [MORE] -> writes $WORK/nginx/nginx.conf: one worker serving $WORK/www on 127.0.0.1:PORT
# (pre-gzipped files too), plus MORE inside the http block (another server, an upstream).
nginx_static_conf() {
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$1;
    root $WORK/www;
    gzip_static on;
  }
  ${2:-}
}
CONF
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
