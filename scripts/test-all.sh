#!/usr/bin/env bash
# Runs everything: typecheck, lint, unit tests, production build, Playwright e2e in Debian Chromium.
# Installs what it needs first (npm packages, chromium). CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --chromium
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "==> typecheck" && npm run -s typecheck
echo "==> lint" && npm run -s lint
echo "==> unit tests" && npm run -s test:unit
echo "==> build" && npm run -s build
echo "==> e2e" && npm run -s test:e2e
