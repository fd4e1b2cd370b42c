#!/bin/sh
# One image, one entrypoint per deployable: the first argument names the app under src/apps/, which
# runs from its compiled entry point dist/src/apps/<app>/main.js (npm run build).
set -e
app="${1:-gateway}"
case "$app" in
  gateway|worker|customer|inventory|order|payment|notification) ;;
  *) echo "unknown deployable '$app' (gateway, worker, customer, inventory, order, payment, notification)" >&2; exit 64 ;;
esac
# A young generation capped at 2 MB keeps an idle service about 15 MB smaller; the gateway, the hot
# path, keeps V8's default (docs/performance.md).
case "$app" in
  gateway) exec node "dist/src/apps/$app/main.js" ;;
  *) exec node --max-semi-space-size=2 "dist/src/apps/$app/main.js" ;;
esac
