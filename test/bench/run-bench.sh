#!/usr/bin/env bash
# `npm run bench`: compiles the benchmark (with the apps it drives) into dist/bench, then
# runs it against DATABASE_URL / REDIS_URL (PostgreSQL when set) and the embedded SQLite.
set -euo pipefail
cd "$(dirname "$0")/../.."
# Emit even when files outside the benchmark's import graph have type errors (tsc still emits);
# `npm run typecheck` is the place that fails on those.
mkdir -p var
node_modules/.bin/tsc -p test/bench/tsconfig.json >var/bench-tsc.log 2>&1 || \
  echo "bench: tsc reported problems (see var/bench-tsc.log); running what was emitted"
node_modules/.bin/tsc-alias -p test/bench/tsconfig.json
# The bench plays the API role in its own process and starts real workers: both run with
# the services' Node.js options, as `npm start` and the image run them.
source scripts/lib.sh
with_service_node_options
exec node dist/bench/test/bench/bench.js "$@"
