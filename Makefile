# Tessera — the two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export CARGO_TERM_COLOR ?= never

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
export TEST_DATABASE_URL
NEXTEST := $(shell command -v cargo-nextest 2>/dev/null)
ifeq ($(NEXTEST),)
  RUST_TEST = cargo test --workspace
  RUST_E2E  = cargo test -p api --test e2e
else
  RUST_TEST = cargo nextest run --workspace --no-fail-fast
  RUST_E2E  = cargo nextest run --workspace --no-fail-fast -E 'binary(e2e)'
endif

.PHONY: run test test-rust test-pg test-frontend test-browser frontend-deps frontend-build chromium openapi client bench fuzz

## make run: build everything and start on an embedded SQLite with demo data.
run: frontend-build
	cargo build --release -p api
	mkdir -p data
	TESSERA_DEMO=1 TESSERA_STATIC_DIR=frontend/dist ./target/release/tessera serve

frontend-deps:
	@# Exactly the committed lock (it lists every platform's optional rollup/esbuild package).
	@if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then \
		cd frontend && npm ci --no-audit --no-fund; fi

frontend-build: frontend-deps
	cd frontend && npm run build

## make test: the whole suite. Debug build only (one build shared by every step).
test:
	@set -o pipefail; legs="sqlite"; \
	$(MAKE) --no-print-directory test-rust || exit 1; \
	if psql "$(TEST_DATABASE_URL)" -qAtc 'select 1' >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory test-pg || exit 1; legs="$$legs postgresql"; \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then echo "PostgreSQL at $(TEST_DATABASE_URL) is required but unreachable"; exit 1; \
	else echo "PostgreSQL unreachable at $(TEST_DATABASE_URL): PostgreSQL leg skipped"; fi; \
	$(MAKE) --no-print-directory test-frontend || exit 1; \
	$(MAKE) --no-print-directory test-browser || exit 1; \
	echo "Database legs run: $$legs"

test-rust:
	cargo build --workspace --tests
	$(RUST_TEST)

test-pg:
	TESSERA_TEST_DB=postgres $(RUST_E2E)

test-frontend: frontend-deps
	cd frontend && npm run check:api && npm run lint && npm test

# Same build command as test-rust: a different feature set (e.g. `-p api`) would recompile half the graph.
test-browser: frontend-build chromium
	cd frontend && node scripts/login-bundle.mjs 150
	cargo build --workspace --tests
	cd frontend && TESSERA_BIN="$(abspath $(or $(CARGO_TARGET_DIR),target))/debug/tessera" npx playwright test

chromium:
	@command -v /usr/bin/chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

## Regenerate the committed OpenAPI spec, then the web app's typed client from it.
openapi:
	cargo run -q -p api -- openapi > openapi/openapi.json

client: frontend-deps
	cd frontend && npm run gen:api

## Schema fuzzing: schemathesis (pinned in tests/fuzz/requirements.txt) over the whole spec against
## the debug server, on SQLite and PostgreSQL, as an admin and as a production's user, bounded by
## FUZZ_EXAMPLES examples per operation. Fails on any server error, dropped connection or answer
## that contradicts the spec. Reports: target/fuzz/.
FUZZ_EXAMPLES ?= 25
fuzz:
	cargo build --workspace --tests
	tests/fuzz/run.sh $(FUZZ_EXAMPLES)

## Benchmarks (not part of make test): the board query (criterion), then Tessera over HTTP against
## the database's own limits in the same run (bench/http.sh: a stage move against pgbench's b1,
## the board against b2, no TLS on either side; the SQLite move's p99 under 8 writers), then the
## statements PostgreSQL receives for a move, a card read and a board.
## BENCH_SECONDS, BENCH_ROUNDS, BENCH_ANCHORS (default ../shared/bench-anchors) tune it.
bench:
	cargo bench -p persistence --bench board
	cargo bench -p persistence --bench search
	cargo bench -p persistence --bench production
	cargo bench -p domain --bench ranking
	cargo bench -p api --bench render
	cargo build --release -p api
	python3 bench/live.py $(or $(CARGO_TARGET_DIR),target)/release/tessera
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	bench/http.sh
	bench/render_load.sh
	bench/statement_import.sh
	@# What PostgreSQL receives per request (reads the local cluster's log).
	python3 bench/count_statements.py $(or $(CARGO_TARGET_DIR),target)/release/tessera || echo "statement counts skipped (needs the local PostgreSQL and its log)"
