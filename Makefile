# Callsight: the two commands are `make run` and `make test`.
SHELL := /bin/bash
MVN ?= ./mvnw -B
JAR := backend/target/quarkus-app/quarkus-run.jar
JAVA_OPTS ?= -Xmx512m
NPM ?= npm --prefix frontend
CHROMIUM ?= /usr/bin/chromium

.PHONY: run build web web-deps test test-web test-e2e bench replay consistency-check up down dev dev-ui clean

## Build the web app and the service (skipping tests) and run it: embedded PostgreSQL + demo data unless
## QUARKUS_DATASOURCE_JDBC_URL points at a database. Serves http://127.0.0.1:$${QUARKUS_HTTP_PORT:-8080}/
run: build
	CALLSIGHT_GRAPHQL_UI=$${CALLSIGHT_GRAPHQL_UI:-true} java $(JAVA_OPTS) -jar $(JAR)

build: web
	$(MVN) -q package -DskipTests

## The SPA's production build (frontend/dist), which the backend build packs and serves at /.
web: web-deps
	$(NPM) run build

## `npm ci` when package-lock.json changed since the last install (always on a fresh clone).
web-deps: frontend/node_modules/.package-lock.json

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

## Every test: components (Vitest) and lint beside the backend tests against a real PostgreSQL (embedded
## unless QUARKUS_DATASOURCE_JDBC_URL is set; the web tests' output is printed after the backend's), then the
## browser tests (Playwright in Chromium against the built jar with its own embedded database and demo data).
## The last line sums all three.
WEB_LOG := frontend/test-results/web-tests.log
test: web
	rm -rf frontend/test-results && mkdir -p frontend/test-results
	( $(NPM) test && $(NPM) run lint ) > $(WEB_LOG) 2>&1 & web=$$!; \
	$(MVN) verify; backend=$$?; \
	wait $$web; webrc=$$?; \
	echo "== Components (Vitest) and lint, run beside the backend tests:"; cat $(WEB_LOG); \
	if [ $$webrc -ne 0 ]; then echo "Components or lint failed (exit $$webrc): see above"; fi; \
	[ $$backend -eq 0 ] && [ $$webrc -eq 0 ]
	$(MAKE) --no-print-directory test-e2e
	$(NPM) run --silent test-summary

test-e2e:
	@test -x $(CHROMIUM) || { echo "Chromium not found at $(CHROMIUM): apt-get install -y chromium (.ci/run does)"; exit 1; }
	CHROMIUM_PATH=$(CHROMIUM) $(NPM) run e2e

## Benchmarks (see bench/README.md); figures land in bench/results/.
bench: build
	bench/run-all.sh

## A simulated floor streamed live into a running service (`make run` in another terminal): calls and agent
## states at 60x (a simulated hour per minute) for a simulated shift; see bench/README.md. Credentials:
## CALLSIGHT_API_KEY, else login as admin with CALLSIGHT_ADMIN_PASSWORD (default: the demo password).
REPLAY_URL ?= http://127.0.0.1:$${QUARKUS_HTTP_PORT:-8080}
REPLAY_ARGS ?= --speed 60 --hours 8 --agents 30
replay:
	python3 bench/replay.py --url $(REPLAY_URL) $(REPLAY_ARGS)

## The consistency check of a running service: every rollup against the call fact, every feed row against its
## call (GraphQL consistencyCheck, ADMIN); prints the report, exits non-zero when a check is not ok.
## Credentials as for replay; CHECK_URL defaults to REPLAY_URL.
CHECK_URL ?= $(REPLAY_URL)
consistency-check:
	python3 bench/consistency_check.py --url $(CHECK_URL)

## Quarkus dev mode (live reload) on :8080; `make dev-ui` runs Vite on :5173 proxying to it.
dev:
	$(MVN) -pl backend quarkus:dev

dev-ui: web-deps
	$(NPM) run dev

## docker compose deployment (postgres + backend + nginx serving the web app); configuration, backups, upgrades
## and metrics: docs/operations.md.
up:
	docker compose up --build -d

down:
	docker compose down

clean:
	$(MVN) -q clean
	rm -rf frontend/dist frontend/test-results frontend/playwright-report
