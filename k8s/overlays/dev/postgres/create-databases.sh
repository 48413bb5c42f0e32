#!/bin/sh
# One database and one owner per data-owning service, passwords from the services' database secrets.
set -eu
for db in units checkpoints video alerts; do
  password=$(printenv "DB_PASSWORD_$(echo "$db" | tr 'a-z' 'A-Z')")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE ROLE $db LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE $db OWNER $db"
done
