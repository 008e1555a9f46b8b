#!/usr/bin/env bash
# Starts PostgreSQL for the JDBC dataset tests and creates their role and database:
# role cordon / password cordon, database cordon_it, on 127.0.0.1:5432. Installs the server from
# Debian when it is missing. Never fails the build: without a server the PostgreSQL tests skip.
set -uo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || {
    echo "postgres.sh: could not install PostgreSQL; its tests will be skipped"; exit 0; }
fi

version="$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1}')"
cluster="$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $2}')"
if [[ -z "$version" ]]; then
  version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null 2>&1 || true
fi
pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true

for _ in $(seq 1 30); do
  su postgres -c "psql -tAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -tAc \"$1\"" 2>/dev/null; }
[[ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='cordon'")" == "1" ]] \
  || psql_admin "CREATE ROLE cordon LOGIN PASSWORD 'cordon'" >/dev/null
[[ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='cordon_it'")" == "1" ]] \
  || psql_admin "CREATE DATABASE cordon_it OWNER cordon" >/dev/null

if PGPASSWORD=cordon psql -h 127.0.0.1 -U cordon -d cordon_it -tAc 'SELECT 1' >/dev/null 2>&1; then
  echo "postgres.sh: PostgreSQL $version ready on 127.0.0.1:5432 (cordon_it)"
else
  echo "postgres.sh: PostgreSQL is not reachable; its tests will be skipped"
fi
exit 0
