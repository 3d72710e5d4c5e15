#!/bin/sh
# Golden tests: each sample page in each format against its checked-in
# output (tests/golden/NAME.FORMAT), and no chrome line of the seed page in
# any format. UPDATE=1 rewrites the golden files (review the diff!);
# UPDATE=1 FORMATS="csv html" rewrites only those formats.
BIN=${BIN:-build/inspex}
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for page in samples/*.html samples/*.mhtml; do
	[ -f "$page" ] || continue
	name=$(basename "$page")
	for fmt in report json jsonl tsv text csv html; do
		gold="tests/golden/$name.$fmt"
		if ! "$BIN" --format "$fmt" "$page" >"$tmp/out" 2>"$tmp/err"; then
			bad "$name $fmt: exit status $? ($(head -1 "$tmp/err"))"
			continue
		fi
		if [ "${UPDATE:-0}" = 1 ] &&
			case " ${FORMATS:-$fmt} " in *" $fmt "*) true ;; *) false ;; esac; then
			cp "$tmp/out" "$gold"
		fi
		if [ ! -f "$gold" ]; then
			bad "$name $fmt: no golden file $gold"
		elif cmp -s "$tmp/out" "$gold"; then
			ok "$name $fmt"
		else
			bad "$name $fmt differs from $gold"
			diff -u "$gold" "$tmp/out" | head -20
		fi
		# no chrome line of the seed may appear in any format
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			if grep -qF -- "$line" "$tmp/out"; then
				bad "$name $fmt: chrome line leaked: $line"
			fi
			# html writes quotes and apostrophes as references
			esc=$(printf '%s' "$line" | sed "s/&/\&amp;/g; s/'/\&#39;/g; s/\"/\&quot;/g")
			if [ "$fmt" = html ] && grep -qF -- "$esc" "$tmp/out"; then
				bad "$name $fmt: chrome line leaked: $line"
			fi
		done <tests/golden/seed-chrome.txt
	done
done
# csv and html make one document of a whole run: one header row, one page
set -- samples/*.html samples/*.mhtml
"$BIN" -f csv "$@" >"$tmp/run.csv"
if [ "$(grep -c '^input,site,' "$tmp/run.csv")" = 1 ] &&
	[ "$(head -1 "$tmp/run.csv")" = "$(head -1 "tests/golden/$(basename "$1").csv")" ]; then
	ok "csv of $# inputs: one header row, first"
else
	bad "csv of $# inputs: want one header row, first"
fi
"$BIN" -f html "$@" >"$tmp/run.html"
if [ "$(grep -c '<!DOCTYPE html>' "$tmp/run.html")" = 1 ] &&
	[ "$(grep -c '</html>' "$tmp/run.html")" = 1 ] &&
	[ "$(grep -c '<section id="in[0-9]*"' "$tmp/run.html")" = $# ] &&
	grep -q "<section id=\"in$#\"" "$tmp/run.html"; then
	ok "html of $# inputs: one page, sections in1..in$#"
else
	bad "html of $# inputs: want one page, sections in1..in$#"
fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
