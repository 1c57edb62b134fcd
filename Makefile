# rawhttpget build entry points. Run as root: deps installs packages; the demo and the end-to-end tests
# create network namespaces.
#   make            deps + build: ./rawhttpget.jar
#   make demo       downloads through the userspace stack in a namespace test network, checks sha256s
#   make test       unit tests, a bounded fuzzing run, then end-to-end tests (all must pass)
#   make fuzz       every Jazzer fuzz target for FUZZ_SECONDS each (default 60): make fuzz FUZZ_SECONDS=600
#   make test-unit / make test-fuzz / make test-e2e / make clean
#   make install    build, then install the jar and a `rawhttpget` launcher under PREFIX (default /usr/local)
#   make uninstall  remove what install put there
#   make bench      benchmarks (not part of make test): bench-lan, bench-https, bench-startup, bench-wan, bench-report,
#                   bench-many
#   make bench-lan  curl vs rawhttpget on the LAN test network (scripts/bench-lan.sh; ROUNDS=, SIZE_MB=)
#   make bench-https  curl vs rawhttpget (plain java -jar) over HTTPS on the LAN test network (ROUNDS=, SIZE_MB=)
#   make bench-startup  a small file: rawhttpget (plain java -jar) vs java -version, curl, wget (RUNS=)
#   make bench-wan  rawhttpget vs curl over an emulated WAN (scripts/bench-wan.sh)
#   make bench-many  20 URLs of 1 MiB in one run: rawhttpget (plain java -jar) vs wget and curl (ROUNDS=, COUNT=, SIZE_MB=)
#   make bench-split  one 100 MiB file over 100 ms RTT, 400 Mbit/s, 2 % loss: --split 8 vs aria2c -x8 -s8 and curl
#                   (scripts/bench-split.sh; ROUNDS=, SIZE_MB=, SPLIT=, WAN=)
#   make bench-report  the cost of --report: a LAN download with and without it (scripts/bench-report.sh; ROUNDS=, SIZE_MB=)
#   make bench-jmh  JMH microbenchmarks of the receive path (src/jmh/java, Maven profile jmh; JMH_ARGS=)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# Prerequisites run one after another, in the order written (test = build, then unit, then e2e).
.NOTPARALLEL:
.DEFAULT_GOAL := all

MVN := mvn -B
JAR := rawhttpget.jar
MAIN_CLASS := rawhttpget/cli/Main.class

# Seconds per fuzz target: `make fuzz` as long as asked; `make test` keeps its 22 targets near 3.5 minutes.
FUZZ_SECONDS ?= 60
TEST_FUZZ_SECONDS := 9

# Where `make install` puts things; DESTDIR stages an install elsewhere (packaging, tests).
PREFIX ?= /usr/local
DESTDIR ?=
INSTALLED_JAR := $(PREFIX)/share/rawhttpget/rawhttpget.jar
# The launcher's JVM flags (docs/PERFORMANCE.md, "JVM flags, for a launcher"): config/jvm.options, and the class-data archive install writes.
# Each is single-quoted in the launcher: some hold shell patterns (rawhttpget.*::*).
INSTALLED_CDS := $(PREFIX)/share/rawhttpget/rawhttpget.jsa
JVM_FLAGS := $(shell sed -e '/^[#]/d' -e "s/.*/'&'/" config/jvm.options) -XX:SharedArchiveFile='$(INSTALLED_CDS)' -Xlog:cds=off -Xlog:cds+dynamic=off
# The launcher names java by the path found now, so it works under sudo's reset PATH as well.
JAVA_BIN ?= $(shell command -v java 2>/dev/null || echo java)

.PHONY: all deps build demo test test-unit test-fuzz fuzz test-e2e clean install install-files uninstall wanem cds bench bench-lan bench-https bench-startup bench-wan bench-report bench-many bench-split bench-jmh

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

# Class-data sharing: the classes a run loads (JDK, logback, JNA, Pcap4J, ours), parsed once here and mapped
# at start-up. The training run (rawhttpget.cli.CdsTraining) is --version, which loads libpcap through Pcap4J,
# plus every class of ours, of Pcap4J's core and of JNA; the archive is tied to this jar file (path, size,
# time), so it is rebuilt with it. Optional: without it the jar starts as before.
CDS := rawhttpget.jsa
cds:
	rm -f $(CDS)
	@if java -XX:ArchiveClassesAtExit=$(CDS) -cp $(JAR) rawhttpget.cli.CdsTraining >target/cds.log 2>&1 && [ -s $(CDS) ]; then \
	    echo "build: wrote $(CDS) (start with -XX:SharedArchiveFile=$(CDS), see config/jvm.options)"; \
	else \
	    echo "build: no class-data archive (see target/cds.log); rawhttpget.jar starts without one" >&2; rm -f $(CDS); \
	fi

demo: build
	scripts/demo.sh

test: build test-unit test-fuzz test-e2e

# mvn test also replays every committed fuzz input (regression mode); these two explore for new ones.
test-unit: deps
	$(MVN) test

test-fuzz: deps
	$(MVN) -q test-compile
	scripts/fuzz.sh $(TEST_FUZZ_SECONDS)

fuzz: deps
	$(MVN) -q test-compile
	scripts/fuzz.sh $(FUZZ_SECONDS)

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

# Benchmarks: measurements, not pass/fail tests. Each bench-* target is one benchmark; add new ones to bench
# (it runs them one after another, .NOTPARALLEL).
bench: bench-lan bench-https bench-startup bench-wan bench-report bench-many bench-split

bench-lan: build
	scripts/bench-lan.sh $(JAR)

bench-https: build
	scripts/bench-https.sh $(JAR)

bench-startup: build
	scripts/bench-startup.sh $(JAR)

bench-wan: build wanem
	scripts/bench-wan.sh

bench-report: build
	scripts/bench-report.sh $(JAR)

bench-many: build
	scripts/bench-many.sh $(JAR)

bench-split: build wanem
	scripts/bench-split.sh $(JAR)

# JMH runs from the jmh profile's own tree (target/jmh), so JMH never enters the jar or make test.
JMH_ARGS ?=
bench-jmh: deps
	$(MVN) -q -Pjmh test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh/classpath
	java -cp target/jmh/classes:target/jmh/test-classes:$$(cat target/jmh/classpath) org.openjdk.jmh.Main $(JMH_ARGS)

clean:
	rm -rf target $(JAR) $(CDS)

install: build install-files

# install-files installs the jar that is there, without building (the install test stages it in DESTDIR).
install-files:
	@[ -f $(JAR) ] || { echo "install: no $(JAR); run 'make build' first" >&2; exit 1; }
	@case '$(PREFIX)$(JAVA_BIN)' in *"'"*) echo "install: PREFIX and java's path may not contain a quote" >&2; exit 1;; esac
	install -d '$(DESTDIR)$(PREFIX)/bin' '$(DESTDIR)$(PREFIX)/share/rawhttpget'
	install -m 0644 $(JAR) '$(DESTDIR)$(INSTALLED_JAR)'
	@# The archive is tied to the jar's path: made here, for the installed copy (stale, and ignored, under DESTDIR).
	rm -f '$(DESTDIR)$(INSTALLED_CDS)'
	'$(JAVA_BIN)' -XX:ArchiveClassesAtExit='$(DESTDIR)$(INSTALLED_CDS)' -cp '$(DESTDIR)$(INSTALLED_JAR)' rawhttpget.cli.CdsTraining \
	    >/dev/null 2>&1 || { echo "install: no class-data archive; rawhttpget starts without one" >&2; rm -f '$(DESTDIR)$(INSTALLED_CDS)'; }
	printf '%s\n' '#!/bin/sh' \
	    '# rawhttpget launcher, written by make install. Needs root or CAP_NET_RAW+CAP_NET_ADMIN.' \
	    '# JVM flags from config/jvm.options and the class-data archive beside the jar (docs/PERFORMANCE.md).' \
	    '# RAWHTTPGET_JAVA_OPTS adds JVM options, e.g. -Dlogback.configurationFile=FILE.' \
	    "exec '$(JAVA_BIN)' $(JVM_FLAGS) \$$RAWHTTPGET_JAVA_OPTS -jar '$(INSTALLED_JAR)' \"\$$@\"" \
	    >'$(DESTDIR)$(PREFIX)/bin/rawhttpget.tmp'
	chmod 0755 '$(DESTDIR)$(PREFIX)/bin/rawhttpget.tmp'
	mv '$(DESTDIR)$(PREFIX)/bin/rawhttpget.tmp' '$(DESTDIR)$(PREFIX)/bin/rawhttpget'

uninstall:
	rm -f '$(DESTDIR)$(PREFIX)/bin/rawhttpget' '$(DESTDIR)$(INSTALLED_JAR)' '$(DESTDIR)$(INSTALLED_CDS)'
	rmdir '$(DESTDIR)$(PREFIX)/share/rawhttpget' 2>/dev/null || true
