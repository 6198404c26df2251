#!/usr/bin/env bash
# The embedded default: SQLite under var/, a local Redis, API and worker in one process.
# Sets everything up on first run (install, build, migrate, publish workflows/), then serves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
npm run -s build
mkdir -p var

if [ -z "${REDIS_URL:-}" ]; then
  port=${ONEVISIT_REDIS_PORT:-6390}
  if ! redis_answers 127.0.0.1 "$port"; then
    echo "Starting a local Redis on 127.0.0.1:$port (data in var/redis)"
    start_private_redis var/redis "$port"
  fi
  export REDIS_URL="redis://127.0.0.1:$port"
fi

node dist/apps/api/src/cli/workflows-publish.js
with_service_node_options
exec node dist/apps/api/src/embedded.js
