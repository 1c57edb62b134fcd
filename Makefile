# rawhttpget build entry points. Run as root: deps installs packages; the demo and the end-to-end tests
# create network namespaces.
#   make            deps + build: ./rawhttpget.jar
#   make demo       downloads through the userspace stack in a namespace test network, checks sha256s
#   make test       unit tests, then end-to-end tests (both must pass)
#   make test-unit / make test-e2e / make clean
#   make bench      benchmarks (not part of make test): bench-wan, rawhttpget vs curl over an emulated WAN
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Prerequisites run one after another, in the order written (test = build, then unit, then e2e).
.NOTPARALLEL:
.DEFAULT_GOAL := all

MVN := mvn -B
JAR := rawhttpget.jar
MAIN_CLASS := rawhttpget/cli/Main.class

.PHONY: all deps build demo test test-unit test-e2e clean wanem bench bench-wan

all: build

deps:
	scripts/deps.sh

# The shaded jar builds even without the CLI class and then fails only when run, so check for it here.
# (Process substitution, not a pipe: under pipefail, grep -q exiting early would fail the pipeline at random.)
# The old jar goes first: a failed build must not leave one that looks current.
build: deps
	rm -f $(JAR)
	$(MVN) -q package -DskipTests
	@if ! grep -qxF '$(MAIN_CLASS)' <(jar tf target/rawhttpget-all.jar); then \
	    echo "build: target/rawhttpget-all.jar has no $(MAIN_CLASS): rawhttpget.cli.Main is not written yet" >&2; \
	    exit 1; \
	fi
	cp target/rawhttpget-all.jar $(JAR)

demo: build
	scripts/demo.sh

test: build test-unit test-e2e

test-unit: deps
	$(MVN) test

test-e2e: build wanem
	$(MVN) test -Pe2e

# The userspace WAN emulator from the shared tools (TESTNET.md: this kernel has no sch_netem). Where the
# source is not beside the repository, the WAN tests and benchmark say so and skip.
WANEM_SRC ?= ../shared/tools/wanem.c
wanem: deps
	@if [ -f $(WANEM_SRC) ]; then $(MAKE) --no-print-directory target/wanem; \
	 else echo "wanem: $(WANEM_SRC) not found; WAN scenarios need tc netem or it" >&2; fi

target/wanem: $(WANEM_SRC)
	mkdir -p target
	cc -O2 -Wall -o $@ $<

# Benchmarks: measurements, not pass/fail tests. Each bench-* target is one benchmark; add new ones to bench.
bench: bench-wan

bench-wan: build wanem
	scripts/bench-wan.sh

clean:
	rm -rf target $(JAR)
