# Callsight: the two commands are `make run` and `make test`.
SHELL := /bin/bash
MVN ?= ./mvnw -B
JAR := backend/target/quarkus-app/quarkus-run.jar
JAVA_OPTS ?= -Xmx512m

.PHONY: run build test bench up down dev clean

## Build the service (skipping tests) and run it: embedded PostgreSQL + demo data unless
## QUARKUS_DATASOURCE_JDBC_URL points at a database. Serves http://127.0.0.1:$${QUARKUS_HTTP_PORT:-8080}/
run: build
	java $(JAVA_OPTS) -jar $(JAR)

build:
	$(MVN) -q package -DskipTests

## Every test, against a real PostgreSQL (embedded unless QUARKUS_DATASOURCE_JDBC_URL is set).
test:
	$(MVN) verify

## Benchmarks (see bench/README.md); figures land in bench/results/.
bench: build
	bench/run-all.sh

## Quarkus dev mode (live reload).
dev:
	$(MVN) -pl backend quarkus:dev

## docker compose deployment (postgres + backend).
up:
	docker compose up --build -d

down:
	docker compose down

clean:
	$(MVN) -q clean
