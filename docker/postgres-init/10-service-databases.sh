#!/bin/sh
# Creates one database and one login role per service, both named loyalty_<service>, the role
# owning its database. PUBLIC loses CONNECT, so a service can reach its own database only —
# the same isolation as in production (SPEC §1).
#
# The postgres image runs this once, when the data volume is empty. It is safe to run again
# (e.g. after adding a service to the list) against a running container:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-service-databases.sh
set -eu

: "${LOYALTY_DB_PASSWORD:?LOYALTY_DB_PASSWORD must be set (docker-compose.yml sets a dev default)}"

for service in registration cards processing batch_operations social polycard_plugin; do
  psql --no-psqlrc -v ON_ERROR_STOP=1 \
    --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    -v name="loyalty_${service}" -v password="${LOYALTY_DB_PASSWORD}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name')
\gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')
\gexec
REVOKE CONNECT, TEMPORARY ON DATABASE :"name" FROM PUBLIC;
SQL
done
