#!/usr/bin/env bash
# A board request's p99 while PDFs are rendered as fast as the server can (issue 10: it stays
# within 2× of its idle value). On SQLite with the release binary: the board (wrk, 4 connections,
# a manager's tile-sale board with BENCH_BOARD_DEALS open deals) alone, then the same while 8 more
# connections ask for an offer's PDF without pause; BENCH_ROUNDS alternating pairs, median ratio.
#
# Needs: target/release/tessera, wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/tessera
seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
board_deals=${BENCH_BOARD_DEALS:-2000}
[ -x "$bin" ] || { echo "build it first: cargo build --release -p api"; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk"; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

: >"$work/out"
TESSERA_DEMO=base TESSERA_BIND=127.0.0.1:0 DATABASE_URL="sqlite://$work/bench.db?mode=rwc" TESSERA_FILES_DIR=$work/files \
  TESSERA_MAIL_DIR=$work/mail TESSERA_STATIC_DIR=$work TESSERA_LOG=error TESSERA_JWT_SECRET=bench-secret-bench-secret-bench-secret \
  "$bin" serve >"$work/out" 2>"$work/err" &
server=$!
base=""
for _ in $(seq 100); do
  base=$(sed -n 's/^Tessera listening on //p' "$work/out" | head -1)
  [ -n "$base" ] && curl -sf "$base/readyz" >/dev/null && break
  sleep 0.2
done
[ -n "$base" ] || { echo "the server did not start"; cat "$work/err"; exit 1; }
mapfile -t out < <(python3 bench/prepare.py "$base" "$board_deals" 1)
token=${out[0]} board=${out[1]} deal=${out[2]}
# A two-page offer of 25 lines on one of the deals.
pdf=$(python3 - "$base" "$token" "$deal" <<'PY'
import json, sys, urllib.request
base, token, deal = sys.argv[1:4]
lines = [{"name": f"Плитка резиновая 500×500×{20 + i % 4 * 10} мм, позиция {i + 1}", "unit": "m2", "quantity": str(10 + i), "price": "1850.00", "discount_pct": str(i % 3), "vat": "vat22"} for i in range(25)]
req = urllib.request.Request(f"{base}/api/v1/deals/{deal}/offers", data=json.dumps({"lines": lines, "terms": "Срок изготовления — 10 рабочих дней. " * 20}).encode(),
                             headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"}, method="POST")
print(f"{base}/api/v1/documents/{json.load(urllib.request.urlopen(req))['id']}/pdf")
PY
)
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$token" >"$work/auth.lua"
board_p99() { wrk -t2 -c4 -d"$1"s --latency -s "$work/auth.lua" "$board" | awk '/^ +99%/ {p=$2; if (p ~ /us$/) {sub(/us/,"",p); p/=1000} else if (p ~ /ms$/) sub(/ms/,"",p); else if (p ~ /s$/) {sub(/s/,"",p); p*=1000}; print p}'; }
renders() { wrk -t2 -c8 -d"$1"s -s "$work/auth.lua" "$pdf" | awk '/Requests\/sec/ {printf "%.0f", $2}'; }
board_p99 2 >/dev/null; renders 2 >/dev/null
ratios=()
for i in $(seq "$rounds"); do
  idle=$(board_p99 "$seconds")
  renders $((seconds + 2)) >"$work/renders" &
  sleep 1
  busy=$(board_p99 "$seconds")
  wait $!
  ratios+=("$(python3 -c "print(f'{$busy/$idle:.2f}')")")
  printf '   round %d: board p99 idle %s ms, while rendering %s ms (%s PDFs/s)   ratio %s\n' "$i" "$idle" "$busy" "$(cat "$work/renders")" "${ratios[-1]}"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf '== board p99 while rendering / idle, median of %d: %s   (target <= 2: %s)\n' "$rounds" "$median" "$(python3 -c "print('met' if $median <= 2 else 'NOT MET')")"

# Memory: 1,000 renders in a row, one after another, after the load above warmed everything up.
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
before=$(rss)
python3 - "$pdf" "$token" <<'PY'
import sys, urllib.request
url, token = sys.argv[1:3]
for _ in range(1000):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token})) as r:
        assert r.read(4) == b"%PDF"
PY
after=$(rss)
printf '== 1,000 renders in a row: RSS %d → %d kB, grew %.1f MB   (target < 20 MB: %s)\n' "$before" "$after" "$(python3 -c "print(($after-$before)/1024)")" \
  "$(python3 -c "print('met' if ($after-$before)/1024 < 20 else 'NOT MET')")"
