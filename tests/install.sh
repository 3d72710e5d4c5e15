#!/bin/sh
# make install into a temporary DESTDIR, then use the installed tree as
# another program would: the files and links are there, the library
# exports inspex_* only, the example program builds with pkg-config and
# links the shared library, the ctypes example runs, uninstall cleans up.
#
#   MAKE=make sh tests/install.sh        (make check runs it)
MAKE=${MAKE:-make}
PREFIX=/usr/local
page=samples/soc-inspection-update.html
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inspex-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
D=$tmp/root
lib=$D$PREFIX/lib

# A sanitized library needs the sanitizer runtimes loaded first.
# Python itself leaks at exit by design: no leak check for it.
san_cflags= san_preload= py_asan=${ASAN_OPTIONS:-}
if [ "${SANITIZE:-0}" = 1 ]; then
	san_cflags="-fsanitize=address,undefined"
	san_preload=$(${CC:-cc} -print-file-name=libasan.so)
	py_asan=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
fi

if ! $MAKE --no-print-directory install DESTDIR="$D" PREFIX=$PREFIX \
	>"$tmp/log" 2>&1; then
	cat "$tmp/log"
	bad "make install DESTDIR=... failed"
	echo "install: $pass passed, $fail failed"
	exit 1
fi
ok "make install DESTDIR=$D"

for f in bin/inspex lib/libinspex.so.0.1.0 lib/libinspex.a \
	lib/pkgconfig/inspex.pc include/inspex.h share/man/man1/inspex.1 \
	share/man/man5/inspex-rules.5 \
	share/bash-completion/completions/inspex \
	share/zsh/site-functions/_inspex; do
	[ -f "$D$PREFIX/$f" ] && ok "installed $f" || bad "missing $f"
done
[ "$(readlink "$lib/libinspex.so.0")" = libinspex.so.0.1.0 ] &&
	[ "$(readlink "$lib/libinspex.so")" = libinspex.so.0 ] &&
	ok "libinspex.so -> libinspex.so.0 -> libinspex.so.0.1.0" ||
	bad "shared library links wrong"
soname=$(readelf -d "$lib/libinspex.so.0.1.0" |
	sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libinspex.so.0 ] && ok "SONAME libinspex.so.0" ||
	bad "SONAME is '$soname'"

# The dynamic symbol table: inspex_* and the version node, nothing else.
nm -D --defined-only "$lib/libinspex.so.0.1.0" >"$tmp/syms"
others=$(awk '$NF !~ /^inspex_/ && $NF != "INSPEX_0" { print $NF }' \
	"$tmp/syms")
[ -z "$others" ] && ok "exports only inspex_*" ||
	bad "exports more than inspex_*: $(echo $others)"
for fn in $(sed -n 's/^[a-z_ *]*[ *]\(inspex_[a-z_]*\)(.*/\1/p' \
	include/inspex.h); do
	grep -q " $fn@@INSPEX_0\$" "$tmp/syms" || bad "$fn not exported"
done

# pkg-config, the way a program's build finds the installed library
PKG_CONFIG_PATH=$lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
[ "$(pkg-config --modversion inspex)" = "$(sed -n \
	's/^#define INSPEX_VERSION "\(.*\)"/\1/p' include/inspex.h)" ] &&
	ok "pkg-config --modversion inspex" || bad "pkg-config version"
[ "$(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=libdir inspex)" = \
	"$PREFIX/lib" ] &&
	ok "inspex.pc names PREFIX's libdir" || bad "inspex.pc libdir"
pkg-config --static --libs inspex | grep -q -- -lxml2 &&
	ok "static linking pulls the private dependencies" ||
	bad "pkg-config --static --libs lacks -lxml2"

# The example program, linked against the installed shared library
if ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Werror $san_cflags \
	-o "$tmp/facts" tests/example/facts.c \
	$(pkg-config --cflags --libs inspex) 2>"$tmp/err"; then
	ok "tests/example/facts.c builds with pkg-config"
else
	cat "$tmp/err"
	bad "tests/example/facts.c does not build"
fi
readelf -d "$tmp/facts" 2>/dev/null | grep -q 'NEEDED.*\[libinspex\.so\.0\]' &&
	ok "facts links libinspex.so.0 dynamically" ||
	bad "facts does not need libinspex.so.0"
printf '%s\t%s\t%s\n' \
	"$page" 250 arrests "$page" 6 firearms "$page" 19 "county lines" \
	"$page" 110 "prison sentences" >"$tmp/want"
if LD_LIBRARY_PATH=$lib "$tmp/facts" "$page" >"$tmp/got" 2>"$tmp/err" &&
	cmp -s "$tmp/want" "$tmp/got"; then
	ok "facts prints the seed's four statistics"
else
	cat "$tmp/err"
	diff "$tmp/want" "$tmp/got"
	bad "facts output"
fi
LD_LIBRARY_PATH=$lib "$tmp/facts" "$page" /nonexistent >/dev/null 2>&1
[ $? -eq 1 ] && ok "facts: a missing file is exit status 1" ||
	bad "facts: missing file status"

# The Python example, through ctypes
printf '%s\t%s\t%s\n' "$page" "requires improvement" 4 >"$tmp/want"
if LD_LIBRARY_PATH=$lib LD_PRELOAD=$san_preload ASAN_OPTIONS=$py_asan \
	python3 tests/example/inspex_ctypes.py "$page" >"$tmp/got" \
	2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/got"; then
	ok "inspex_ctypes.py prints the seed's grade and statistics count"
else
	cat "$tmp/err"
	diff "$tmp/want" "$tmp/got"
	bad "inspex_ctypes.py output"
fi

$MAKE --no-print-directory uninstall DESTDIR="$D" PREFIX=$PREFIX \
	>"$tmp/log" 2>&1 || bad "make uninstall failed"
left=$(find "$D" ! -type d)
[ -z "$left" ] && ok "make uninstall leaves no file" ||
	bad "make uninstall left: $(echo $left)"

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
