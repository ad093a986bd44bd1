#!/usr/bin/env bash
# The board of one manager with many deals, measured over HTTP with wrk against the release
# binary, on SQLite and (when reachable) PostgreSQL. Usage: bench/board-http.sh [deals per manager]
# Needs: target/release/tessera (cargo build --release -p api), wrk (apt-get install wrk), psql.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
bin=target/release/tessera
[ -x "$bin" ] || { echo "build it first: cargo build --release -p api"; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }
pg_admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

run() { # name database-url
  local name=$1 url=$2 port=8131
  TESSERA_DEMO=base TESSERA_BIND=127.0.0.1:$port DATABASE_URL=$url TESSERA_FILES_DIR=$work/files TESSERA_STATIC_DIR=$work \
    TESSERA_LOG=error TESSERA_JWT_SECRET=bench-secret-bench-secret-bench-secret "$bin" serve >"$work/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  echo "== $name: seeding $count open deals of the manager and $count of another person…"
  mapfile -t out < <(python3 bench/seed_board.py "http://127.0.0.1:$port" "$count")
  local board=${out[0]} token=${out[1]}
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$work/auth.lua"
  curl -sf -H "Authorization: Bearer $token" "$board" | python3 -c 'import json,sys; b=json.load(sys.stdin); print("   columns:", len(b["columns"]), " cards in the manager'"'"'s open columns:", sum(c["count"] for c in b["columns"] if c["stage"] not in ("won","lost")), " cards returned:", sum(len(c["cards"]) for c in b["columns"]))'
  echo "== $name: GET board, 2 threads, 4 connections, 15 s"
  wrk -t2 -c4 -d15s --latency -s "$work/auth.lua" "$board" | sed -n '/Latency/,/Requests\/sec/p'
  kill $pid; wait $pid 2>/dev/null || true
}

run sqlite "sqlite://$work/bench.db?mode=rwc"
if psql "$pg_admin" -qAtc 'select 1' >/dev/null 2>&1; then
  db="board_bench_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $db" >/dev/null
  run postgresql "${pg_admin%/*}/$db"
  psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
else
  echo "PostgreSQL unreachable at $pg_admin: skipped"
fi
