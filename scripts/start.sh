#!/usr/bin/env bash
# `npm start`: everything from a fresh clone to a running product with demo data —
# system packages, npm dependencies, the local stack (unless DATABASE_URL,
# DATABASE_REPLICA_URLS and REDIS_URL are set), migrations, seed, production build,
# then the server and the background-job worker in the foreground (Ctrl-C stops both;
# `npm run stack -- down` stops the databases).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-system.sh
bash scripts/ensure-node.sh
tsx=node_modules/.bin/tsx

if [[ -z "${DATABASE_URL:-}" ]]; then
  "$tsx" scripts/stack.ts up
fi
"$tsx" scripts/db.ts migrate
"$tsx" scripts/db.ts seed

echo "Building the app (next build)…" >&2
node_modules/.bin/next build >/dev/null

url="http://${HOST:-127.0.0.1}:${PORT:-3000}"
echo ""
echo "AFIRGen Ops is starting at ${url}"
echo "  health: ${url}/api/health   metrics: ${url}/api/metrics"
echo "  worker metrics: http://${HOST:-127.0.0.1}:${WORKER_METRICS_PORT:-9464}/metrics"
echo ""
export NODE_ENV=production
# The worker runs beside the app, in its own process (server/jobs/worker-main.ts).
SERVICE_NAME=afirgen-worker node --import tsx --import ./server/observability/tracing.ts server/jobs/worker-main.ts &
worker_pid=$!
node --import tsx --import ./server/observability/tracing.ts server/main.ts &
app_pid=$!
stop() {
  kill -TERM "$app_pid" "$worker_pid" 2>/dev/null || true
  wait "$app_pid" "$worker_pid" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
# When either stops, stop the other: an app without its worker queues jobs nobody runs.
set +e
wait -n "$app_pid" "$worker_pid"
code=$?
stop
exit "$code"
