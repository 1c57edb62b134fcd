# rawhttpget build entry points. Run as root: deps installs packages; the demo and the end-to-end tests
# create network namespaces.
#   make            deps + build: ./rawhttpget.jar
#   make demo       downloads through the userspace stack in a namespace test network, checks sha256s
#   make test       unit tests, then end-to-end tests (both must pass)
#   make test-unit / make test-e2e / make clean
#   make bench      benchmarks (never part of make test): bench-lan, plus any bench-* target added below it
#   make bench-lan  curl vs rawhttpget on the LAN test network (scripts/bench-lan.sh; ROUNDS=, SIZE_MB=)
#   make bench-jmh  JMH microbenchmarks of the receive path (src/jmh/java, Maven profile jmh; JMH_ARGS=)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Prerequisites run one after another, in the order written (test = build, then unit, then e2e).
.NOTPARALLEL:
.DEFAULT_GOAL := all

MVN := mvn -B
JAR := rawhttpget.jar
MAIN_CLASS := rawhttpget/cli/Main.class

.PHONY: all deps build demo test test-unit test-e2e clean cds bench bench-lan bench-jmh

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
	$(MAKE) --no-print-directory cds

# Class-data sharing: the classes a run loads (JDK, picocli, logback, JNA, Pcap4J), parsed once here and mapped
# at start-up. The training run is --version, which loads libpcap through Pcap4J; the archive is tied to this
# jar file (path, size, time), so it is rebuilt with it. Optional: without it the jar starts as before.
CDS := rawhttpget.jsa
cds:
	rm -f $(CDS)
	@if java -XX:ArchiveClassesAtExit=$(CDS) -jar $(JAR) --version >target/cds.log 2>&1 && [ -s $(CDS) ]; then \
	    echo "build: wrote $(CDS) (start with -XX:SharedArchiveFile=$(CDS), see config/jvm.options)"; \
	else \
	    echo "build: no class-data archive (see target/cds.log); rawhttpget.jar starts without one" >&2; rm -f $(CDS); \
	fi

demo: build
	scripts/demo.sh

test: build test-unit test-e2e

test-unit: deps
	$(MVN) test

test-e2e: build
	$(MVN) test -Pe2e

# Each benchmark is its own target; bench runs them all, one after another (.NOTPARALLEL).
bench: bench-lan

bench-lan: build
	scripts/bench-lan.sh $(JAR)

# JMH runs from the jmh profile's own tree (target/jmh), so JMH never enters the jar or make test.
JMH_ARGS ?=
bench-jmh: deps
	$(MVN) -q -Pjmh test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh/classpath
	java -cp target/jmh/classes:target/jmh/test-classes:$$(cat target/jmh/classpath) org.openjdk.jmh.Main $(JMH_ARGS)

clean:
	rm -rf target $(JAR) $(CDS)
