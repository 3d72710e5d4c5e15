#!/bin/sh
# The command line's manners: --help fits 80 columns, colour only when
# asked for or on a terminal without NO_COLOR, completion scripts that
# complete, man pages that mandoc passes and that show every option.
#
#   BIN=build/inspex sh tests/cli.sh
BIN=${BIN:-build/inspex}
page=samples/soc-inspection-update.html
esc=$(printf '\033')
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
bad() { fail=$((fail + 1)); echo "not ok - $1"; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inspex-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Runs inspex on a pseudo-terminal and keeps what it wrote.
on_pty() {
	python3 - "$tmp/pty.out" "$@" <<'PY'
import os, pty, sys
out = open(sys.argv[1], "wb")
def read(fd):
    data = os.read(fd, 65536)
    out.write(data)
    return data
status = pty.spawn(sys.argv[2:], read)
sys.exit(os.waitstatus_to_exitcode(status))
PY
}
has_esc() { grep -q "$esc" "$1"; }

# --help
"$BIN" --help >"$tmp/help" || bad "--help exits 0"
long=$(awk 'length($0) > 80' "$tmp/help")
[ -z "$long" ] && ok "--help fits 80 columns" ||
	bad "--help has lines over 80 columns: $long"

# colour
"$BIN" --color=always "$page" >"$tmp/out"
has_esc "$tmp/out" && ok "--color=always colours the report" ||
	bad "--color=always gave no escape"
grep -q "${esc}\[32m+" "$tmp/out" && grep -q "${esc}\[31m-" "$tmp/out" &&
	ok "positive findings green, the others red" ||
	bad "findings not coloured"
NO_COLOR=1 "$BIN" --color=always "$page" >"$tmp/out"
has_esc "$tmp/out" && ok "--color=always wins over NO_COLOR" ||
	bad "--color=always lost to NO_COLOR"
"$BIN" "$page" >"$tmp/out"
has_esc "$tmp/out" && bad "piped output has escapes" ||
	ok "piped output has no colour"
cmp -s "$tmp/out" tests/golden/soc-inspection-update.html.report &&
	ok "uncoloured report unchanged" || bad "uncoloured report differs"
"$BIN" --color=always -f json "$page" >"$tmp/out"
has_esc "$tmp/out" && bad "json has escapes" || ok "colour is for the report only"
if "$BIN" --color=sometimes "$page" >/dev/null 2>"$tmp/err"; then
	bad "--color=sometimes accepted"
else
	[ $? -eq 2 ] && ok "--color=sometimes is a usage error" ||
		bad "--color=sometimes: wrong exit status"
fi
if python3 -c 'import pty' 2>/dev/null; then
	TERM=xterm NO_COLOR= on_pty "$BIN" "$page" >/dev/null
	has_esc "$tmp/pty.out" && ok "auto colours on a terminal" ||
		bad "auto gave no colour on a terminal"
	TERM=xterm NO_COLOR=1 on_pty "$BIN" --color=auto "$page" >/dev/null
	has_esc "$tmp/pty.out" && bad "NO_COLOR=1 on a terminal has escapes" ||
		ok "NO_COLOR=1 on a terminal gives no colour"
	TERM=xterm on_pty "$BIN" --color=never "$page" >/dev/null
	has_esc "$tmp/pty.out" && bad "--color=never on a terminal has escapes" ||
		ok "--color=never on a terminal gives no colour"
else
	echo "skip - no python3 pty module: terminal colour not checked"
fi

# completion: bash, by setting COMP_WORDS as bash does and calling the
# function the script registers
comp() {
	bash -c '. src/completion/inspex.bash
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_inspex inspex "${COMP_WORDS[COMP_CWORD]}" \
			"${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' comp "$@"
}
opts=$(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u)
[ "$(comp inspex --for)" = --format ] &&
	ok "bash: 'inspex --for' completes to --format" ||
	bad "bash: 'inspex --for' gives '$(comp inspex --for)'"
formats=$(comp inspex --format '')
[ -n "$formats" ] && ok "bash: 'inspex --format ' offers $(echo $formats)" ||
	bad "bash: 'inspex --format ' offers nothing"
for f in $formats; do
	"$BIN" --format "$f" </dev/null >/dev/null 2>&1
	[ $? -ne 2 ] || bad "bash: completion offers a format inspex refuses: $f"
done
[ "$(comp inspex --format = js | tr '\n' ' ')" = "json jsonl " ] &&
	[ "$(comp inspex -f j | tr '\n' ' ')" = "json jsonl " ] &&
	ok "bash: --format=js and -f j complete" || bad "bash: --format=js, -f j"
[ "$(comp inspex --color '' | tr '\n' ' ')" = "auto always never " ] &&
	ok "bash: --color offers auto always never" || bad "bash: --color"
comp inspex -- >"$tmp/comp"
was=$fail
for o in $opts; do
	grep -qx -- "$o" "$tmp/comp" || bad "bash: $o from --help not completed"
	grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" src/completion/_inspex ||
		bad "zsh: $o from --help not in _inspex"
done
[ "$fail" -eq "$was" ] &&
	ok "bash and zsh completion know every option of --help"
if command -v zsh >/dev/null 2>&1; then
	zsh -n src/completion/_inspex && ok "zsh: _inspex parses" ||
		bad "zsh: _inspex does not parse"
else
	echo "skip - no zsh: _inspex not parsed"
fi

# man pages: mandoc has nothing to say, and every option has an example
if command -v mandoc >/dev/null 2>&1; then
	for m in src/inspex.1 src/inspex-rules.5; do
		mandoc -T lint -W warning "$m" >"$tmp/lint" 2>&1 &&
			ok "mandoc -T lint $m" ||
			bad "mandoc -T lint $m: $(cat "$tmp/lint")"
	done
else
	echo "skip - no mandoc: man pages not linted"
fi
sed -n '/^\.Sh EXAMPLES/,/^\.Sh [^E]/p' src/inspex.1 | sed 's/\\-/-/g' \
	>"$tmp/examples"
was=$fail
# "  -f, --format FORMAT": either spelling makes an example
sed -n 's/^  *\(-[a-zA-Z]\)*,* *\(--[a-z][a-z-]*\).*/\1 \2/p' "$tmp/help" |
while read -r a b; do
	found=0
	for o in $a $b; do
		grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$tmp/examples" && found=1
	done
	[ $found = 1 ] || echo "$a $b"
done >"$tmp/noexample"
[ -s "$tmp/noexample" ] &&
	bad "inspex.1: no example uses $(cat "$tmp/noexample" | tr '\n' ' ')" ||
	ok "inspex.1: every option of --help has an example"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
