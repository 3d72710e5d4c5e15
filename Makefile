# inspex: make builds build/inspex; make check runs every test.
# make check SANITIZE=1 builds into build/san with ASan and UBSan.

PKGS     := libxml-2.0 libpcre2-8 jansson uchardet zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARN) -Iinclude -Isrc $(PKG_CFLAGS) $(CFLAGS)
LDLIBS   := $(PKG_LIBS) -lm -pthread

ifeq ($(SANITIZE),1)
B        := build/san
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
else
B        := build
endif

PREFIX   ?= /usr/local
# The CLI: options, inputs, the worker pool, the progress line.
CLI_SRC  := src/main.c src/batch.c src/inputs.c src/progress.c
CLI_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(CLI_SRC))
LIB_SRC  := $(filter-out $(CLI_SRC),$(wildcard src/*.c))
LIB_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/rules_default.o
RULES    := $(sort $(wildcard src/rules/*.rules))
TESTS    := $(patsubst tests/%.c,$(B)/%,$(wildcard tests/test_*.c))
BIN      := $(B)/inspex

.PHONY: all check test bench fuzz install clean format deps leakcheck score

all: $(BIN)

$(B)/obj:
	mkdir -p $@

$(B)/obj/%.o: src/%.c src/internal.h src/batch.h include/inspex.h | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The default rules are compiled in as byte arrays (no string-length limit).
$(B)/rules_default.c: $(RULES) | $(B)/obj
	{ echo '/* generated from src/rules by make: do not edit */'; \
	  echo '#include <stddef.h>'; i=0; \
	  for f in $(RULES); do echo "static const unsigned char r$$i[] = {"; \
	    od -An -v -tx1 $$f | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '0};'; i=$$((i+1)); done; \
	  echo 'const char *const ix_default_rules[] = {'; i=0; \
	  for f in $(RULES); do echo "(const char *)r$$i,"; i=$$((i+1)); done; echo "NULL};"; \
	  echo 'const char *const ix_default_rule_names[] = {'; \
	  for f in $(RULES); do echo "\"$$f\","; done; echo 'NULL};'; } > $@

$(B)/obj/rules_default.o: $(B)/rules_default.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libinspex.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(B)/libinspex.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/test_%: tests/test_%.c tests/testutil.h $(B)/libinspex.a
	$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(B)/libinspex.a \
		$(LDLIBS) -lcmocka

# Golden files, bad input and the schema first; the cmocka suites last, so
# the run ends with their summary.
check: $(BIN) $(TESTS)
	BIN=$(BIN) sh tests/golden.sh
	BIN=$(BIN) sh tests/badinput.sh
	BIN=$(BIN) sh tests/batch.sh
	BIN=$(BIN) python3 tests/schema.py
	@set -e; for t in $(TESTS); do echo "== $$t"; ./$$t; done

test: check

bench: $(BIN) $(B)/bench
	./$(B)/bench samples/*.html

$(B)/bench: tests/bench.c $(B)/libinspex.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libinspex.a $(LDLIBS)

# Main text on every corpus of ../shared/corpus (SPLIT=tune|heldout|all).
SPLIT ?= all
score: $(BIN)
	python3 tests/corpus_score.py --bin $(BIN) --split $(SPLIT)

# libFuzzer targets need clang.
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=undefined -std=c11 -D_GNU_SOURCE \
              -Iinclude -Isrc $(PKG_CFLAGS)
fuzz: build/fuzz/fuzz_pipeline build/fuzz/fuzz_rules

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRC) $(B)/rules_default.c \
		src/internal.h include/inspex.h
	mkdir -p build/fuzz
	clang $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(B)/rules_default.c $(LDLIBS)

# valgrind cannot follow PCRE2's JIT code, so leakcheck runs without it.
leakcheck: $(BIN)
	for f in samples/*.html samples/*.mhtml; do \
	  INSPEX_NO_JIT=1 valgrind -q --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
	    $(BIN) --format json $$f >/dev/null || exit 1; done; \
	echo "leakcheck: no leaks, no memory errors"

deps:
	sh .ci/install-deps

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man5
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/inspex
	install -m 644 src/inspex.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 src/inspex-rules.5 $(DESTDIR)$(PREFIX)/share/man/man5/

format:
	clang-format -i src/*.c src/*.h include/*.h tests/*.c tests/*.h

clean:
	rm -rf build
