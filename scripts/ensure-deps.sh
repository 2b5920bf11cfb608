#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: npm packages (from package-lock) and, with --chromium,
# Debian's Chromium for Playwright (Playwright cannot download browsers here).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  if ! npm ci --no-audit --no-fund; then
    # npm ci needs a lock entry for every platform's optional binaries; a lock written against a mirror
    # that serves only Linux ones lacks them until scripts/complete-lock.mjs adds them.
    echo "npm ci refused package-lock.json. If it names missing platform packages, run: node scripts/complete-lock.mjs" >&2
    exit 1
  fi
fi

if [ "${1:-}" = "--chromium" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "==> installing Debian chromium"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
