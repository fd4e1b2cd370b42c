#!/usr/bin/env bash
# Property-based fuzz of the gateway's public API (its own /api/openapi.json) with schemathesis,
# all checks, against a whole system started here on 127.0.0.1 (test/fuzz/fuzz-system.ts) with a
# real token. Bounded: MAX_EXAMPLES per operation (default 25) and MAX_TIME seconds (default 300).
#
#   python3 -m venv /tmp/stvenv && /tmp/stvenv/bin/pip install 'schemathesis==4.32.*'
#   SCHEMATHESIS=/tmp/stvenv/bin/schemathesis test/fuzz/run.sh [extra schemathesis options]
#
# Reports (JUnit, NDJSON) go to test-artifacts/fuzz/. Exit code: schemathesis'.
# filter_too_much is suppressed: the card number's pattern plus its maxLength make hypothesis throw
# away many drafts for POST /api/orders, which is slow, not wrong.
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS="${SCHEMATHESIS:-schemathesis}"
MAX_EXAMPLES="${MAX_EXAMPLES:-25}"
MAX_TIME="${MAX_TIME:-300}"
WORKDIR="$(mktemp -d -t sagashop-fuzz-XXXXXX)"
REPORTS="test-artifacts/fuzz"
mkdir -p "$REPORTS"

node --import tsx test/fuzz/fuzz-system.ts "$WORKDIR" > "$REPORTS/system.log" 2>&1 &
SYSTEM_PID=$!
cleanup() {
  kill -TERM "$SYSTEM_PID" 2>/dev/null || true
  wait "$SYSTEM_PID" 2>/dev/null || true
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

# Wait for the system (embedded Postgres, Temporal dev server, services) with a deadline.
deadline=$((SECONDS + 240))
until [ -s "$WORKDIR/ready.json" ]; do
  if ! kill -0 "$SYSTEM_PID" 2>/dev/null; then echo "the fuzz system exited; see $REPORTS/system.log" >&2; exit 1; fi
  if [ "$SECONDS" -ge "$deadline" ]; then echo "the fuzz system did not start in time; see $REPORTS/system.log" >&2; exit 1; fi
  sleep 1
done
URL="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).url)' "$WORKDIR/ready.json")"
TOKEN="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).token)' "$WORKDIR/ready.json")"
cp "$WORKDIR/openapi.json" "$REPORTS/openapi.anyof.json"
echo "fuzzing $URL (max $MAX_EXAMPLES examples per operation, $MAX_TIME s)"

"$SCHEMATHESIS" --config-file test/fuzz/schemathesis.toml run "$WORKDIR/openapi.json" \
  --url "$URL" \
  --header "Authorization: Bearer $TOKEN" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --max-time "$MAX_TIME" \
  --request-timeout 20 \
  --workers 2 \
  --seed "${SEED:-1}" \
  --suppress-health-check filter_too_much \
  --report junit,ndjson --report-dir "$REPORTS" \
  "$@"
