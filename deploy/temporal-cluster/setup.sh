#!/usr/bin/env bash
# Idempotent set-up of sagashop's Temporal cluster; safe to run on every start.
#   SETUP_PHASE=schema     databases + schema (before the server starts: it needs the tables)
#   SETUP_PHASE=namespace  namespace + search attributes (through a running frontend)
#   SETUP_PHASE=all        both, in that order (default)
# Runs here (npm run start:cluster passes SQL_TOOL, TEMPORAL_CLI and SCHEMA_DIR for the binaries it
# built) and unchanged in the temporalio/admin-tools image (temporal-sql-tool, temporal, schemas
# under /etc/temporal/schema). Connection settings are the server config's (config/temporal.yaml).
set -euo pipefail

phase=${SETUP_PHASE:-all}
db_plugin=${DB:-postgres12}
db_host=${POSTGRES_SEEDS:-127.0.0.1}
db_port=${DB_PORT:-5432}
db_user=${POSTGRES_USER:-temporal}
db_password=${POSTGRES_PWD:-temporal}
db_name=${DBNAME:-temporal}
visibility_db_name=${VISIBILITY_DBNAME:-temporal_visibility}
schema_dir=${SCHEMA_DIR:-/etc/temporal/schema/postgresql/v12}
address=${TEMPORAL_ADDRESS:-127.0.0.1:7233}
namespace=${NAMESPACE:-default}
retention=${NAMESPACE_RETENTION:-72h}
# Same list as src/shared/infrastructure/temporal-search-attributes.ts (a test checks the two agree).
search_attributes=${SEARCH_ATTRIBUTES:-OrderStatus=Keyword CustomerId=Keyword}
wait_seconds=${SETUP_WAIT_SECONDS:-120}

if [ -n "${SQL_TOOL:-}" ]; then sql_tool=$SQL_TOOL
elif command -v temporal-sql-tool >/dev/null 2>&1; then sql_tool=temporal-sql-tool
else sql_tool=sql; fi
temporal_cli=${TEMPORAL_CLI:-temporal}

say() { printf '[temporal-setup] %s\n' "$*"; }

sql() {
  "$sql_tool" --plugin "$db_plugin" --ep "$db_host" --port "$db_port" \
    --user "$db_user" --password "$db_password" "$@"
}

# create-database ignores an existing database; setup-schema -v 0.0 only creates the version
# tables if missing; update-schema applies the versions above the recorded one (none on a rerun).
setup_schema() {
  local database=$1 dir=$2
  say "database $database: schema from $dir"
  sql --db "$database" create-database
  sql --db "$database" setup-schema -v 0.0
  sql --db "$database" update-schema -d "$dir"
}

wait_for_frontend() {
  local deadline=$((SECONDS + wait_seconds))
  until "$temporal_cli" operator cluster health --address "$address" 2>/dev/null | grep -q SERVING; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "frontend at $address did not answer within ${wait_seconds}s"
      return 1
    fi
    sleep 1
  done
}

setup_namespace() {
  wait_for_frontend
  if "$temporal_cli" operator namespace describe --address "$address" --namespace "$namespace" >/dev/null 2>&1; then
    say "namespace $namespace exists"
  else
    say "namespace $namespace: creating (retention $retention)"
    "$temporal_cli" operator namespace create --address "$address" --namespace "$namespace" --retention "$retention"
  fi
  # A new namespace reaches the frontend's namespace cache a few seconds after it is created.
  local existing deadline=$((SECONDS + wait_seconds))
  until existing=$("$temporal_cli" operator search-attribute list --address "$address" --namespace "$namespace" \
    --output json 2>/dev/null); do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "namespace $namespace did not become usable within ${wait_seconds}s"
      return 1
    fi
    sleep 1
  done
  for entry in $search_attributes; do
    local name=${entry%%=*} type=${entry#*=}
    if grep -q "\"$name\"" <<<"$existing"; then
      say "search attribute $name exists"
    else
      say "search attribute $name: adding ($type)"
      "$temporal_cli" operator search-attribute create --address "$address" --namespace "$namespace" \
        --name "$name" --type "$type"
    fi
  done
}

case "$phase" in
  schema | all)
    setup_schema "$db_name" "$schema_dir/temporal/versioned"
    setup_schema "$visibility_db_name" "$schema_dir/visibility/versioned"
    ;;&
  namespace | all)
    setup_namespace
    ;;
  schema) ;;
  *)
    say "unknown SETUP_PHASE=$phase (schema, namespace or all)"
    exit 2
    ;;
esac
say "done ($phase)"
