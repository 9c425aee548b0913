# Makefile for ndr: libndr.a, libndr.so, the ndr tool, tests, demo, install.
#
#   make            build build/ndr, build/libndr.a and build/libndr.so.VERSION
#   make demo       install missing packages, build, run a report on a fixture
#   make check      install missing packages, build, run every test, then again
#                   under AddressSanitizer + UndefinedBehaviorSanitizer (with
#                   LeakSanitizer) and valgrind memcheck, the threaded-reader
#                   tests under ThreadSanitizer, gcc -fanalyzer over src/, and
#                   installcheck
#   make install    PREFIX=/usr/local DESTDIR= (binary, static and shared library,
#                   header, pkg-config file, man page, bash completion);
#                   make uninstall with the same arguments removes those files
#   make installcheck  install into a temporary prefix and build against it
#                   (tests/install.sh), test the bash completion (tests/completion.sh)
#
# User CFLAGS/LDFLAGS are appended after the project's own flags.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
MANDIR  ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
BUILD   ?= build
OPT     ?= -O2 -g

WARN    = -Wall -Wextra -Werror -pedantic -Wshadow -Wformat=2 -Wstrict-prototypes
CPPFLAGS_ALL = -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L
CFLAGS_ALL   = -std=c11 -pthread $(WARN) $(OPT) -MMD -MP $(CFLAGS)
LDFLAGS_ALL  = -pthread $(OPT) $(LDFLAGS)

INPUT_SRC = input/registry input/header input/fields input/events input/stripe_subscriptions \
          input/stripe_lines input/stripe_invoices input/chartmogul_lines \
          input/chartmogul_invoices input/chartmogul_movements input/baremetrics
LIB_SRC = accounts arena batch checksum currency dataset dataset_sort date options period point $(INPUT_SRC) \
          cells hash idmap join json money normalize output output_csv output_json \
          output_table output_chart output_html output_movements output_cohorts output_explain cohorts explain movements \
          combine merge methods output_methods partial pipeline provenance reader report revenue sha256 \
          small_csv snapshot status text \
          timeline utf8 fx
TESTS   = date money utf8 reader dataset hash idmap report examples output formats movements cohorts \
          explain sha256 methods chart partial vendor

# the command-line tool (src/cli/): one file per job, over the public API
CLI_SRC = main options help say run inputs views merge atomic_file progress
CPPFLAGS_CLI = -Iinclude -Isrc/cli -D_POSIX_C_SOURCE=200809L

LIB_OBJ = $(LIB_SRC:%=$(BUILD)/obj/%.o)
CLI_OBJ = $(CLI_SRC:%=$(BUILD)/obj/cli/%.o)
PIC_OBJ = $(LIB_SRC:%=$(BUILD)/pic/%.o)
TEST_BIN = $(TESTS:%=$(BUILD)/tests/test_%)

# The version has one source of truth, NDR_VERSION in include/ndr.h.
VERSION := $(shell sed -n 's/^.define NDR_VERSION "\(.*\)".*/\1/p' include/ndr.h)
SOMAJOR = 0
SOVERSION_FULL = $(VERSION)
SONAME  = libndr.so.$(SOMAJOR)
SHLIB   = $(BUILD)/libndr.so.$(SOVERSION_FULL)

SAN_OPT = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all deps demo check test valgrind analyze clean install uninstall installcheck \
        fuzz bench FORCE
.SECONDARY:

all: $(BUILD)/ndr $(BUILD)/libndr.a $(SHLIB) $(BUILD)/$(SONAME) $(BUILD)/libndr.so

deps:
	@sh scripts/install-deps.sh

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

# the Makefile too: a module added to LIB_SRC must enter the archive
$(BUILD)/libndr.a: $(LIB_OBJ) Makefile
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The shared library: the same sources compiled again as position-independent
# code; libcsv is its only runtime dependency. -z defs makes a symbol missing
# from the link an error (not with sanitizers: clang leaves their runtime out).
SHLIB_DEFS = $(if $(findstring -fsanitize,$(OPT) $(CFLAGS) $(LDFLAGS)),,-Wl,-z,defs)

# -fvisibility=hidden: the library's internal functions stay internal;
# include/ndr.h marks what it exports (tests/exports.sh)
$(BUILD)/pic/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -fPIC -fvisibility=hidden -c $< -o $@

$(SHLIB): $(PIC_OBJ) Makefile
	$(CC) -shared -Wl,-soname,$(SONAME) $(SHLIB_DEFS) $(LDFLAGS_ALL) -o $@ $(PIC_OBJ) -lcsv

$(BUILD)/$(SONAME): $(SHLIB)
	ln -sf libndr.so.$(SOVERSION_FULL) $@

$(BUILD)/libndr.so: $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

# ndr.pc for the install paths of this invocation: rewritten (only when it
# changes) on every run, since PREFIX and LIBDIR are not files make can see.
# Paths under PREFIX are written relative to ${prefix}.
$(BUILD)/ndr.pc: ndr.pc.in FORCE
	@mkdir -p $(@D)
	@sed -e '/^#/d' -e 's|@PREFIX@|$(PREFIX)|' \
	    -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	    -e 's|@INCDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCDIR))|' \
	    -e 's|@VERSION@|$(VERSION)|' ndr.pc.in > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# The tool sees the library through include/ndr.h only: no -Isrc.
$(BUILD)/obj/cli/%.o: src/cli/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_CLI) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/ndr: $(CLI_OBJ) $(BUILD)/libndr.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcsv

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(BUILD)/tests/testutil.o $(BUILD)/libndr.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lcsv -lcmocka

# the option table, printed for tests/drift.sh
$(BUILD)/tests/cli_table: tests/cli_table.c $(BUILD)/obj/cli/options.o $(BUILD)/obj/cli/say.o \
                          $(BUILD)/libndr.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_CLI) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $^ -lcsv

demo: deps all
	./$(BUILD)/ndr report --format table fixtures/demo.csv

# Runs the unit tests, the CLI golden tests and the hostile-input corpus
# against $(BUILD); RUN=tests/valgrind.sh runs every program under valgrind.
test: all $(TEST_BIN) $(BUILD)/gen_events $(BUILD)/tests/cli_table
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $(RUN) ./$$t; done
	@sh tests/cli.sh "$(RUN) ./$(BUILD)/ndr"
	@sh tests/bad_inputs.sh "$(RUN) ./$(BUILD)/ndr"
	@sh tests/chart.sh "$(RUN) ./$(BUILD)/ndr"
	@sh tests/scale.sh ./$(BUILD)/ndr ./$(BUILD)/gen_events
	@CC="$(CC)" sh tests/exports.sh $(BUILD)
	@python3 tests/modules.py $(LIB_OBJ) $(CLI_OBJ)
	@bash tests/drift.sh ./$(BUILD)/tests/cli_table

valgrind: all $(TEST_BIN)
	$(MAKE) test RUN="sh tests/valgrind.sh"

# gcc's static analyzer over the library and the CLI; any finding fails.
analyze:
	@for f in src/*.c src/input/*.c src/cli/*.c; do \
	    $(CC) $(CPPFLAGS_ALL) -Isrc/cli -std=c11 -pthread -O1 -fanalyzer -Wall -Wextra -Werror \
	        -c $$f -o /dev/null || exit 1; done; echo "analyze: gcc -fanalyzer clean on src/"

check: deps
	$(MAKE) test
	$(MAKE) installcheck
	$(MAKE) analyze
	$(MAKE) valgrind
	ASAN_OPTIONS=detect_leaks=1 $(MAKE) test BUILD=build/san OPT="$(SAN_OPT)"
	$(MAKE) build/tsan/tests/test_report BUILD=build/tsan OPT="-O1 -g -fsanitize=thread"
	@echo "== build/tsan/tests/test_report (ThreadSanitizer: the threaded reader)"
	./build/tsan/tests/test_report

# No ldconfig: a packager's DESTDIR install must not touch the system; after
# installing into a system library directory, run ldconfig yourself.
install: all $(BUILD)/ndr.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/ndr $(DESTDIR)$(BINDIR)/ndr
	install -m 644 $(BUILD)/libndr.a $(DESTDIR)$(LIBDIR)/libndr.a
	install -m 644 $(SHLIB) $(DESTDIR)$(LIBDIR)/libndr.so.$(SOVERSION_FULL)
	ln -sf libndr.so.$(SOVERSION_FULL) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libndr.so
	install -m 644 include/ndr.h $(DESTDIR)$(INCDIR)/ndr.h
	install -m 644 $(BUILD)/ndr.pc $(DESTDIR)$(PKGCONFIGDIR)/ndr.pc
	install -m 644 docs/ndr.1 $(DESTDIR)$(MANDIR)/man1/ndr.1
	install -m 644 completions/ndr.bash $(DESTDIR)$(BASHCOMPDIR)/ndr

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ndr $(DESTDIR)$(LIBDIR)/libndr.a \
	      $(DESTDIR)$(LIBDIR)/libndr.so.$(SOVERSION_FULL) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	      $(DESTDIR)$(LIBDIR)/libndr.so $(DESTDIR)$(INCDIR)/ndr.h \
	      $(DESTDIR)$(PKGCONFIGDIR)/ndr.pc $(DESTDIR)$(MANDIR)/man1/ndr.1 \
	      $(DESTDIR)$(BASHCOMPDIR)/ndr

# Installs into a temporary prefix and builds a program against it with
# pkg-config (tests/install.sh), then drives the bash completion and checks it
# offers every option the built ndr's --help lists (tests/completion.sh).
installcheck: all
	MAKE="$(MAKE)" sh tests/install.sh $(BUILD)
	bash tests/completion.sh ./$(BUILD)/ndr

clean:
	rm -rf build

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/input/*.d $(BUILD)/pic/*.d \
    $(BUILD)/pic/input/*.d $(BUILD)/tests/*.d)

# ---- fuzzing (not part of check): make fuzz FUZZ_SECONDS=600 ------------------
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS = -std=c11 -g -O1 -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L \
             -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -pthread

FUZZ_TARGETS = fuzz_reader fuzz_options fuzz_merge
# each target with its own seeds: tests/fuzz/corpus (CSV), corpus_options
# (8 option bytes, then CSV), corpus_merge (partials joined by "--" lines)

$(BUILD)/fuzz_reader $(BUILD)/fuzz_options: $(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c \
        tests/fuzz/fuzz_common.c $(LIB_SRC:%=src/%.c)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ -lcsv

$(BUILD)/fuzz_merge: tests/fuzz/fuzz_merge.c $(LIB_SRC:%=src/%.c)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ -lcsv

# FUZZ_SECONDS for each target in turn; FUZZ_TARGETS=fuzz_merge for one
fuzz:
	@sh scripts/install-deps.sh fuzz
	$(MAKE) $(FUZZ_TARGETS:%=$(BUILD)/%)
	@mkdir -p tests/fuzz/crashes
	@set -e; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(BUILD)/fuzz-corpus/$$t; \
	    seeds=tests/fuzz/corpus; \
	    case $$t in fuzz_options) seeds=tests/fuzz/corpus_options;; \
	        fuzz_merge) seeds=tests/fuzz/corpus_merge;; esac; \
	    echo "== $$t ($(FUZZ_SECONDS) s)"; \
	    ./$(BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	        -rss_limit_mb=1024 -artifact_prefix=tests/fuzz/crashes/$$t- \
	        $(BUILD)/fuzz-corpus/$$t $$seeds; \
	done

# ---- benchmark (not part of check): make bench N=1000000 SEED=1 REPEAT=3 -----
N ?= 1000000
SEED ?= 1
REPEAT ?= 3

$(BUILD)/gen_events: tests/gen_events.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $<

$(BUILD)/csvparse: bench/csvparse.c
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< -lcsv

$(BUILD)/measure: bench/measure.c
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $<

bench: deps all $(BUILD)/gen_events $(BUILD)/csvparse $(BUILD)/measure
	sh bench/bench.sh $(BUILD) $(N) $(SEED) $(REPEAT)
	sh bench/scale.sh $(BUILD) $(N) $(SEED) $(REPEAT)
	sh bench/formats.sh $(BUILD) $(N) $(SEED) $(REPEAT)
