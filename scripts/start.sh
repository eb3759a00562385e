#!/usr/bin/env bash
# `npm start`: install what is needed and serve the playground at http://localhost:5173/.
set -euo pipefail
source "$(dirname "$0")/ensurePnpm.sh"
cd "$ROOT"
pnpm install --prefer-offline
exec pnpm --filter app dev --host "${HOST:-127.0.0.1}"
