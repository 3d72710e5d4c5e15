#!/bin/sh
# Hostile and broken input: inspex must neither crash nor hang on it, must
# print valid UTF-8 (and valid JSON for --format json), and must explain a
# refused input in one stderr line "inspex: FILE: reason". The inputs are
# generated here, in a temporary directory, never checked in.
#
#   BIN=build/inspex sh tests/badinput.sh
#   BIN=build/san/inspex sh tests/badinput.sh   (sanitizers: smaller inputs)
#
# Prints "ok - NAME" or "not ok - NAME (reason)" per case, then
# "N passed, M failed"; exits 1 when a case failed.
BIN=${BIN:-build/inspex}
LC_ALL=C
export LC_ALL
pass=0 fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inspex-badinput.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1 ($2)"; }

case $BIN in
*san*) san=1 ;;
*) san=0 ;;
esac
if [ ! -x "$BIN" ]; then
	echo "badinput: $BIN is not an executable (run make first)" >&2
	exit 1
fi
# JSON checker: jq, else python3 (one document only)
if command -v jq >/dev/null 2>&1; then
	json_ok() { jq -e . <"$1" >/dev/null 2>&1; }
	json_count() { jq -s length <"$1" 2>/dev/null; }
else
	json_ok() { python3 -m json.tool <"$1" >/dev/null 2>&1; }
	json_count() {
		python3 -c 'import json,sys
d=json.JSONDecoder(); s=sys.stdin.read(); i=n=0
while True:
    while i < len(s) and s[i].isspace(): i += 1
    if i >= len(s): break
    _, i = d.raw_decode(s, i); n += 1
print(n)' <"$1" 2>/dev/null
	}
fi
utf8_ok() { iconv -f UTF-8 -t UTF-8 <"$1" >/dev/null 2>&1; }
have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	have_time=1
fi

# why RC EXPECT FILE FORMAT: the reason a run is wrong, or nothing.
# EXPECT lists the allowed exit statuses ("0", "1", "01").
why() {
	rc=$1 expect=$2 file=$3 fmt=$4
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "hang: killed by timeout after 60 s"
		return
	fi
	if [ "$rc" -ge 128 ]; then
		echo "crash: exit status $rc (signal $((rc - 128)))"
		return
	fi
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		echo "exit status $rc, want 0 or 1"
		return
	fi
	case $expect in
	*$rc*) ;;
	*)
		echo "exit status $rc, want $expect: $(head -c 200 "$tmp/err" | head -n 1)"
		return
		;;
	esac
	if ! utf8_ok "$tmp/out"; then
		echo "$fmt output is not valid UTF-8"
		return
	fi
	if ! utf8_ok "$tmp/err"; then
		echo "stderr is not valid UTF-8"
		return
	fi
	if [ "$rc" -eq 0 ] && [ "$fmt" = json ] && ! json_ok "$tmp/out"; then
		echo "json output is not valid JSON"
		return
	fi
	if [ "$rc" -eq 0 ] && [ "$fmt" = jsonl ] &&
		[ "$(wc -l <"$tmp/out")" -ne 1 ]; then
		echo "jsonl output is not one line"
		return
	fi
	if [ "$rc" -eq 1 ]; then
		n=$(wc -l <"$tmp/err")
		if [ "$n" -ne 1 ]; then
			echo "want one stderr line, got $n: $(head -c 200 "$tmp/err" | head -n 1)"
			return
		fi
		if ! grep -q "^inspex: $file: [^ ]" "$tmp/err"; then
			echo "stderr is not 'inspex: $file: reason': $(head -c 200 "$tmp/err")"
			return
		fi
		if [ -s "$tmp/out" ]; then
			echo "output on a refused input"
			return
		fi
	else
		# success: only warnings about this file on stderr
		if grep -v "^inspex: $file: warning: " "$tmp/err" | grep -q .; then
			echo "unexpected stderr: $(grep -v "^inspex: $file: warning: " "$tmp/err" | head -c 200 | head -n 1)"
			return
		fi
	fi
}

# check NAME EXPECT FILE FORMATS [WANT]: run inspex on FILE in each of
# FORMATS; with WANT, the text rendering must contain that string.
check() {
	name=$1 expect=$2 file=$3 formats=$4 want=$5 reason=
	for fmt in $formats; do
		timeout 60 "$BIN" --format "$fmt" "$file" >"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		reason=$(why "$rc" "$expect" "$file" "$fmt")
		[ -n "$reason" ] && break
		if [ "$fmt" = text ] && [ -n "$want" ] && [ "$rc" -eq 0 ] &&
			! grep -qF -- "$want" "$tmp/out"; then
			reason="text output lacks '$want'"
			break
		fi
	done
	if [ -n "$reason" ]; then
		bad "$name" "$reason"
	else
		ok "$name"
	fi
}

# measure NAME EXPECT FILE: one --format json run, with time and peak
# memory printed when /usr/bin/time -v is there (never a failure).
measure() {
	name=$1 expect=$2 file=$3
	if [ "$have_time" = 1 ]; then
		timeout 60 /usr/bin/time -v -o "$tmp/time" "$BIN" --format json "$file" \
			>"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		if [ "$rc" -eq 124 ]; then
			: # timed out: keep the status
		elif grep -q 'Command terminated by signal' "$tmp/time"; then
			sig=$(sed -n 's/.*Command terminated by signal \([0-9]*\).*/\1/p' "$tmp/time")
			rc=$((128 + sig))
		elif grep -q 'Command exited with non-zero status' "$tmp/time"; then
			rc=$(sed -n 's/.*Command exited with non-zero status \([0-9]*\).*/\1/p' "$tmp/time")
		fi
		el=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
		echo "# $name: $(wc -c <"$file" | tr -d ' ') bytes in, elapsed ${el:-?}, peak RSS ${kb:-?} KB"
	else
		timeout 60 "$BIN" --format json "$file" >"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
	fi
	reason=$(why "$rc" "$expect" "$file" json)
	if [ -n "$reason" ]; then
		bad "$name" "$reason"
	else
		ok "$name"
	fi
}

all="report json jsonl tsv text"
d=$tmp

# ---- the inputs ---------------------------------------------------------

page() { # a small ordinary page around $1
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
	printf '<title>Test page</title></head><body><main><article>'
	printf '<h1>Inspection update</h1>%s</article></main></body></html>\n' "$1"
}
good_para='<p>In 2023 officers made 12 arrests and recovered six firearms.</p>'

: >"$d/empty.html"
head -c 100000 /dev/urandom >"$d/binary.bin"
printf '%%PDF-1.7\n%%\342\343\317\323\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n<p>not html</p>\n%%%%EOF\n' >"$d/doc.pdf"
page "$good_para" | gzip -c >"$d/page.html.gz"
page '<p>Before the nul@NUL after.</p>' | tr @ '\000' >"$d/nul.html"
# stray bytes, an overlong NUL, a surrogate, a code point past U+10FFFF,
# truncated sequences
page "<p>Bytes before $(printf '\377\376 \300\200 \355\240\200 \364\220\200\200 \342\202 \303(') bytes after.</p>" >"$d/badutf8.html"
page '<p>Café owners said the £3.5m scheme worked.</p>' >"$d/u8.html"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$d/u8.html"; } >"$d/utf16le.html"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$d/u8.html"; } >"$d/utf16be.html"

if [ "$san" = 1 ]; then big=8; else big=30; fi
awk 'BEGIN {
	printf "<!DOCTYPE html><html lang=\"en\"><head><title>Deep</title></head><body>"
	for (i = 0; i < 200000; i++) printf "<div>"
	printf "<p>Deep text.</p>"
	for (i = 0; i < 200000; i++) printf "</div>"
	print "</body></html>" }' >"$d/deep.html"
awk 'BEGIN {
	printf "<!DOCTYPE html><html><head><title>Attrs</title></head><body><p"
	for (i = 0; i < 100000; i++) printf " a%d=\"%d\"", i, i
	print ">Many attributes.</p></body></html>" }' >"$d/attrs.html"
awk 'BEGIN {
	s = "abcdefghij0123456789"
	while (length(s) < 20 * 1024 * 1024) s = s s
	printf "<!DOCTYPE html><html><head><title>Line</title></head><body><p>%s</p></body></html>\n",
		substr(s, 1, 20 * 1024 * 1024) }' >"$d/longline.html"
awk 'BEGIN {
	printf "<!DOCTYPE html><html><head><title>Amp</title></head><body><p>"
	for (i = 0; i < 500000; i++) printf "&amp;"
	print "</p></body></html>" }' >"$d/entities.html"
# ordinary prose: eight sentences, one with figures, three to a paragraph
awk -v mb="$big" 'BEGIN {
	split("The neighbourhood team met residents at the community centre on Tuesday evening to talk about road safety near the primary school.|" \
	      "Officers have been patrolling the town centre and speaking to shop owners about the problems they face with anti-social behaviour.|" \
	      "If you have any information about the incident, please call us on 101 or contact Crimestoppers anonymously.|" \
	      "We know that burglary has a lasting effect on victims, and our teams work hard to find those responsible and bring them to justice.|" \
	      "In 2023 officers in the district made 250 arrests and recovered six firearms.|" \
	      "Our volunteers give up their own time to help keep their communities safe, and we are grateful for everything they do.|" \
	      "The inspection found that the force understands the threats it faces and sets clear priorities to tackle them.|" \
	      "Residents said they felt safer after the new patrols began, and the parish council thanked the team for its work.", S, "|")
	printf "<!DOCTYPE html><html lang=\"en\"><head><title>Big page</title></head>"
	printf "<body><main><article><h1>Big page</h1>\n"
	n = 0; lim = mb * 1024 * 1024
	for (i = 0; n < lim; i++) {
		s = "<p>" S[i % 8 + 1] " " S[(i * 3 + 1) % 8 + 1] " " S[(i * 5 + 2) % 8 + 1] "</p>\n"
		printf "%s", s; n += length(s)
	}
	print "</article></main></body></html>" }' >"$d/big.html"
# text built for naive regexes to backtrack on: no terminator anywhere
awk 'BEGIN {
	printf "<!DOCTYPE html><html><head><title>Backtrack</title></head><body><main><article>"
	printf "<p>"; for (i = 0; i < 50000; i++) printf "a "; print "</p>"
	printf "<p>1"; for (i = 0; i < 50000; i++) printf ",1"; print "</p>"
	printf "<p>"; for (i = 0; i < 20000; i++) printf "made "; print "9</p>"
	printf "<p>over "; for (i = 0; i < 20000; i++) printf "more than "; print "</p>"
	printf "<p>"; for (i = 0; i < 30000; i++) printf "1 "; print "</p>"
	printf "<p>"; for (i = 0; i < 10000; i++) printf "HMICFRS (SOC "; print "</p>"
	printf "<p>In 2023 officers made "; for (i = 0; i < 20000; i++) printf "1.1."; print " arrests</p>"
	printf "<ul>"; for (i = 0; i < 2000; i++) printf "<li>We made %d arrests and", i; print "</ul>"
	print "</article></main></body></html>" }' >"$d/backtrack.html"
mkdir "$d/adir.html"

# ---- single inputs ------------------------------------------------------

check "empty file" 1 "$d/empty.html" "$all"
# Random bytes are refused nearly always, but the binary sniffing is a
# heuristic: a blob that passes for text must still be handled cleanly.
check "binary data" 01 "$d/binary.bin" "$all"
check "PDF file" 1 "$d/doc.pdf" "json"
check "gzip-compressed HTML" 1 "$d/page.html.gz" "json"
check "NUL bytes inside HTML" 0 "$d/nul.html" "$all" "NUL after"
check "invalid UTF-8 in a page declared utf-8" 0 "$d/badutf8.html" "$all" "bytes after"
check "UTF-16LE with BOM" 0 "$d/utf16le.html" "$all" "Café owners said the £3.5m"
check "UTF-16BE with BOM" 0 "$d/utf16be.html" "$all" "Café owners said the £3.5m"
measure "200,000 nested divs" 0 "$d/deep.html"
check "one element with 100,000 attributes" 0 "$d/attrs.html" "json text" "Many attributes."
check "a 20 MB line without spaces in a <p>" 0 "$d/longline.html" "json"
check "half a million &amp; entities" 0 "$d/entities.html" "json text" "&&&&&&&&"
measure "a $big MB page of ordinary paragraphs" 0 "$d/big.html"
check "text that makes naive regexes backtrack" 0 "$d/backtrack.html" "json text" "made 1999 arrests"
check "a directory" 1 "$d/adir.html" "json"
check "a missing file" 1 "$d/missing.html" "json"

# a file name that is not UTF-8: source.file and the report stay UTF-8
page "$good_para" >"$d/name$(printf '\377\376')latin$(printf '\351').html"
check "a file name that is not UTF-8" 0 "$d/name$(printf '\377\376')latin$(printf '\351').html" "$all"

timeout 60 "$BIN" --format json - <"$d/doc.pdf" >"$tmp/out" 2>"$tmp/err"
reason=$(why $? 1 - json)
if [ -n "$reason" ]; then
	bad "a PDF on standard input" "$reason"
else
	ok "a PDF on standard input"
fi

# ---- several inputs, one bad ----------------------------------------------

page "$good_para" >"$d/good1.html"
page '<p>Officers seized £3.5m of criminal assets in 2022/23.</p>' >"$d/good2.html"
timeout 60 "$BIN" --format json "$d/good1.html" "$d/page.html.gz" "$d/good2.html" \
	"$d/good1.html" >"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
n=$(json_count "$tmp/out")
if [ "$rc" -ne 1 ]; then
	bad "several files, one bad" "exit status $rc, want 1"
elif [ "$n" != 3 ]; then
	bad "several files, one bad" "want 3 complete JSON documents, got '${n:-invalid JSON}'"
elif [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
	! grep -q "^inspex: $d/page.html.gz: [^ ]" "$tmp/err"; then
	bad "several files, one bad" "want one stderr line naming the bad file: $(head -c 200 "$tmp/err")"
else
	ok "several files, one bad"
fi

timeout 60 "$BIN" --format jsonl "$d/good1.html" "$d/missing.html" "$d/good2.html" \
	>"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
if [ "$rc" -ne 1 ] || [ "$(wc -l <"$tmp/out")" -ne 2 ] ||
	[ "$(json_count "$tmp/out")" != 2 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
	bad "jsonl with a missing file in the middle" "exit $rc, $(wc -l <"$tmp/out") lines out, $(wc -l <"$tmp/err") on stderr"
else
	ok "jsonl with a missing file in the middle"
fi

# ---- output that goes away ------------------------------------------------

# enough output to outlast the pipe's buffer
awk 'BEGIN { printf "<html><body><main><article>"
	for (i = 0; i < 20000; i++) printf "<p>Paragraph %d says something about road safety.</p>\n", i
	print "</article></main></body></html>" }' >"$d/long.html"
{
	timeout 60 "$BIN" --format text "$d/long.html" 2>"$tmp/err" </dev/null
	echo $? >"$tmp/rc"
} | head -c 10 >/dev/null
rc=$(cat "$tmp/rc")
if [ -s "$tmp/err" ]; then
	bad "output into a pipe closed early (| head -c 10)" "stderr: $(head -c 200 "$tmp/err")"
elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" -ne 141 ]; then
	bad "output into a pipe closed early (| head -c 10)" "exit status $rc"
else
	ok "output into a pipe closed early (| head -c 10)"
fi
# the same with SIGPIPE ignored (as under some shells, CI runners and
# language runtimes): the write fails with EPIPE, which is not news either
{
	(
		trap '' PIPE
		exec timeout 60 "$BIN" --format text "$d/long.html" 2>"$tmp/err" </dev/null
	)
	echo $? >"$tmp/rc"
} | head -c 10 >/dev/null
rc=$(cat "$tmp/rc")
if [ -s "$tmp/err" ]; then
	bad "closed pipe with SIGPIPE ignored" "stderr: $(head -c 200 "$tmp/err")"
elif [ "$rc" -ge 128 ]; then
	bad "closed pipe with SIGPIPE ignored" "exit status $rc"
else
	ok "closed pipe with SIGPIPE ignored"
fi

if [ -w /dev/full ]; then
	timeout 60 "$BIN" --format json "$d/good1.html" >/dev/full 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -eq 0 ] || [ "$rc" -ge 128 ]; then
		bad "writing to /dev/full" "exit status $rc, want 1"
	elif [ ! -s "$tmp/err" ]; then
		bad "writing to /dev/full" "no error on stderr"
	else
		ok "writing to /dev/full"
	fi
else
	ok "writing to /dev/full (skipped: no /dev/full)"
fi

# ---- usage and rules errors: exit 2, before any input is read ---------------

usage() {
	name=$1
	shift
	timeout 60 "$BIN" "$d/missing.html" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -ne 2 ]; then
		bad "$name" "exit status $rc, want 2"
	elif [ ! -s "$tmp/err" ]; then
		bad "$name" "no message on stderr"
	elif grep -q "missing.html" "$tmp/err" || [ -s "$tmp/out" ]; then
		bad "$name" "input was read before the usage error"
	elif ! head -1 "$tmp/err" | grep -q "^inspex: " ||
		! grep -qF "Try 'inspex --help'" "$tmp/err"; then
		# named "inspex", not by the path it was run as, with a hint
		bad "$name" "want 'inspex: ...' and a --help hint: $(head -c 200 "$tmp/err")"
	else
		ok "$name"
	fi
}
usage "usage error: --format nope" --format nope
usage "usage error: --reference-date 2024-13-45" --reference-date 2024-13-45
usage "usage error: unknown option" --no-such-option
usage "usage error: --format without its argument" --format

usage "usage error: unknown short option" -Z

# a rules file over 16 MiB is refused, not cut
head -c 17000000 /dev/zero | tr '\0' '#' >"$d/huge.rules"
timeout 60 "$BIN" --rules "$d/huge.rules" "$d/missing.html" >"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q "huge.rules: rules file too large" "$tmp/err"; then
	ok "rules file over 16 MiB"
else
	bad "rules file over 16 MiB" "exit $rc: $(head -c 200 "$tmp/err")"
fi

printf 'rule x\n    kind statistic\n    pattern (unclosed\n' >"$d/broken.rules"
timeout 60 "$BIN" --rules "$d/broken.rules" "$d/missing.html" >"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
if [ "$rc" -ne 2 ]; then
	bad "broken rules file" "exit status $rc, want 2"
elif [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
	! grep -q "^inspex: $d/broken.rules:3:[0-9][0-9]*: [^ ]" "$tmp/err"; then
	bad "broken rules file" "want one 'FILE:LINE:COLUMN: reason' line before any input: $(head -c 200 "$tmp/err")"
else
	ok "broken rules file"
fi
printf '<html>\n' >"$d/notrules.rules"
timeout 60 "$BIN" --rules "$d/notrules.rules" --rules "$d/missing.rules" "$d/good1.html" \
	>"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] ||
	! grep -q "^inspex: $d/notrules.rules:1:[0-9][0-9]*: [^ ]" "$tmp/err"; then
	bad "an HTML file given as rules" "exit $rc: $(head -c 200 "$tmp/err")"
else
	ok "an HTML file given as rules"
fi
timeout 60 "$BIN" --rules "$d/missing.rules" "$d/good1.html" >"$tmp/out" 2>"$tmp/err" </dev/null
rc=$?
if [ "$rc" -ne 2 ] || [ -s "$tmp/out" ] || ! grep -q "missing.rules" "$tmp/err"; then
	bad "a missing rules file" "exit $rc: $(head -c 200 "$tmp/err")"
else
	ok "a missing rules file"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
