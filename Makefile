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
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
VERSION  := $(shell sed -n 's/^\#define INSPEX_VERSION "\(.*\)"/\1/p' include/inspex.h)
SOMAJOR  := $(firstword $(subst ., ,$(VERSION)))
SONAME   := libinspex.so.$(SOMAJOR)
SOREAL   := libinspex.so.$(VERSION)
# The CLI: options, inputs, the worker pool, the progress line.
CLI_SRC  := src/main.c src/batch.c src/inputs.c src/progress.c
CLI_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(CLI_SRC))
LIB_SRC  := $(filter-out $(CLI_SRC),$(wildcard src/*.c))
LIB_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/rules_default.o
PIC_OBJ  := $(patsubst $(B)/obj/%,$(B)/pic/%,$(LIB_OBJ))
SHLIB    := $(B)/$(SOREAL)
RULES    := $(sort $(wildcard src/rules/*.rules))
TESTS    := $(patsubst tests/%.c,$(B)/%,$(wildcard tests/test_*.c))
BIN      := $(B)/inspex

.PHONY: all check test bench fuzz install uninstall clean format deps \
	leakcheck score

all: $(BIN) $(SHLIB)

$(B)/obj $(B)/pic:
	mkdir -p $@

$(B)/obj/%.o: src/%.c src/internal.h src/batch.h include/inspex.h | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The shared library gets its own position-independent objects.
$(B)/pic/%.o: src/%.c src/internal.h include/inspex.h | $(B)/pic
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

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

$(B)/pic/rules_default.o: $(B)/rules_default.c | $(B)/pic
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

$(B)/libinspex.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The version script keeps every ix_* name out of the dynamic symbol table.
$(SHLIB): $(PIC_OBJ) src/libinspex.map
	$(CC) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
		-Wl,--version-script=src/libinspex.map -Wl,-z,defs \
		-o $@ $(PIC_OBJ) $(LDLIBS)
	ln -sf $(SOREAL) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/libinspex.so

$(BIN): $(CLI_OBJ) $(B)/libinspex.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/test_%: tests/test_%.c tests/testutil.h $(B)/libinspex.a
	$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(B)/libinspex.a \
		$(LDLIBS) -lcmocka

# Golden files, bad input and the schema first; the cmocka suites last, so
# the run ends with their summary.
check: $(BIN) $(SHLIB) $(TESTS)
	BIN=$(BIN) sh tests/golden.sh
	BIN=$(BIN) sh tests/badinput.sh
	BIN=$(BIN) sh tests/batch.sh
	BIN=$(BIN) python3 tests/schema.py
	BIN=$(BIN) python3 tests/gold.py
	BIN=$(BIN) sh tests/cli.sh
	MAKE='$(MAKE)' CC='$(CC)' SANITIZE='$(SANITIZE)' sh tests/install.sh
	@set -e; for t in $(TESTS); do echo "== $$t"; ./$$t; done

test: check

# The csv in LibreOffice Calc and Python's csv module, the html view in
# Chromium, all headless (sh .ci/install-deps browser installs them).
.PHONY: check-browser
check-browser: $(BIN)
	BIN=$(BIN) python3 tests/browser.py

# Ratios to libxml2's parse alone on every corpus there is, the samples,
# dense pages of 1 to 8 MB, and -j 2 over -j 1.
CORPORA := $(wildcard ../shared/corpus/readability ../shared/corpus/wcxb \
	../shared/corpus/trafilatura-eval ../shared/corpus/announcements/cases)
bench: $(BIN) $(B)/bench
	./$(B)/bench -j $(BIN) $(CORPORA) samples

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
fuzz: build/fuzz/fuzz_pipeline build/fuzz/fuzz_rules build/fuzz/fuzz_warc

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_check.h $(LIB_SRC) \
		$(B)/rules_default.c src/internal.h include/inspex.h
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

# PREFIX (default /usr/local), LIBDIR, ... and DESTDIR as usual. The .pc
# file is written at install time, so it names the PREFIX given then.
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions

install: $(BIN) $(SHLIB) $(B)/libinspex.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		src/inspex.pc.in >$(B)/inspex.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/inspex
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SOREAL)
	ln -sf $(SOREAL) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libinspex.so
	install -m 644 $(B)/libinspex.a $(DESTDIR)$(LIBDIR)/libinspex.a
	install -m 644 $(B)/inspex.pc $(DESTDIR)$(LIBDIR)/pkgconfig/inspex.pc
	install -m 644 include/inspex.h $(DESTDIR)$(INCLUDEDIR)/inspex.h
	install -m 644 src/inspex.1 $(DESTDIR)$(MANDIR)/man1/inspex.1
	install -m 644 src/inspex-rules.5 $(DESTDIR)$(MANDIR)/man5/inspex-rules.5
	install -m 644 src/completion/inspex.bash $(DESTDIR)$(BASHCOMPDIR)/inspex
	install -m 644 src/completion/_inspex $(DESTDIR)$(ZSHCOMPDIR)/_inspex

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/inspex $(DESTDIR)$(LIBDIR)/$(SOREAL) \
		$(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libinspex.so \
		$(DESTDIR)$(LIBDIR)/libinspex.a \
		$(DESTDIR)$(LIBDIR)/pkgconfig/inspex.pc \
		$(DESTDIR)$(INCLUDEDIR)/inspex.h \
		$(DESTDIR)$(MANDIR)/man1/inspex.1 \
		$(DESTDIR)$(MANDIR)/man5/inspex-rules.5 \
		$(DESTDIR)$(BASHCOMPDIR)/inspex $(DESTDIR)$(ZSHCOMPDIR)/_inspex

format:
	clang-format -i src/*.c src/*.h include/*.h tests/*.c tests/*.h

clean:
	rm -rf build
