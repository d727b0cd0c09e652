#!/bin/sh
# The man page against the program, so that the docs cannot drift:
#   - every command that `sammtui --help` lists has a .SS heading in
#     COMMANDS (and every heading there is a command);
#   - every option in each `sammtui COMMAND --help` (its usage lines and
#     its Options list) is the tag of an entry (.TP) in that command's
#     subsection; the global ones appear in GLOBAL OPTIONS;
#   - every key that `sammtui --keys` lists is the tag of an entry in KEYS
#     (and every tag there is a key the program binds);
#   - every variable the sources read with getenv() is in ENVIRONMENT;
#   - groff renders the pages without a warning (skipped without groff);
#   - SEE ALSO names the tutorial and the CSV page.
# The page is read as troff source with the escapes it uses undone, so
# only the groff check needs groff.
. tests/lib/cli.sh
MAN=$(pwd)/man/sammtui.1

if [ ! -f "$MAN" ]; then
	not_ok "man/sammtui.1 exists"
	done_testing
	exit 1
fi

# detroff: troff source on stdin as plain text (the escapes the page uses).
detroff() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' -e 's/\\f\[[^]]*\]//g' \
	    -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\%//g' -e 's/\\c$//' \
	    -e 's/\\(aq/'"'"'/g' -e 's/\\(dq/"/g' -e 's/\\(lq/"/g' -e 's/\\(rq/"/g' \
	    -e 's/\\~/ /g' -e 's/\\ / /g' -e 's/\\e/\\/g'
}
# section NAME: the source lines after ".SH NAME" up to the next .SH.
section() {
	awk -v want="$1" '/^\.SH[ \t]/ { n = $0; sub(/^\.SH[ \t]+/, "", n); gsub(/"/, "", n)
		on = (n == want); next } on' "$MAN"
}
# cmd_section NAME: the plain text of the COMMANDS subsection ".SS NAME".
cmd_section() {
	section COMMANDS | awk -v want="$1" '/^\.SS[ \t]/ { h = $2; gsub(/"/, "", h)
		on = (h == want); next } on' | detroff
}
# tags: the tag lines (the line after each .TP) of the troff on stdin.
tags() {
	awk 'prev ~ /^\.TP/ { print } { prev = $0 }'
}
# has_word WORD FILE: WORD (an option, a name) occurs in FILE, not as part
# of a longer option or name.  WORD holds only letters, digits, - and _.
has_word() {
	grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|\$)" "$2"
}
# options: the options (-x, --long) on stdin, one per line.
options() {
	grep -oE -- '(^|[^A-Za-z0-9_-])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[^-]*//' | sort -u
}

for s in NAME SYNOPSIS DESCRIPTION COMMANDS "GLOBAL OPTIONS" SCREENS KEYS FILES \
	ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	check 'grep -qE "^\.SH \"?$s\"?\$" "$MAN"' "man page has the section $s"
done

# ---- Commands ------------------------------------------------------------------
run --help
expect_rc 0 "sammtui --help"
sed -n '/^Commands:$/,/^$/p' "$T/out" | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p' \
	> "$T/commands"
sed -n '/^Global options/,/^$/p' "$T/out" | options > "$T/global-opts"
check '[ "$(wc -l < "$T/commands")" -ge 10 ]' "sammtui --help lists the commands"
section COMMANDS | sed -n 's/^\.SS[ \t]\{1,\}"\{0,1\}\([^ "]*\).*/\1/p' | detroff \
	> "$T/man-commands"
section SYNOPSIS | detroff > "$T/synopsis"

while read -r c; do
	check 'grep -qxF -- "$c" "$T/man-commands"' "COMMANDS has a heading for '$c'"
	check 'has_word "$c" "$T/synopsis"' "SYNOPSIS shows '$c'"
done < "$T/commands"
stale=0
while read -r c; do
	if ! grep -qxF -- "$c" "$T/commands"; then
		not_ok "COMMANDS has a heading '$c' that sammtui --help does not list"
		stale=1
	fi
done < "$T/man-commands"
[ $stale -eq 0 ] && ok "every command heading in COMMANDS is a command"

# ---- Options ---------------------------------------------------------------------
section "GLOBAL OPTIONS" | detroff > "$T/man-global"
while read -r c; do
	"$BIN" "$c" --help > "$T/help" 2>&1
	rc=$?
	expect_rc 0 "sammtui $c --help"
	cmd_section "$c" | tags > "$T/man-cmd"
	# the options of the usage lines, and the first word of each line
	# of the Options list
	{ sed -n '/^usage:/,/^$/p' "$T/help"
	  sed -n '/^Options:$/,/^$/s/^  \([^ ]*\).*/\1/p' "$T/help"; } | options > "$T/opts"
	while read -r o; do
		check 'has_word "$o" "$T/man-cmd"' "the man page's '$c' has an entry for $o"
	done < "$T/opts"
	grep '^Global options:' "$T/help" | options >> "$T/global-opts"
done < "$T/commands"
sort -u "$T/global-opts" > "$T/global-sorted"
check '[ -s "$T/global-sorted" ]' "the help texts name global options"
while read -r o; do
	check 'has_word "$o" "$T/man-global"' "GLOBAL OPTIONS documents $o"
done < "$T/global-sorted"
check 'has_word --keys "$T/man-global"' "GLOBAL OPTIONS documents --keys"

# ---- Keys ------------------------------------------------------------------------------
# `sammtui --keys`: "KEYS<TAB>HELP" per action, KEYS joined by ", ".  The
# man page's KEYS: a .TP paragraph per action (before the first .SS) whose
# tag line is `.B "KEYS"` as --keys prints them.
run --keys
expect_rc 0 "sammtui --keys"
awk -F '\t' 'NF >= 2 { n = split($1, k, ", "); for (i = 1; i <= n; i++) print k[i] }' \
	"$T/out" | sort -u > "$T/keys"
check '[ "$(wc -l < "$T/keys")" -ge 10 ]' "sammtui --keys lists the keys"
section KEYS | awk '/^\.SS/ { exit } prev ~ /^\.TP/ { print } { prev = $0 }' | detroff |
	sed -e 's/^\.[A-Z]*[ \t]*//' -e 's/"//g' |
	awk '{ n = split($0, k, ", "); for (i = 1; i <= n; i++) print k[i] }' |
	sort -u > "$T/man-keys"
while read -r k; do
	check 'grep -qxF -- "$k" "$T/man-keys"' "KEYS documents the key '$k'"
done < "$T/keys"
stale=0
while read -r k; do
	if ! grep -qxF -- "$k" "$T/keys"; then
		not_ok "KEYS documents the key '$k' that sammtui --keys does not list"
		stale=1
	fi
done < "$T/man-keys"
[ $stale -eq 0 ] && ok "every key in KEYS is bound"

# ---- Environment ---------------------------------------------------------------------
section ENVIRONMENT | detroff > "$T/man-env"
grep -rhoE 'getenv\("[A-Za-z_][A-Za-z0-9_]*"\)' src | sed 's/^getenv("\(.*\)")$/\1/' |
	sort -u > "$T/env"
check '[ -s "$T/env" ]' "the sources read environment variables"
while read -r v; do
	check 'has_word "$v" "$T/man-env"' "ENVIRONMENT documents \$$v"
done < "$T/env"

# ---- Rendering -----------------------------------------------------------------------------
if command -v groff > /dev/null 2>&1; then
	groff -man -Tutf8 -ww -z "$MAN" > "$T/groff" 2>&1
	if [ -s "$T/groff" ]; then
		not_ok "groff renders the man page without warnings"
		sed 's/^/#   /' "$T/groff" | head -20
	else
		ok "groff renders the man page without warnings"
	fi
	# the other pages (UTF-8 examples: preconv, as man does)
	for page in man/sammtui-*.[1-9]; do
		groff -k -man -Tutf8 -ww -z "$page" > "$T/groff" 2>&1
		if [ -s "$T/groff" ]; then
			not_ok "groff renders $page without warnings"
			sed 's/^/#   /' "$T/groff" | head -20
		else
			ok "groff renders $page without warnings"
		fi
	done
else
	echo "# skipped: groff not installed (the man pages' rendering was not checked)"
fi

# ---- The other pages ---------------------------------------------------------------
# sammtui(1) points to each of them, and each exists.
for ref in sammtui-tutorial.7 sammtui-csv.5; do
	check '[ -f "man/$ref" ]' "man/$ref exists"
	name=${ref%.*} sec=${ref##*.}
	check 'section "SEE ALSO" | detroff | tr -d " " | grep -qF "$name($sec)"' "sammtui(1) SEE ALSO names $name($sec)"
done

done_testing
