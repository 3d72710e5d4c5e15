#!/bin/sh
# Batches: -j, -r, --files-from, --quiet, the progress line, web archives
# and GNU parallel. Every tree and archive is generated here, in a
# temporary directory (tests/mkwarc.py writes the archives).
#
#   BIN=build/inspex sh tests/batch.sh
#   BIN=build/san/inspex sh tests/batch.sh   (sanitizers: smaller archive)
#
# Prints "ok - NAME" or "not ok - NAME (reason)" per case, then
# "N passed, M failed"; exits 1 when a case failed.
BIN=${BIN:-build/inspex}
LC_ALL=C
export LC_ALL
pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inspex-batch.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1 ($2)"; }

case $BIN in
*san*) san=1 ;;
*) san=0 ;;
esac
if [ ! -x "$BIN" ]; then
	echo "batch: $BIN is not an executable (run make first)" >&2
	exit 1
fi
mkwarc() { python3 tests/mkwarc.py "$@"; }
# the source.file of every document of a JSONL stream, one a line
files_of() { jq -r '.source.file' "$1"; }

# ---- -j: the same bytes whatever the number of workers --------------------

python3 tests/mkwarc.py "$tmp/mix.warc.gz" --gzip record --damage truncate
find samples tests/pages -name '*.html' -o -name '*.mhtml' | sort >"$tmp/pages"
mkdir "$tmp/adir"
set -- $(cat "$tmp/pages")
for fmt in report json jsonl tsv text; do
	timeout 300 "$BIN" -j 1 -f "$fmt" "$@" "$tmp/missing.html" "$tmp/adir" \
		"$tmp/mix.warc.gz" samples/soc-inspection-update.html \
		>"$tmp/o1" 2>"$tmp/e1" </dev/null
	r1=$?
	timeout 300 "$BIN" -j 4 -f "$fmt" "$@" "$tmp/missing.html" "$tmp/adir" \
		"$tmp/mix.warc.gz" samples/soc-inspection-update.html \
		>"$tmp/o4" 2>"$tmp/e4" </dev/null
	r4=$?
	if [ "$r1" -ne 1 ] || [ "$r4" -ne 1 ]; then
		bad "-j 1 and -j 4 give the same $fmt" "exit $r1 and $r4, want 1"
	elif ! cmp -s "$tmp/o1" "$tmp/o4"; then
		bad "-j 1 and -j 4 give the same $fmt" "stdout differs"
	elif ! cmp -s "$tmp/e1" "$tmp/e4"; then
		bad "-j 1 and -j 4 give the same $fmt" "stderr differs"
	elif [ "$(grep -c '^inspex: ' "$tmp/e1")" -lt 3 ]; then
		bad "-j 1 and -j 4 give the same $fmt" "want at least 3 error lines"
	else
		ok "-j 1 and -j 4 give the same $fmt (stdout and stderr)"
	fi
done
# and the same as the plain serial order of the files one by one
: >"$tmp/serial"
for f in "$@"; do "$BIN" -f jsonl "$f" >>"$tmp/serial" 2>/dev/null; done
"$BIN" -f jsonl -j 3 "$@" >"$tmp/par" 2>/dev/null
if cmp -s "$tmp/serial" "$tmp/par"; then
	ok "-j 3 over $# pages equals one run per page, in order"
else
	bad "-j 3 over $# pages equals one run per page, in order" "differs"
fi

# usage errors
for j in -1 x 2000 ''; do
	"$BIN" -j "$j" samples/soc-inspection-update.html >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] || [ ! -s "$tmp/err" ]; then
		bad "-j '$j' is a usage error" "exit $rc"
	else
		ok "-j '$j' is a usage error"
	fi
done

# ---- -r: folders ---------------------------------------------------------

t="$tmp/tree"
mkdir -p "$t/b/deep" "$t/a" "$t/empty"
cp samples/soc-inspection-update.html "$t/b/z.html"
cp samples/no-inspection-news.html "$t/b/deep/page.HTM"
cp samples/soc-inspection-update.mhtml "$t/a/saved.mhtml"
cp samples/soc-inspection-other-site.html "$t/a/x.xhtml"
cp samples/soc-inspection-other-site.html "$t/top.htm"
cp samples/soc-inspection-update.html "$t/a/notes.txt"
cp samples/soc-inspection-update.html "$t/b/image.png"
mkwarc "$t/b/crawl.warc"
ln -s .. "$t/b/loop"
ln -s ../top.htm "$t/a/link.html"
"$BIN" -r -f jsonl "$t" >"$tmp/out" 2>"$tmp/err"
rc=$?
files_of "$tmp/out" | sed "s|^$t/||" >"$tmp/got"
cat >"$tmp/want" <<EOF
a/link.html
a/saved.mhtml
a/x.xhtml
b/crawl.warc#542
b/crawl.warc#2053
b/crawl.warc#2869
b/crawl.warc#4315
b/crawl.warc#5195
b/deep/page.HTM
b/z.html
top.htm
EOF
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
	bad "-r walks a tree in sorted order" "exit $rc: $(head -c 200 "$tmp/err")"
elif ! cmp -s "$tmp/got" "$tmp/want"; then
	bad "-r walks a tree in sorted order" "$(diff "$tmp/want" "$tmp/got" | head -5 | tr '\n' ' ')"
else
	ok "-r walks a tree in sorted order (pages, archives, links to files; not links to folders)"
fi
# a file named on its own is read whatever its name
"$BIN" -r -f jsonl "$t/a/notes.txt" "$t/empty" >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 0 ] || [ "$(files_of "$tmp/out")" != "$t/a/notes.txt" ]; then
	bad "-r: a file named is read whatever its name" "$(cat "$tmp/err")"
else
	ok "-r: a file named is read whatever its name; an empty folder gives nothing"
fi
"$BIN" -f jsonl samples/soc-inspection-update.html "$t" samples/no-inspection-news.html \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 1 ] || [ "$(cat "$tmp/err")" != "inspex: $t: is a directory (use -r)" ] ||
	[ "$(wc -l <"$tmp/out")" -ne 2 ]; then
	bad "a folder without -r" "exit $rc: $(head -c 200 "$tmp/err")"
else
	ok "a folder without -r is one error line; the other inputs come out"
fi

# ---- --files-from ----------------------------------------------------------

{ echo samples/soc-inspection-update.html; echo; echo "$t/b/crawl.warc"
  printf 'samples/no-inspection-news.html\r\n'; echo "$tmp/missing.html"; echo; } >"$tmp/list"
"$BIN" -f jsonl samples/soc-inspection-update.html "$t/b/crawl.warc" \
	samples/no-inspection-news.html "$tmp/missing.html" >"$tmp/want" 2>"$tmp/ewant"
for how in file stdin; do
	if [ "$how" = file ]; then
		"$BIN" -j 2 -f jsonl --files-from "$tmp/list" >"$tmp/out" 2>"$tmp/err"
	else
		"$BIN" -j 2 -f jsonl --files-from - <"$tmp/list" >"$tmp/out" 2>"$tmp/err"
	fi
	rc=$?
	if [ "$rc" -ne 1 ] || ! cmp -s "$tmp/out" "$tmp/want" ||
		! cmp -s "$tmp/err" "$tmp/ewant"; then
		bad "--files-from ($how)" "exit $rc: $(head -c 200 "$tmp/err")"
	else
		ok "--files-from ($how): blank lines skipped, CRLF taken, same as the arguments"
	fi
done
"$BIN" --files-from - - </dev/null >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 2 ]; then
	bad "'-' and --files-from - together" "not a usage error"
else
	ok "'-' and --files-from - together is a usage error"
fi
"$BIN" --files-from "$tmp/nolist" >"$tmp/out" 2>"$tmp/err"
if [ $? -ne 1 ] || ! grep -q "^inspex: $tmp/nolist: " "$tmp/err"; then
	bad "a missing --files-from list" "$(cat "$tmp/err")"
else
	ok "a missing --files-from list is an error line"
fi

# ---- web archives -----------------------------------------------------------

for gz in none record whole; do
	case $gz in none) a="$tmp/p.warc" ;; *) a="$tmp/$gz.warc.gz" ;; esac
	mkwarc "$a" --gzip "$gz" --list "$tmp/urls"
	"$BIN" -f jsonl "$a" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	jq -r .source.url "$tmp/out" >"$tmp/got"
	if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
		bad "WARC ($gz gzip)" "exit $rc: $(head -c 200 "$tmp/err")"
	elif ! cmp -s "$tmp/got" "$tmp/urls"; then
		bad "WARC ($gz gzip)" "pages: $(tr '\n' ' ' <"$tmp/got")"
	elif [ "$(jq -r .source.fetched "$tmp/out" | sort -u)" != 2024-03-05T11:02:14Z ]; then
		bad "WARC ($gz gzip)" "source.fetched is not the WARC-Date"
	elif ! jq -r .source.file "$tmp/out" | grep -qv "^$a#[0-9][0-9]*\$" &&
		[ "$(jq -r .source.file "$tmp/out" | head -1)" = "$a#$(
			[ "$gz" = record ] && echo 413 || echo 542)" ]; then
		ok "WARC ($gz gzip): 5 pages of 13 records, source.file ARCHIVE#OFFSET, url, fetched"
	else
		bad "WARC ($gz gzip)" "source.file: $(jq -r .source.file "$tmp/out" | head -2)"
	fi
done
a="$tmp/p.warc"
t1=$(jq -r 'select(.source.url | endswith("/b")) | .source.title' "$tmp/out")
if [ "$t1" = "Page B chunked gzip" ]; then
	ok "chunked and gzip-encoded HTTP bodies are decoded"
else
	bad "chunked and gzip-encoded HTTP bodies are decoded" "title '$t1'"
fi
"$BIN" -f text "$a" >"$tmp/text"
c=$(jq -r 'select(.source.url | endswith("/c")) | .source.title' "$tmp/out")
if [ "$c" = "Page C café" ] && grep -q "seized £3.5m of criminal assets in 2022/23 at the café “Zoë”" "$tmp/text"; then
	ok "charset from the HTTP header (windows-1252, no <meta>)"
else
	bad "charset from the HTTP header (windows-1252, no <meta>)" "title '$c'"
fi
for dmg in header truncate gzip; do
	for gz in none record whole; do
		[ "$dmg" = gzip ] && [ "$gz" != record ] && continue
		a="$tmp/d-$dmg-$gz.warc"
		[ "$gz" = none ] || a="$a.gz"
		mkwarc "$a" --gzip "$gz" --damage "$dmg" --list "$tmp/urls"
		"$BIN" -j 2 -f jsonl "$a" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		jq -r .source.url "$tmp/out" >"$tmp/got"
		if [ "$rc" -ne 1 ]; then
			bad "damaged record ($dmg, $gz gzip)" "exit $rc, want 1"
		elif [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
			! grep -q "^inspex: $a#[0-9][0-9]*: [a-z]" "$tmp/err"; then
			bad "damaged record ($dmg, $gz gzip)" "stderr: $(head -c 300 "$tmp/err")"
		elif ! cmp -s "$tmp/got" "$tmp/urls"; then
			bad "damaged record ($dmg, $gz gzip)" "pages: $(tr '\n' ' ' <"$tmp/got")"
		else
			ok "damaged record ($dmg, $gz gzip): one error line, the 5 pages out, exit 1 ($(cut -d' ' -f3- "$tmp/err"))"
		fi
	done
done
# an archive that is not one, or cannot be opened
printf 'hello\n' >"$tmp/fake.warc"
"$BIN" -f jsonl "$tmp/fake.warc" "$tmp/none.warc.gz" samples/soc-inspection-update.html \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 1 ] || [ "$(wc -l <"$tmp/err")" -ne 2 ] || [ "$(wc -l <"$tmp/out")" -ne 1 ]; then
	bad "a .warc that is not one, a missing .warc.gz" "exit $rc: $(cat "$tmp/err")"
else
	ok "a .warc that is not one and a missing .warc.gz: one error line each"
fi

# 10,000 pages at flat memory (1,000 under the sanitizers, which are slow)
if [ "$san" = 1 ]; then n=1000; else n=10000; fi
mkwarc "$tmp/many.warc.gz" --kind many --n "$n" --gzip record
start=$(date +%s)
/usr/bin/time -f '%M %e' -o "$tmp/time" "$BIN" -f jsonl "$tmp/many.warc.gz" \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
kb=$(cut -d' ' -f1 "$tmp/time")
secs=$(cut -d' ' -f2 "$tmp/time")
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ] || [ "$(wc -l <"$tmp/out")" -ne "$n" ]; then
	bad "$n-record archive" "exit $rc, $(wc -l <"$tmp/out") lines: $(head -c 200 "$tmp/err")"
elif [ "$san" = 0 ] && [ "$kb" -gt 153600 ]; then
	bad "$n-record archive" "peak RSS $kb KB, over 150 MB"
else
	ok "$n-record archive: $n pages in ${secs}s, peak RSS $((kb / 1024)) MB"
fi
# twice the pages, about the same memory: nothing grows per page
if [ "$san" = 0 ]; then
	mkwarc "$tmp/few.warc.gz" --kind many --n 1000 --gzip record
	/usr/bin/time -f '%M' -o "$tmp/time1" "$BIN" -f jsonl "$tmp/few.warc.gz" >/dev/null 2>&1
	kb1=$(cat "$tmp/time1")
	if [ "$kb" -gt $((kb1 * 3 / 2 + 8192)) ]; then
		bad "memory is flat in the number of pages" "1,000 pages $kb1 KB, $n pages $kb KB"
	else
		ok "memory is flat in the number of pages (1,000: $((kb1 / 1024)) MB, $n: $((kb / 1024)) MB)"
	fi
fi

# ---- --quiet and the progress line --------------------------------------------

printf '<html><body><nav><a href="/">Home</a></nav></body></html>\n' >"$tmp/menu.html"
"$BIN" -f jsonl "$tmp/menu.html" >/dev/null 2>"$tmp/err"
"$BIN" -q -f jsonl "$tmp/menu.html" "$tmp/missing.html" >/dev/null 2>"$tmp/errq"
if ! grep -q "warning" "$tmp/err"; then
	bad "--quiet" "the page gives no warning to silence"
elif grep -q warning "$tmp/errq" || [ "$(wc -l <"$tmp/errq")" -ne 1 ]; then
	bad "--quiet" "$(cat "$tmp/errq")"
else
	ok "--quiet silences warnings, not errors"
fi
if command -v script >/dev/null 2>&1; then
	# stderr on a terminal: a progress line, redrawn with \r and cleared
	script -qec "$BIN -j 2 -f jsonl $tmp/many.warc.gz $tmp/missing.html 2>&1 >/dev/null" \
		/dev/null </dev/null >"$tmp/tty" 2>&1
	if ! grep -q "inspex: [0-9/]* inputs, [0-9.]* MB/s, [0-9]* errors*" "$tmp/tty"; then
		bad "progress line on a terminal" "none: $(head -c 200 "$tmp/tty" | od -c | head -3)"
	elif [ "$(tr '\r' '\n' <"$tmp/tty" | grep -c "^inspex: [0-9/]* inputs")" -gt \
		$((${secs%.*} * 5 * 3 + 10)) ]; then
		bad "progress line on a terminal" "redrawn too often"
	elif ! python3 -c 'import sys
s = open(sys.argv[1], "rb").read()
i = s.find(b"inspex: " + sys.argv[2].encode())
sys.exit(0 if i == 0 or s[:i].endswith((b"\n", b"\r\033[K")) else 1)' \
		"$tmp/tty" "$tmp/missing.html: No such file"; then
		bad "progress line on a terminal" "the error line is not on a line of its own"
	elif ! python3 -c 'import sys
s = open(sys.argv[1], "rb").read()
sys.exit(0 if s.find(b"\r\033[K", s.rfind(b" inputs, ")) > 0 else 1)' "$tmp/tty"; then
		bad "progress line on a terminal" "not cleared at the end"
	else
		ok "progress line on a terminal: counts, MB/s, errors; cleared at the end"
	fi
	script -qec "$BIN -q -j 2 -f jsonl $tmp/many.warc.gz 2>&1 >/dev/null" \
		/dev/null </dev/null >"$tmp/tty" 2>&1
	if [ -s "$tmp/tty" ]; then
		bad "no progress line with --quiet" "$(head -c 100 "$tmp/tty")"
	else
		ok "no progress line with --quiet"
	fi
fi
"$BIN" -j 2 -f jsonl "$tmp/many.warc.gz" >/dev/null 2>"$tmp/err"
if [ -s "$tmp/err" ]; then
	bad "no progress line when stderr is not a terminal" "$(head -c 100 "$tmp/err")"
else
	ok "no progress line when stderr is not a terminal"
fi

# output that goes away in the middle of a parallel run
{
	timeout 60 "$BIN" -j 4 -f jsonl "$tmp/many.warc.gz" 2>"$tmp/err" </dev/null
	echo $? >"$tmp/rc"
} | head -c 10 >/dev/null
rc=$(cat "$tmp/rc")
if [ -s "$tmp/err" ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne 141 ]; }; then
	bad "-j 4 into a pipe closed early" "exit $rc: $(head -c 200 "$tmp/err")"
else
	ok "-j 4 into a pipe closed early: no hang, no message"
fi

# ---- GNU parallel: the README's command lines --------------------------------

if command -v parallel >/dev/null 2>&1; then
	mkwarc "$tmp/p1.warc.gz" --gzip record
	mkwarc "$tmp/p2.warc.gz" --kind many --n 40 --gzip record
	ls samples/*.html samples/*.mhtml >"$tmp/plist"
	ls "$tmp"/p1.warc.gz "$tmp"/p2.warc.gz >>"$tmp/plist"
	"$BIN" -f jsonl --files-from "$tmp/plist" >"$tmp/one" 2>/dev/null
	sort "$tmp/one" >"$tmp/one.sorted"
	# one inspex per file
	parallel --will-cite -j 2 "$BIN" -q -j 1 -f jsonl {} \
		<"$tmp/plist" >"$tmp/par1" 2>"$tmp/perr"
	# files fed in blocks of paths to inspex reading them on stdin
	parallel --will-cite -j 2 --pipe -N 2 "$BIN" -q -j 1 -f jsonl --files-from - \
		<"$tmp/plist" >"$tmp/par2" 2>>"$tmp/perr"
	# the README's form across hosts, with ':' (this host) as the host
	parallel --will-cite -S 1/: --transferfile {} --cleanup \
		"$BIN" -q -f jsonl {} :::: "$tmp/plist" >"$tmp/par3" 2>"$tmp/perr3"
	grep -v 'transferfile ignored as there are no remote' "$tmp/perr3" >>"$tmp/perr"
	for m in par1 par2 par3; do
		if [ -s "$tmp/perr" ] || ! sort "$tmp/$m" | cmp -s - "$tmp/one.sorted"; then
			bad "GNU parallel ($m) equals one run, order aside" "$(head -c 200 "$tmp/perr")"
		else
			ok "GNU parallel ($m) equals one run, order aside ($(wc -l <"$tmp/one") documents)"
		fi
	done
else
	ok "GNU parallel (skipped: parallel is not installed; sh .ci/install-deps)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
