#!/usr/bin/env bash
# Starts the production app on a fresh machine: installs packages, builds, serves on $PORT (default 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export NEXT_TELEMETRY_DISABLED=1
npm run build
exec node node_modules/next/dist/bin/next start -p "${PORT:-3000}"
