#!/bin/sh
# toolbox-batch: import-toolbox is one transaction.  When the last of three
# workbooks fails, nothing of the first two stays behind: no scope, no
# period, no log row (the database answers `scope list`, `period list` and
# `log` as before), and the error names the file, the sheet and the cell.
# The failures are both kinds: a workbook refused while reading (before
# any write) and one refused while writing (its Team/Application is not a
# valid scope name, found after the first two periods were written).
. tests/lib/cli.sh
FX="python3 $(pwd)/tests/lib/toolbox_fixtures.py"

# ---- three workbooks of one team, a quarter apart -----------------------------------
run init
run scope new "Team A"
i=0
for d in 2024-03-15 2024-06-15 2024-09-15; do
	i=$((i + 1))
	run period new "Q$i" --scope "Team A" --date "$d" --empty
	run score "Q$i" --scope "Team A" G-SM-1-A most
	run score "Q$i" --scope "Team A" D-TA-1-A "$(echo no some half | cut -d ' ' -f $i)"
	run export "Q$i" --scope "Team A" --toolbox -o "$T/q$i.xlsx"
done
expect_rc 0 "setup: three workbooks exported"
# the third with a tab in Team/Application (D11): a control character,
# refused as a scope name only when the scope is created
python3 - "$T/q3.xlsx" "$T/q3-team.xlsx" <<'X'
import re, sys, zipfile
src, out = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for i in src.infolist():
    b = src.read(i.filename)
    if i.filename == "xl/worksheets/sheet3.xml":
        b, n = re.subn(rb'(<c r="D11"[^>]*><is><t[^>]*>)Team A(</t>)', rb'\1Team&#9;C\2', b)
        assert n == 1
    out.writestr(i.filename, b)
out.close()
X
$FX bad "$T/q3.xlsx" "$T" || not_ok "fixtures made"

# ---- the database to import into, and what it says before --------------------------
export SAMMTUI_DB="$T/history.db"
run init
state() { # state NAME: what scope list, period list and log say, in $T/NAME
	: > "$T/$1"
	for c in "scope list" "period list --scope Organization" "period list --scope 'Team A'" \
		"log --csv"; do
		eval "run $c"
		{ echo "== $c: rc=$rc"; cat "$T/out"; } >> "$T/$1"
	done
}
state before

run import-toolbox "$T/q1.xlsx" "$T/q2.xlsx" "$T/q3-team.xlsx"
expect_rc 1 "a bad Team/Application in the last workbook: exits 1"
expect_err_has "q3-team.xlsx: sheet Interview, cell D11 (Team/Application): scope name holds a control character" \
	"and names the file, the sheet and the cell"
state after
check 'cmp -s "$T/before" "$T/after"' \
	"nothing of the first two workbooks is left: no scope, no period, no log row"

run import-toolbox "$T/q1.xlsx" "$T/q2.xlsx" "$T/toolbox-bad-answer.xlsx"
expect_rc 1 "an answer in no answer set in the last workbook: exits 1"
expect_err_has "toolbox-bad-answer.xlsx: sheet Interview, cell F20: answer \"Perhaps, on Tuesdays\" is in no answer set" \
	"and names the file, the sheet and the cell"
state after
check 'cmp -s "$T/before" "$T/after"' "nothing was written"

run import-toolbox "$T/q1.xlsx" "$T/q2.xlsx" "$T/q3.xlsx=$(printf 'bad\tname')"
expect_rc 2 "a period name with a control character (FILE=PERIOD) is a usage error"
expect_err_has "q3.xlsx: period name holds a control character" "and names the file"
state after
check 'cmp -s "$T/before" "$T/after"' "nothing was written"

# ---- the same three, good: all of them are written --------------------------------------
run import-toolbox "$T/q1.xlsx" "$T/q2.xlsx" "$T/q3.xlsx"
expect_rc 0 "three good workbooks: exits 0"
expect_out_has "imported 3 workbooks" "says so"
state after
check '! cmp -s "$T/before" "$T/after"' "the database changed (the comparison can fail)"
run period list --scope "Team A"
check 'grep -q "2024-Q1" "$T/out" && grep -q "2024-Q2" "$T/out" && grep -q "2024-Q3" "$T/out"' \
	"a period per workbook, in the scope created for them"
run log --csv
check '[ "$(grep -c ",Team A,2024-Q[123],D-TA-1-A\.[0-9]*," "$T/out")" -ge 2 ]' \
	"their log rows are there"

# ---- the scope from $SAMMTUI_SCOPE, as --scope -------------------------------------------
SAMMTUI_SCOPE=Env run import-toolbox "$T/q1.xlsx"
unset SAMMTUI_SCOPE
expect_rc 0 "SAMMTUI_SCOPE names the scope of the workbooks"
run period list --scope Env
expect_out_has "2024-Q1" "the period is in that scope"
done_testing
