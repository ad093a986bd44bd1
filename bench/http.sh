#!/usr/bin/env bash
# Tessera over HTTP against the database's own limits, measured in the same run (`make bench`).
#
# PostgreSQL: a stage move (wrk, 8 connections, one deal each, moving a <-> b) against pgbench's b1
# (the same work written by hand: lock, versioned update, stage event, outbox row), and the board
# (wrk, 4 connections: the tile-sale board of a manager with 2,000 open deals beside 2,000 of
# another person) against b2 (a manager's board from a covering index). Raw and HTTP alternate
# (raw, HTTP | HTTP, raw | …) for BENCH_ROUNDS pairs of BENCH_SECONDS each; the median of the
# pairs' ratios is printed. Both sides connect without TLS (same machine); see the README.
# The production portal (issue 12): production1's first page of its orders (wrk, 4 connections)
# among 5,000 of its own and 5,000 of another production's, against b2 too (a page of rows off an
# index). SQLite: a move's p99 with 8 concurrent writers.
#
# Needs: target/release/tessera, wrk, pgbench and psql, the anchors' scripts (BENCH_ANCHORS,
# default ../shared/bench-anchors; their database tessera_raw is created once when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/tessera
anchors=$(realpath -m "${BENCH_ANCHORS:-../shared/bench-anchors}")
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
board_deals=${BENCH_BOARD_DEALS:-2000}
pg_admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
pg_root=${pg_admin%/*}
[ -x "$bin" ] || { echo "build it first: cargo build --release -p api"; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export PGSSLMODE=disable

start() { # name database-url -> sets $base, $pid
  : >"$work/$1.out"
  TESSERA_DEMO=base TESSERA_BIND=127.0.0.1:0 DATABASE_URL=$2 TESSERA_FILES_DIR=$work/files TESSERA_STATIC_DIR=$work \
    TESSERA_LOG=error TESSERA_JWT_SECRET=bench-secret-bench-secret-bench-secret "$bin" serve >"$work/$1.out" 2>"$work/$1.err" &
  pid=$! base=""
  for _ in $(seq 100); do
    base=$(sed -n 's/^Tessera listening on //p' "$work/$1.out" | head -1)
    [ -n "$base" ] && curl -sf "$base/readyz" >/dev/null && return
    sleep 0.2
  done
  echo "$1: the server did not start"; cat "$work/$1.err"; exit 1
}

prepare() { # board-deals -> sets $token, $board, $movers
  mapfile -t out < <(python3 bench/prepare.py "$base" "$1" 8)
  token=${out[0]} board=${out[1]} movers=${out[2]}
}

# wrk output -> "requests/s p99-ms non-2xx"
wrk_figures() {
  awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p=$2; if (p ~ /us$/) {sub(/us/,"",p); p/=1000} else if (p ~ /ms$/) sub(/ms/,"",p); else if (p ~ /s$/) {sub(/s/,"",p); p*=1000}}
       /Non-2xx/ {bad=$5} END {printf "%.0f %.1f %d\n", rps, p, bad}'
}

http_moves() { # seconds -> figures
  # shellcheck disable=SC2046
  wrk -t8 -c8 -d"$1"s --latency -s bench/move.lua "$base" -- "$token" $(python3 bench/deal_states.py "$base" "$token" $movers) | wrk_figures
}

# 5,000 orders of production1 and 5,000 of Краснодар on one deal, as a year of a busy portal.
portal_prepare() { # -> sets $portal, $ptoken
  psql "$pg_root/$db" -q >/dev/null <<'SQL'
INSERT INTO production_orders (id, organization_id, deal_id, state, terms, tile_type, thickness_milli, quantity_milli, price_minor,
  due_date, delivery_address, accept_by, paid_minor, deduction_minor, created_at, updated_at, version, number)
SELECT gen_random_uuid(), o.id, (SELECT id FROM deals LIMIT 1),
  (ARRAY['closed','closed','closed','closed','closed','closed','assigned','accepted','in_production','done','shipped'])[1 + g % 11],
  'after_shipment', 'Плитка', 30000, 150000, 129000, CURRENT_DATE + (g % 60), 'г. Москва, ул. Строителей, ' || g,
  now() + interval '1 day', 0, 0, now() - g * interval '7 minutes', now(), 1, 'b-' || g
FROM generate_series(1, 5000) g, organizations o WHERE o.name IN ('Производство Екатеринбург', 'Производство Краснодар');
VACUUM (ANALYZE) production_orders;
SQL
  ptoken=$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"email":"production1@demo.local","password":"demo12345"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  portal="$base/api/v1/production-orders?limit=20"
}

http_portal() {
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$ptoken" >"$work/portal.lua"
  wrk -t2 -c4 -d"$1"s --latency -s "$work/portal.lua" "$portal" | wrk_figures
}

http_board() {
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$work/auth.lua"
  wrk -t2 -c4 -d"$1"s --latency -s "$work/auth.lua" "$board" | wrk_figures
}

raw() { # script clients seconds -> tps
  pgbench -h "${pg_host}" -p "${pg_port}" -U postgres -n -M prepared -j 2 -c "$2" -T "$3" -f "$anchors/$1" tessera_raw 2>/dev/null | awk '/^tps/ {printf "%.0f\n", $3}'
}

# Pairs of (HTTP, raw) in alternating order; prints each and the median ratio.
compare() { # name http-fn raw-script raw-clients target
  local name=$1 ratios=() h r
  for i in $(seq "$rounds"); do
    if (( i % 2 )); then r=$(raw "$3" "$4" "$seconds"); read -r rps p99 bad < <($2 "$seconds"); else read -r rps p99 bad < <($2 "$seconds"); r=$(raw "$3" "$4" "$seconds"); fi
    [ "$bad" = 0 ] || { echo "$name: $bad answers were not 2xx"; exit 1; }
    ratios+=("$(python3 -c "print(f'{$rps/$r:.3f}')")")
    printf '   %-6s round %d: HTTP %6d/s (p99 %s ms)   raw %s %6d tps   ratio %s\n' "$name" "$i" "$rps" "$p99" "${3%%_*}" "$r" "${ratios[-1]}"
  done
  local median
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '== %-6s HTTP / raw, median of %d: %s   (target >= %s: %s)\n' "$name" "$rounds" "$median" "$5" \
    "$(python3 -c "print('met' if $median >= $5 else 'NOT MET')")"
}

if psql "$pg_admin" -qAtc 'select 1' >/dev/null 2>&1 && command -v pgbench >/dev/null; then
  pg_host=$(python3 -c "import urllib.parse,sys; u=urllib.parse.urlparse(sys.argv[1]); print(u.hostname or '127.0.0.1')" "$pg_admin")
  pg_port=$(python3 -c "import urllib.parse,sys; u=urllib.parse.urlparse(sys.argv[1]); print(u.port or 5432)" "$pg_admin")
  if ! psql "$pg_root/tessera_raw" -qAtc 'select 1 from deals limit 1' >/dev/null 2>&1; then
    [ -f "$anchors/01_schema.sql" ] || { echo "the anchors' scripts are not at $anchors (BENCH_ANCHORS)"; exit 1; }
    echo "== creating the raw anchors' database tessera_raw (once)…"
    psql "$pg_admin" -qc "CREATE DATABASE tessera_raw" >/dev/null 2>&1 || true
    for f in 01_schema.sql 02_load_100k.sql 03_indexes.sql; do psql -q "$pg_root/tessera_raw" -f "$anchors/$f" >/dev/null 2>&1; done
  fi
  db="bench_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $db" >/dev/null
  trap 'kill $(jobs -p) 2>/dev/null || true; psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
  start postgresql "$pg_root/$db?sslmode=disable"
  echo "== PostgreSQL: seeding $board_deals open deals of the manager, $board_deals of another person and 8 deals to move…"
  prepare "$board_deals"
  # As autovacuum leaves a table at rest (the anchors' load ends the same way): statistics, visibility map.
  psql "$pg_root/$db" -qc "VACUUM (ANALYZE)" >/dev/null
  http_moves 2 >/dev/null; http_board 2 >/dev/null
  echo "== PostgreSQL, no TLS, $rounds pairs of $seconds s:"
  compare move http_moves b1_transition_100k.sql 8 0.5
  compare board http_board b2_board.sql 4 0.2
  portal_prepare
  http_portal 2 >/dev/null
  compare portal http_portal b2_board.sql 4 0.2
  kill "$pid"; wait "$pid" 2>/dev/null || true
else
  echo "PostgreSQL unreachable at $pg_admin (or no pgbench, which comes with its server): its ratios are skipped"
fi

start sqlite "sqlite://$work/bench.db?mode=rwc"
prepare 0
read -r rps p99 bad < <(http_moves "$seconds")
[ "$bad" = 0 ] || { echo "sqlite: $bad answers were not 2xx"; exit 1; }
printf '== SQLite: a move with 8 concurrent writers: %d/s, p99 %s ms   (target < 50 ms: %s)\n' "$rps" "$p99" \
  "$(python3 -c "print('met' if $p99 < 50 else 'NOT MET')")"
