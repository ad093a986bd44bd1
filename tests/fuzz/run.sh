#!/usr/bin/env bash
# Schema fuzzing: schemathesis over the whole OpenAPI spec against the real server, on SQLite and
# (when reachable) PostgreSQL, as an admin and as a production's user. Passes only with no server
# error, no dropped connection and no answer that contradicts the spec.
#
# Usage: tests/fuzz/run.sh [examples per operation]   (default 25; the run is bounded by it)
# Needs: the debug binary (cargo build --workspace --tests), python3 with venv, psql for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
examples=${1:-${FUZZ_EXAMPLES:-25}}
target=${CARGO_TARGET_DIR:-target}
bin=$target/debug/tessera
[ -x "$bin" ] || { echo "build it first: cargo build --workspace --tests"; exit 1; }
venv=$(realpath -m "$target/fuzz-venv")
if [ ! -x "$venv/bin/schemathesis" ] || [ tests/fuzz/requirements.txt -nt "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r tests/fuzz/requirements.txt
  touch "$venv/bin/schemathesis"
fi
pg_admin=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
# Reports stay for reading afterwards: target/fuzz/<database>/<user>.txt and the server's log.
work=$(realpath -m "$target/fuzz")
rm -rf "$work" && mkdir -p "$work"
failed=0
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

# /api/v1/events is a stream that never ends by itself (the fuzzer would wait on it forever);
# the HTTP tests in tests/e2e/notifications.rs cover it.
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,ignored_auth

fuzz() { # name database-url
  local name=$1 url=$2
  mkdir -p "$work/$name"
  TESSERA_DEMO=1 TESSERA_BIND=127.0.0.1:0 DATABASE_URL=$url TESSERA_FILES_DIR=$work/$name/files TESSERA_MAIL_DIR=$work/$name/mail TESSERA_STATIC_DIR=$work \
    TESSERA_LOG=error TESSERA_ACCESS_TTL_SECONDS=7200 TESSERA_JWT_SECRET=fuzz-secret-fuzz-secret-fuzz-secret-fuzz \
    "$bin" serve >"$work/$name/out.log" 2>"$work/$name/err.log" &
  local pid=$! base=""
  for _ in $(seq 100); do
    base=$(sed -n 's/^Tessera listening on //p' "$work/$name/out.log" | head -1)
    [ -n "$base" ] && curl -sf "$base/readyz" >/dev/null && break
    sleep 0.2
  done
  [ -n "$base" ] || { echo "$name: the server did not start"; cat "$work/$name/err.log"; exit 1; }
  # Log in before fuzzing: the fuzzer's own failed logins soon stop this address.
  local who token
  declare -A tokens
  for who in admin production1; do
    tokens[$who]=$(curl -sf -H 'content-type: application/json' -d "{\"email\":\"$who@demo.local\",\"password\":\"demo12345\"}" "$base/api/v1/auth/login" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  done
  for who in admin production1; do
    echo "== $name as $who: $examples examples per operation"
    if ! (cd "$work/$name" && "$venv/bin/schemathesis" run "$base/api/v1/openapi.json" \
        -H "Authorization: Bearer ${tokens[$who]}" --checks "$checks" --max-examples "$examples" \
        --phases examples,coverage,fuzzing --workers 1 --request-timeout 30 --seed 20261129 \
        --exclude-path /api/v1/auth/logout --exclude-path /api/v1/auth/refresh --exclude-path /api/v1/events \
        --suppress-health-check all --no-color --report junit --report-dir "$work/$name/$who" >"$work/$name/$who.txt" 2>&1); then
      failed=1
      sed -n '/FAILURES\|ERRORS/,$p' "$work/$name/$who.txt" | head -200
    fi
    grep -E '^Test cases:|generated,|^Failures:|^Errors:|passed|failures' "$work/$name/$who.txt" | tail -4 | sed 's/^/   /'
  done
  if grep -q 'panicked\|ERROR' "$work/$name/err.log"; then
    echo "$name: the server logged errors:"; grep -m 20 'panicked\|ERROR' "$work/$name/err.log"; failed=1
  fi
  kill $pid; wait $pid 2>/dev/null || true
}

fuzz sqlite "sqlite://$work/fuzz.db?mode=rwc"
if psql "$pg_admin" -qAtc 'select 1' >/dev/null 2>&1; then
  db="fuzz_$$"
  psql "$pg_admin" -qc "CREATE DATABASE $db" >/dev/null
  fuzz postgresql "${pg_admin%/*}/$db?sslmode=disable"
  psql "$pg_admin" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
elif [ -n "${REQUIRE_POSTGRES:-}" ]; then
  echo "PostgreSQL at $pg_admin is required but unreachable"; exit 1
else
  echo "PostgreSQL unreachable at $pg_admin: fuzzed SQLite only"
fi
[ $failed -eq 0 ] && echo "fuzz: no server error, no dropped connection, no answer against the spec"
exit $failed
