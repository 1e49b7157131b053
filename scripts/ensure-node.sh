#!/usr/bin/env bash
# Installs node_modules at the lockfile's versions when they are missing or older than it,
# then generates the Prisma Client (git-ignored, made from prisma/schema.prisma).
set -euo pipefail

node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then
  echo "Node $(node -v) is too old: this project needs Node 20.19 or newer." >&2
  exit 1
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "Installing npm dependencies…" >&2
  # `npm install`, not `npm ci`: the registry these machines reach has no darwin/win32
  # builds of Next's SWC, so the lockfile cannot list them and `npm ci` refuses it as
  # out of sync. `npm install` still installs the locked versions.
  npm install --no-audit --no-fund --loglevel=error
fi

if [[ ! -f server/data/generated/prisma/client.ts || prisma/schema.prisma -nt server/data/generated/prisma/client.ts ]]; then
  node_modules/.bin/tsx scripts/prisma-generate.ts >/dev/null
fi
