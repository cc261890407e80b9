#!/usr/bin/env bash
# Install the system packages the test suite needs (Debian), when root and missing.
# Each component adds its own check below; nothing here is required for `make demo`.
set -euo pipefail

# Usage: bootstrap-system.sh [COMPONENT...]; no argument means every component.
want=("${@:-chromium npm postgresql}")
want=(${want[*]})
wants() { [[ " ${want[*]} " == *" $1 "* ]]; }

need=()
# Web UI browser tests (Playwright drives Debian's chromium; never `playwright install`).
wants chromium && { [ -x /usr/bin/chromium ] || need+=(chromium); }
# Web UI vendor JS comes from npm (`make assets`).
wants npm && { command -v npm >/dev/null || need+=(npm); }
# store tests start a throwaway PostgreSQL server with initdb + pg_ctl.
wants postgresql && { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql); }

if ((${#need[@]})); then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages: ${need[*]} (run as root or install them)" >&2
  fi
fi
