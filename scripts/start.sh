#!/usr/bin/env bash
# `npm start`: everything from a fresh clone to a running product with demo data —
# system packages, npm dependencies, the local stack (unless DATABASE_URL,
# DATABASE_REPLICA_URLS and REDIS_URL are set), migrations, seed, production build,
# then the server in the foreground (Ctrl-C stops it; `npm run stack -- down` stops
# the databases).
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
echo ""
export NODE_ENV=production
exec node --import tsx --import ./server/observability/tracing.ts server/main.ts
