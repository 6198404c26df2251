# Shared helpers for start.sh, test.sh and .ci/run. Sourced, not executed.

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# redis_answers HOST PORT: true when a Redis server answers PING there.
redis_answers() {
  local reply
  reply=$( (exec 3<>"/dev/tcp/$1/$2" && printf 'PING\r\n' >&3 && timeout 2 head -c 7 <&3) 2>/dev/null || true)
  [[ "$reply" == "+PONG"* ]]
}

# start_private_redis DIR PORT: a Redis of our own, AOF on, no eviction (BullMQ needs that).
start_private_redis() {
  local dir=$1 port=$2
  if ! command -v redis-server >/dev/null 2>&1; then
    cat >&2 <<MSG
OneVisit needs Redis for its queues and timers, and redis-server is not installed.
  On Debian or Ubuntu:  sudo apt-get install -y redis-server
  Or point OneVisit at a Redis you already run:  REDIS_URL=redis://host:6379 npm start
MSG
    return 1
  fi
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes \
    --dir "$(cd "$dir" && pwd)" --appendonly yes --save '' \
    --maxmemory-policy noeviction \
    --pidfile "$(cd "$dir" && pwd)/redis.pid" --logfile "$(cd "$dir" && pwd)/redis.log"
  for _ in $(seq 1 50); do
    redis_answers 127.0.0.1 "$port" && return 0
    sleep 0.1
  done
  echo "Redis did not answer on port $port; see $dir/redis.log" >&2
  return 1
}

# ensure_node_modules: install exactly what the lockfile says, once.
ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

# with_service_node_options: NODE_OPTIONS for the API and worker processes. A larger young
# generation (V8's semi-space, 16 MB by default) means fewer scavenges for a service that
# allocates per request and per event; see test/performance-history.md. The Dockerfile sets the
# same. Options already in NODE_OPTIONS come after, so the caller's win.
with_service_node_options() {
  export NODE_OPTIONS="--max-semi-space-size=64${NODE_OPTIONS:+ $NODE_OPTIONS}"
}
