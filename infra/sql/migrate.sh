#!/usr/bin/env bash
# One-shot migration for infra/docker-compose.yml: creates the database if it is missing, then applies the
# idempotent script (every migration is guarded by its row in __EFMigrationsHistory, so re-running is harmless).
set -euo pipefail
sqlcmd=/opt/mssql-tools18/bin/sqlcmd
server="${SQL_SERVER:-sqlserver}"
database="${SQL_DATABASE:-MerchantDisputes}"
# sqlcmd reads the password from SQLCMDPASSWORD, so it never shows in the process list.
export SQLCMDPASSWORD="${MSSQL_SA_PASSWORD:?MSSQL_SA_PASSWORD is required}"

# -C trusts the container's self-signed certificate; -b stops at the first error;
# -I turns QUOTED_IDENTIFIER on, which the filtered unique indexes of the Identity tables need.
"$sqlcmd" -S "$server" -U sa -C -b -I -Q "IF DB_ID(N'$database') IS NULL CREATE DATABASE [$database];"
"$sqlcmd" -S "$server" -U sa -C -b -I -d "$database" -i /migrations/sqlserver-migrations.sql
echo "migrate: $database is up to date"
