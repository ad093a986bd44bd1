#!/usr/bin/env bash
# Issue 11: importing a bank statement of 10,000 payment orders against 50,000 open invoices, end
# to end over HTTP, under 3 s; the same file again under 1 s with nothing written. On SQLite and
# (when it answers) PostgreSQL, each on a fresh database and the release binary
# (bench/statement_import.py seeds the invoices and times the import).
#
# Needs: target/release/tessera; for PostgreSQL, psql and the server at 127.0.0.1:5432.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/tessera
[ -x "$bin" ] || { echo "build it first: cargo build --release -p api"; exit 1; }
pg_admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

run() { # $1: database url
  : >"$work/out"
  TESSERA_DEMO=base TESSERA_BIND=127.0.0.1:0 DATABASE_URL="$1" TESSERA_FILES_DIR=$work/files TESSERA_MAIL_DIR=$work/mail \
    TESSERA_STATIC_DIR=$work TESSERA_LOG=${TESSERA_LOG:-error} TESSERA_JWT_SECRET=bench-secret-bench-secret-bench-secret \
    "$bin" serve >"$work/out" 2>"$work/err" &
  local server=$! base=""
  for _ in $(seq 150); do
    base=$(sed -n 's/^Tessera listening on //p' "$work/out" | head -1)
    [ -n "$base" ] && curl -sf "$base/readyz" >/dev/null && break
    sleep 0.2
  done
  [ -n "$base" ] || { echo "the server did not start"; cat "$work/err"; exit 1; }
  python3 bench/statement_import.py "$base" "$1" "${BENCH_ORDERS:-10000}" "${BENCH_INVOICES:-50000}"
  [ -z "${BENCH_SHOW_LOG:-}" ] || grep -ah "statement" "$work/out" "$work/err" | sed "s/\x1b\[[0-9;]*m//g" | cut -c1-600 || true
  kill "$server"; wait "$server" 2>/dev/null || true
}

echo "== SQLite"
run "sqlite://$work/bench.db?mode=rwc"
if psql "$pg_admin" -qAtc 'select 1' >/dev/null 2>&1; then
  root=${pg_admin%/*}
  # Over TCP, and over the local socket when there is one: sqlx 0.9 leaves Nagle's algorithm on
  # (no TCP_NODELAY), so over TCP every large statement can wait for the database's delayed ACK.
  for via in tcp socket; do
    if [ "$via" = socket ]; then
      [ -S /var/run/postgresql/.s.PGSQL.5432 ] || continue
      url="postgres://postgres@localhost/bench_import?host=/var/run/postgresql"
    else
      url="$root/bench_import"
    fi
    echo "== PostgreSQL ($via)"
    psql "$pg_admin" -qc 'DROP DATABASE IF EXISTS bench_import' -qc 'CREATE DATABASE bench_import' >/dev/null
    run "$url"
    psql "$pg_admin" -qc 'DROP DATABASE IF EXISTS bench_import' >/dev/null
  done
fi
