# tern: build, test and install.
#
#   make                 release build (same as `make build`)
#   make demo            the HOW-TO scenario: three nodes in a private network namespace, narrated
#   make fuzz            libFuzzer on each decoder for SECONDS=60 (FUZZ_TARGETS= to pick); docs/FUZZING.md
#   make test            what CI runs: deps, check, build the tests, run them in a private network namespace
#   make faults          the fault-injection scenarios at full length, one table row each (docs/RELIABILITY.md)
#   make man completions regenerate man/ and completions/ from the commands (commit the result)
#   make install         PREFIX=/usr/local DESTDIR= : binaries, man pages, bash/zsh/fish completions
#   make help            every target
#
# Every executable is listed once, in TOOLS; every target iterates over it.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

TOOLS := tern-snap tern-ping tern-recv tern-xfer tern-node

SWIFT ?= swift
# Extra flags for `swift test --skip-build`, e.g. `make test TEST_FLAGS='--filter TernCoreTests'`.
TEST_FLAGS ?=

# Debian packages the build, the tests and the benchmarks need beyond the Swift toolchain.
# iperf3 and sockperf: the loopback limits the replication benchmark compares with; linux-perf: profiles;
# jq reads the tools' JSON Lines in the benchmarks; curl makes make demo's HTTP calls; wrk and curl
# drive tern-node's HTTP API in the benchmark (node.sh); nftables makes the lossy network of the fault
# scenarios (this kernel has no netem).
APT_PACKAGES := zlib1g-dev pkg-config iproute2 pigz gzip time util-linux iperf3 sockperf linux-perf jq wrk curl \
    nftables

# Where `swift build -c release` puts the executables.
RELEASE_DIR := .build/release
# How release executables (build, install, bench) are linked; docs/PERFORMANCE.md has the measurements.
# The Swift runtime and Foundation are linked statically: one binary maps no libswiftCore.so or
# libFoundationEssentials.so, and links only the parts it needs. lld packs the relative relocations
# (-z pack-relative-relocs, glibc 2.36 or later), and --no-export-dynamic keeps the runtime's symbols
# out of the dynamic symbol table, which the loader would search on every symbol lookup. Debug builds
# (make test, man, completions) are linked as swift build does by default.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -use-ld=lld \
    -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic
# The build the man pages and completions are generated from. Debug by default: `make test` builds
# debug anyway, so `check` adds no release build to CI; the output is the same from either build.
GEN_CONFIG ?= debug

# Generated, committed files. `check` regenerates them elsewhere by overriding these two.
MAN_DIR ?= man
COMPLETIONS_DIR ?= completions
MAN_SECTION := 1
# The date printed in the man pages. Pinned, so that regenerating is reproducible on any machine and
# any day; bump it by hand for a release (format yyyy-mm-dd), then `make man`.
MAN_DATE := 2026-11-26
# The argument parser's generate-manual plugin writes here (one folder per executable target).
MAN_PLUGIN_OUT := .build/plugins/GenerateManual/outputs

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/bin
MAN1DIR := $(PREFIX)/share/man/man$(MAN_SECTION)
BASH_COMPLETIONS_DIR := $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS_DIR := $(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS_DIR := $(PREFIX)/share/fish/vendor_completions.d

# Fuzzing (docs/FUZZING.md). Each target is an executable fuzz-<name> (Tests/Fuzz/fuzz-<name>), built
# with libFuzzer and AddressSanitizer in its own scratch path. New corpus entries, crashes and logs go
# to FUZZ_OUT, never into git; the committed seeds in Tests/Fuzz/Corpus/<name> are only read.
FUZZ_TARGETS ?= heartbeat frames tribes snapshot json sealing
SECONDS ?= 60
FUZZ_OUT ?= fuzz-out
FUZZ_SCRATCH := .build-fuzz
FUZZ_BUILD_FLAGS := -c release --scratch-path $(FUZZ_SCRATCH) -Xswiftc -sanitize=fuzzer,address -Xswiftc -DTERN_FUZZ
# Niceness of the fuzzer processes: the machines are shared with builds.
FUZZ_NICE ?= 10
# Extra libFuzzer options, e.g. FUZZ_OPTIONS='-max_len=65536 -seed=1'.
FUZZ_OPTIONS ?=
FUZZ_CORPUS := Tests/Fuzz/Corpus

BENCH_SCRIPT := Tests/Benchmarks/run.sh
# The fault-injection suites (Tests/EndToEndTests/Faults), and where `make faults` collects their rows.
FAULT_SUITES := (KillDuringSyncWrites|PulledCord|LossyNetwork|ReplicationPortGarbage|HalfOpenFlood|WrongKeyNode|SnapshotKill)Tests
FAULTS_REPORT := bench-out/faults.jsonl
DEMO_SCRIPT := Tests/Demo/demo.sh

.PHONY: build deps test check man completions install uninstall bench faults demo demo-snapshot fuzz clean help

## build: release build of every executable (swift build $(RELEASE_FLAGS): Swift runtime linked statically)
build: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## deps: install the Debian packages the project needs, only those missing (needs root)
deps:
	@missing=(); \
	for pkg in $(APT_PACKAGES); do \
	    status=$$(dpkg -s "$$pkg" 2>/dev/null) || status=; \
	    [[ $$status == *"Status: install ok installed"* ]] || missing+=("$$pkg"); \
	done; \
	if (( $${#missing[@]} == 0 )); then exit 0; fi; \
	if (( EUID != 0 )); then \
	    echo "make deps: missing Debian packages: $${missing[*]}" >&2; \
	    echo "make deps: not root, so not installing them; run 'sudo make deps' or install them yourself" >&2; \
	    exit 0; \
	fi; \
	echo "make deps: installing $${missing[*]}"; \
	apt-get update; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$${missing[@]}"

## test: deps, check, build the tests, then run them inside a private network namespace (.ci/netns-run)
test: deps check
	$(SWIFT) build --build-tests
	.ci/netns-run $(SWIFT) test --skip-build --disable-xctest $(TEST_FLAGS)

## check: fail when man/ or completions/ differ from what the commands generate now
check: deps
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/tern-check.XXXXXX"); \
	trap 'rm -rf "$$tmp"' EXIT; \
	$(MAKE) man completions MAN_DIR="$$tmp/man" COMPLETIONS_DIR="$$tmp/completions"; \
	status=0; \
	diff -ru $(MAN_DIR) "$$tmp/man" || status=1; \
	diff -ru $(COMPLETIONS_DIR) "$$tmp/completions" || status=1; \
	if (( status != 0 )); then \
	    echo "make check: $(MAN_DIR)/ or $(COMPLETIONS_DIR)/ is out of date with the commands (diff above)." >&2; \
	    echo "make check: run 'make man completions' and commit the result." >&2; \
	    exit 1; \
	fi; \
	echo "make check: $(MAN_DIR)/ and $(COMPLETIONS_DIR)/ are up to date"

## man: regenerate man/TOOL.1 (one page per tool, all subcommands in it) with the generate-manual plugin
man: deps
	rm -rf $(MAN_PLUGIN_OUT)
	$(SWIFT) package plugin generate-manual --configuration $(GEN_CONFIG) --date $(MAN_DATE) --section $(MAN_SECTION)
	@mkdir -p $(MAN_DIR); \
	for tool in $(TOOLS); do \
	    page=$(MAN_PLUGIN_OUT)/$$tool/$$tool.$(MAN_SECTION); \
	    if [[ ! -f $$page ]]; then \
	        echo "make man: the plugin made no $$page; does $$tool run an ArgumentParser command?" >&2; \
	        exit 1; \
	    fi; \
	    cp $$page $(MAN_DIR)/$$tool.$(MAN_SECTION); \
	    echo "wrote $(MAN_DIR)/$$tool.$(MAN_SECTION)"; \
	done

## completions: regenerate completions/ (bash, zsh, fish) with each executable's --generate-completion-script
completions: deps
	$(SWIFT) build -c $(GEN_CONFIG)
	@mkdir -p $(COMPLETIONS_DIR); \
	for tool in $(TOOLS); do \
	    for shell_file in bash:$$tool.bash zsh:_$$tool fish:$$tool.fish; do \
	        shell=$${shell_file%%:*}; out=$(COMPLETIONS_DIR)/$${shell_file#*:}; \
	        .build/$(GEN_CONFIG)/$$tool --generate-completion-script $$shell > "$$out.tmp"; \
	        if [[ ! -s "$$out.tmp" ]]; then \
	            echo "make completions: $$tool --generate-completion-script $$shell printed nothing" >&2; \
	            rm -f "$$out.tmp"; exit 1; \
	        fi; \
	        mv "$$out.tmp" "$$out"; \
	        echo "wrote $$out"; \
	    done; \
	done

## install: release binaries, man pages and completions under $(DESTDIR)$(PREFIX)
install: build
	install -d -m 0755 "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MAN1DIR)" "$(DESTDIR)$(BASH_COMPLETIONS_DIR)" \
	    "$(DESTDIR)$(ZSH_COMPLETIONS_DIR)" "$(DESTDIR)$(FISH_COMPLETIONS_DIR)"
	@for tool in $(TOOLS); do \
	    set -x; \
	    install -m 0755 $(RELEASE_DIR)/$$tool "$(DESTDIR)$(BINDIR)/$$tool"; \
	    install -m 0644 $(MAN_DIR)/$$tool.$(MAN_SECTION) "$(DESTDIR)$(MAN1DIR)/$$tool.$(MAN_SECTION)"; \
	    install -m 0644 $(COMPLETIONS_DIR)/$$tool.bash "$(DESTDIR)$(BASH_COMPLETIONS_DIR)/$$tool"; \
	    install -m 0644 $(COMPLETIONS_DIR)/_$$tool "$(DESTDIR)$(ZSH_COMPLETIONS_DIR)/_$$tool"; \
	    install -m 0644 $(COMPLETIONS_DIR)/$$tool.fish "$(DESTDIR)$(FISH_COMPLETIONS_DIR)/$$tool.fish"; \
	    { set +x; } 2>/dev/null; \
	done

## uninstall: remove what install put under $(DESTDIR)$(PREFIX)
uninstall:
	@for tool in $(TOOLS); do \
	    set -x; \
	    rm -f "$(DESTDIR)$(BINDIR)/$$tool" "$(DESTDIR)$(MAN1DIR)/$$tool.$(MAN_SECTION)" \
	        "$(DESTDIR)$(BASH_COMPLETIONS_DIR)/$$tool" "$(DESTDIR)$(ZSH_COMPLETIONS_DIR)/_$$tool" \
	        "$(DESTDIR)$(FISH_COMPLETIONS_DIR)/$$tool.fish"; \
	    { set +x; } 2>/dev/null; \
	done

## bench: release build, then the benchmarks (Tests/Benchmarks/run.sh) inside a private network namespace
bench: build
	@if [[ ! -f $(BENCH_SCRIPT) ]]; then \
	    echo "make bench: $(BENCH_SCRIPT) does not exist yet; nothing to run"; \
	    exit 0; \
	fi; \
	export TERN_BIN_DIR="$(abspath $(RELEASE_DIR))" TERN_TOOLS="$(TOOLS)"; \
	set -x; \
	.ci/netns-run bash $(BENCH_SCRIPT)

## faults: release build, then the fault-injection scenarios at full length, one after the other, in a private
## network namespace; prints each scenario's row of docs/RELIABILITY.md's table (rows in $(FAULTS_REPORT))
faults: build
	$(SWIFT) build --build-tests
	@mkdir -p $(dir $(FAULTS_REPORT)); rm -f $(FAULTS_REPORT); \
	status=0; \
	TERN_FAULTS_FULL=1 TERN_FAULTS_REPORT="$(abspath $(FAULTS_REPORT))" TERN_BIN_DIR="$(abspath $(RELEASE_DIR))" \
	    .ci/netns-run timeout 3600 $(SWIFT) test --skip-build --disable-xctest --no-parallel \
	    --filter '$(FAULT_SUITES)' || status=$$?; \
	echo; \
	echo "| scenario | load | faults | writes acknowledged | writes found | result |"; \
	echo "|---|---|---|---|---|---|"; \
	if [[ -s $(FAULTS_REPORT) ]]; then \
	    jq -r '"| \(.scenario) | \(.load) | \(.faults) | \(.acknowledged) | \(.found) | \(.result) |"' $(FAULTS_REPORT); \
	fi; \
	exit $$status

## demo: the HOW-TO's scenario: three tern-nodes and an observer in a private network namespace, narrated, with curl
demo: build
	TERN_BIN_DIR="$(abspath $(RELEASE_DIR))" bash $(DEMO_SCRIPT)

## demo-snapshot: a snapshot round trip with the release tern-snap, each command shown before it runs
demo-snapshot: build
	@TMP=$$(mktemp -d "$${TMPDIR:-/tmp}/tern-demo.XXXXXX"); \
	trap 'rm -rf "$$TMP"' EXIT; \
	export PATH="$(abspath $(RELEASE_DIR)):$$PATH"; \
	cd "$$TMP"; \
	echo "# in a temporary directory, with $(RELEASE_DIR) first on PATH"; \
	run() { printf '$$ %s\n' "$$*"; "$$@"; }; \
	run tern-snap generate --sessions 2000 --seed 42 -o demo.tsnap; \
	run tern-snap compress demo.tsnap -o demo.tsnap.gz; \
	run tern-snap inspect demo.tsnap.gz; \
	run tern-snap verify demo.tsnap.gz

## fuzz: libFuzzer+ASan on each of FUZZ_TARGETS for SECONDS (default 60); output in FUZZ_OUT (docs/FUZZING.md)
fuzz: deps
	@for target in $(FUZZ_TARGETS); do \
	    [[ -d $(FUZZ_CORPUS)/$$target ]] || { echo "make fuzz: no target $$target (known: heartbeat frames tribes snapshot json sealing)" >&2; exit 2; }; \
	    set -x; \
	    $(SWIFT) build $(FUZZ_BUILD_FLAGS) --product fuzz-$$target; \
	    { set +x; } 2>/dev/null; \
	done
	@bin=$$($(SWIFT) build $(FUZZ_BUILD_FLAGS) --show-bin-path); \
	mkdir -p $(FUZZ_OUT); \
	status=0; summary=(); \
	for target in $(FUZZ_TARGETS); do \
	    corpus=$(FUZZ_OUT)/corpus/$$target; artifacts=$(FUZZ_OUT)/artifacts/$$target; log=$(FUZZ_OUT)/$$target.log; \
	    mkdir -p "$$corpus" "$$artifacts"; \
	    echo "make fuzz: fuzz-$$target for $(SECONDS) s (log $$log; new corpus entries in $$corpus)"; \
	    set +e; \
	    SWIFT_BACKTRACE=enable=no nice -n $(FUZZ_NICE) "$$bin/fuzz-$$target" -max_total_time=$(SECONDS) -timeout=10 -print_final_stats=1 \
	        -artifact_prefix="$$artifacts/" $(FUZZ_OPTIONS) "$$corpus" $(FUZZ_CORPUS)/$$target > "$$log" 2>&1; \
	    code=$$?; set -e; \
	    last=$$(grep -E '^#[0-9]+' "$$log" | tail -1); \
	    execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' "$$log"); \
	    rate=$$(sed -n 's/^stat::average_exec_per_sec: *//p' "$$log"); \
	    cov=$$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$$last"); ft=$$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$$last"); \
	    corp=$$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<< "$$last"); \
	    found=$$(find "$$artifacts" -type f ! -name REPLAY.txt | sort); \
	    summary+=("$$(printf '%-10s execs %-10s exec/s %-7s cov %-6s ft %-6s corpus %-12s crashes %s' \
	        $$target "$${execs:-?}" "$${rate:-?}" "$${cov:-?}" "$${ft:-?}" "$${corp:-?}" $$(grep -c . <<< "$$found" || true))"); \
	    if [[ -n $$found ]]; then \
	        status=1; \
	        for crash in $$found; do \
	            echo "$$bin/fuzz-$$target $$crash    # libFuzzer build: runs the input once, with the sanitizer report"; \
	            echo "swift build --product fuzz-$$target && .build/debug/fuzz-$$target $$crash    # plain build: the checks' message"; \
	        done > "$$artifacts/REPLAY.txt"; \
	        echo "make fuzz: fuzz-$$target found $$(grep -c . <<< "$$found") crash(es); replay with:" >&2; \
	        cat "$$artifacts/REPLAY.txt" >&2; \
	        grep -E 'ERROR|property violated|==[0-9]+==' "$$log" | head -5 >&2 || true; \
	    elif (( code != 0 )); then \
	        status=1; echo "make fuzz: fuzz-$$target exited with status $$code (see $$log)" >&2; \
	    fi; \
	done; \
	printf '%s\n' "$${summary[@]}"; \
	exit $$status

## clean: remove build products and generated scratch files
clean:
	$(SWIFT) package clean
	rm -rf bench-out $(FUZZ_OUT) $(FUZZ_SCRATCH)
	rm -f $(MAN_DIR)/*.tmp $(COMPLETIONS_DIR)/*.tmp

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)
