#!/bin/sh
# One image, one entrypoint per deployable: the first argument names the app under src/apps/.
set -e
app="${1:-gateway}"
case "$app" in
  gateway|worker|customer|inventory|order|payment|notification) ;;
  *) echo "unknown deployable '$app' (gateway, worker, customer, inventory, order, payment, notification)" >&2; exit 64 ;;
esac
exec node --import tsx "src/apps/$app/main.ts"
