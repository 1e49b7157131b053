#!/usr/bin/env bash
# `npm test`: the whole suite from a fresh clone — installs what is missing, starts
# the local stack if it is not running (and stops it again at the end), type-checks,
# runs unit, integration and chaos tests (Vitest), builds the app and runs the
# browser tests (Playwright, Debian Chromium). Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-system.sh --browser
bash scripts/ensure-node.sh
tsx=node_modules/.bin/tsx
results=.test-results
rm -rf "$results" && mkdir -p "$results"

started_stack=0
if [[ -z "${DATABASE_URL:-}" ]]; then
  if ! "$tsx" scripts/stack.ts status --check >/dev/null 2>&1; then
    started_stack=1
  fi
  "$tsx" scripts/stack.ts up
fi
cleanup() {
  if (( started_stack )); then "$tsx" scripts/stack.ts down || true; fi
}
trap cleanup EXIT

status=0
step() {
  echo ""
  echo "── $1"
  shift
  "$@" || status=1
}

step "typecheck" node_modules/.bin/tsc --noEmit -p .
step "unit + integration tests" node_modules/.bin/vitest run --project unit --project int \
  --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
step "chaos tests (one at a time: they kill and restart stack nodes)" node_modules/.bin/vitest run --project chaos \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-chaos.json"
step "build" node_modules/.bin/next build
step "browser tests" bash -c '"$0" tests/e2e/prepare-db.ts && node_modules/.bin/playwright test' "$tsx"

echo ""
"$tsx" scripts/test-summary.ts "$results" || status=1
exit $status
