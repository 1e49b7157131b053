#!/usr/bin/env bash
# Installs the system packages the product needs when they are missing (Debian,
# as root): Redis and HypoPG for the local stack, Chromium for the browser tests.
# Usage: scripts/ensure-system.sh [--browser]
set -euo pipefail

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

missing=()
# The local stack is only needed when the servers are not given by the environment.
if [[ -z "${DATABASE_URL:-}" ]]; then
  [[ -x /usr/lib/postgresql/15/bin/postgres ]] || missing+=(postgresql-15)
  [[ -f /usr/share/postgresql/15/extension/pg_stat_statements.control ]] || missing+=(postgresql-15)
  [[ -f /usr/share/postgresql/15/extension/hypopg.control ]] || missing+=(postgresql-15-hypopg)
  command -v redis-server >/dev/null || missing+=(redis-server)
fi
command -v psql >/dev/null || missing+=(postgresql-client-15)
if (( want_browser )); then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
fi

(( ${#missing[@]} == 0 )) && exit 0

# De-duplicate while keeping order.
readarray -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
if [[ "$(id -u)" != 0 ]]; then
  echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
