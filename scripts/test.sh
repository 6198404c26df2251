#!/usr/bin/env bash
# The whole test suite: unit tests, then end-to-end tests against a real Redis and a real
# database: SQLite always, PostgreSQL too when one answers (CI requires it: REQUIRE_POSTGRES=1).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
mkdir -p var/test-results
rm -f var/test-results/*.json

if [ -z "${REDIS_URL:-}" ]; then
  if redis_answers 127.0.0.1 6379; then
    export REDIS_URL=redis://127.0.0.1:6379
  else
    port=${ONEVISIT_TEST_REDIS_PORT:-6391}
    redis_answers 127.0.0.1 "$port" || start_private_redis var/test-redis "$port"
    export REDIS_URL="redis://127.0.0.1:$port"
  fi
fi

pg_url=${TEST_POSTGRES_URL:-}
if [ -z "$pg_url" ] && port_open 127.0.0.1 5432; then
  pg_url=postgres://postgres@127.0.0.1:5432/test
fi
if [ -z "$pg_url" ] && [ "${REQUIRE_POSTGRES:-0}" = 1 ]; then
  echo "REQUIRE_POSTGRES=1 but no PostgreSQL answers (set TEST_POSTGRES_URL)" >&2
  exit 1
fi

jest() {
  local name=$1
  shift
  node --experimental-vm-modules --no-warnings node_modules/jest/bin/jest.js \
    --json --outputFile="var/test-results/$name.json" "$@"
}

status=0
jest unit --selectProjects unit || status=1
echo "== end-to-end on SQLite, Redis at $REDIS_URL"
env -u DATABASE_URL bash -c "$(declare -f jest); jest e2e-sqlite --selectProjects e2e --runInBand" || status=1
if [ -n "$pg_url" ]; then
  echo "== end-to-end on PostgreSQL ($pg_url)"
  DATABASE_URL=$pg_url bash -c "$(declare -f jest); jest e2e-postgres --selectProjects e2e --runInBand" || status=1
else
  echo "== PostgreSQL: none answers on 127.0.0.1:5432 and TEST_POSTGRES_URL is unset: skipped"
fi

node scripts/test-summary.mjs var/test-results
exit $status
