#!/bin/sh
# toolbox: the OWASP SAMM Toolbox workbook in both directions - export
# --toolbox, import PERIOD FILE.xlsx (told from CSV by content), the round
# trip, import-toolbox (a period per workbook), the 2021 layout, and bad
# workbooks refused with file, sheet and cell, nothing changed.  Workbooks
# built from the template are made here, at test time (tests/lib/toolbox_fixtures.py).
. tests/lib/cli.sh
FX="python3 $(pwd)/tests/lib/toolbox_fixtures.py"
TOOLBOX_DATA=${TOOLBOX_DATA:-$(pwd)/../shared/toolbox}
BAD=$FIXTURES/bad

run init
run scope new "Team A"
run period new P1 --scope "Team A" --date 2024-03-15 --empty
for a in G-SM-1-A:most G-SM-1-B:some G-PC-2-A:half D-TA-1-A:no O-OM-3-B:most I-SB-1-A:half; do
	run score P1 --scope "Team A" "${a%%:*}" "${a#*:}"
done
run note P1 --scope "Team A" G-SM-1-A.1 'Risk appetite <signed> & "filed"'
run note P1 --scope "Team A" D-TA-1-A.1 "line one
line two"
expect_rc 0 "setup: a period with answers and notes"

# ---- export --toolbox ----------------------------------------------------------
run export P1 --scope "Team A" --toolbox --organization "ACME & Co" -o "$T/p1.xlsx"
expect_rc 0 "export --toolbox exits 0"
check '[ "$(stat -c %a "$T/p1.xlsx")" = 600 ] && [ "$(head -c 4 "$T/p1.xlsx" | od -An -c | tr -d " ")" = "PK003004" ]' \
	"the workbook is a ZIP, mode 0600"
check 'unzip -p "$T/p1.xlsx" xl/workbook.xml | grep -q "<calcPr fullCalcOnLoad=\"1\""' \
	"fullCalcOnLoad is set"
check '[ "$(unzip -Z1 "$T/p1.xlsx" | sort | md5sum)" = "$(unzip -Z1 "$TOOLBOX_DATA/SAMM_spreadsheet-2.0.10.xlsx" | sort | md5sum)" ]' \
	"every part of the template is there"
for part in xl/styles.xml xl/sharedStrings.xml xl/worksheets/sheet4.xml xl/charts/chart1.xml; do
	check 'unzip -p "$T/p1.xlsx" $part | cmp -s - "$T/ref" 2>/dev/null || { unzip -p "$TOOLBOX_DATA/SAMM_spreadsheet-2.0.10.xlsx" $part > "$T/ref"; unzip -p "$T/p1.xlsx" $part | cmp -s - "$T/ref"; }' \
		"$part copied unchanged"
done
unzip -p "$T/p1.xlsx" xl/worksheets/sheet3.xml > "$T/iv.xml"
check 'grep -q "<c r=\"D10\" s=\"[0-9]*\" t=\"inlineStr\"><is><t xml:space=\"preserve\">ACME &amp; Co</t></is></c>" "$T/iv.xml"' \
	"Organization (D10) from --organization, XML-escaped"
check 'grep -q "<c r=\"D11\" s=\"[0-9]*\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Team A</t>" "$T/iv.xml" && grep -q "<c r=\"D12\" s=\"[0-9]*\"><v>45366</v></c>" "$T/iv.xml"' \
	"Team/Application (D11) is the scope, Interview Date (D12) the period's date as a serial"
check 'grep -q "<c r=\"F18\" s=\"[0-9]*\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Yes, it covers risks and opportunities</t>" "$T/iv.xml"' \
	"an answer is the text of the workbook's own answer set"
run export P1 --scope "Team A" --toolbox -o - 
check '[ "$(head -c 2 "$T/out")" = PK ]' "-o - writes the workbook to standard output"
mkdir "$T/dir.xlsx"
run export P1 --scope "Team A" --toolbox -o "$T/dir.xlsx"
expect_rc 1 "a target that is not a regular file is refused"
expect_err_has "dir.xlsx: is a folder, not a regular file; nothing was written" "and says so"
run export P1 --scope "Team A" --toolbox
expect_rc 2 "--toolbox without -o is a usage error"

# ---- import PERIOD FILE.xlsx: the round trip -------------------------------------
run period new R --scope "Team A" --date 2024-06-30 --empty
cp "$T/p1.xlsx" "$T/p1-named.csv"          # told by content, not by name
run import R --scope "Team A" "$T/p1-named.csv"
expect_rc 0 "import of a workbook exits 0"
expect_out "reported like a CSV import" <<'X'
imported 90 answers: 6 activities changed
X
run export P1 --scope "Team A"; cp "$T/out" "$T/p1.csv"
run export R --scope "Team A"; cp "$T/out" "$T/r.csv"
run log --period R --scope "Team A" --csv
check 'grep -q "G-SM-1-A.1,.*Risk appetite <signed> & \"\"filed\"\"" "$T/out" && grep -q "D-TA-1-A.1,.*line one" "$T/out"' \
	"round trip: the notes came back on the activity's first criterion"
python3 - "$T/p1.csv" "$T/r.csv" > "$T/notes" <<'X'
import csv, sys
a, b = ([(r["id"], r["score"], r["note"]) for r in csv.DictReader(open(f))] for f in sys.argv[1:])
print("same" if a == b else "differ")
print("scored %d" % sum(1 for r in b if r[1] != ""))
print("noted %d" % sum(1 for r in b if r[2] != ""))
X
check 'grep -qx same "$T/notes" && grep -qx "scored 22" "$T/notes" && grep -qx "noted 2" "$T/notes"' \
	"round trip: ids, values and notes identical (22 criteria scored, 2 notes)"
run import R --scope "Team A" "$T/p1.xlsx"
expect_out "importing again changes nothing" <<'X'
imported 90 answers: 0 activities changed
X

# ---- bad workbooks: file, sheet, cell; nothing changed -------------------------------
$FX bad "$T/p1.xlsx" "$T" || not_ok "fixtures made"
run export R --scope "Team A"; cp "$T/out" "$T/before.csv"
bad() { # bad FILE MESSAGE DESC
	run import R --scope "Team A" "$1"
	expect_rc 1 "$3: exits 1"
	expect_err_has "$2" "$3: says where"
	run export R --scope "Team A"
	check 'cmp -s "$T/before.csv" "$T/out"' "$3: nothing changed"
}
bad "$T/toolbox-no-interview.xlsx" "toolbox-no-interview.xlsx: not a SAMM Toolbox workbook: no sheet named Interview" "no Interview sheet"
bad "$T/toolbox-bad-answer.xlsx" "toolbox-bad-answer.xlsx: sheet Interview, cell F20: answer \"Perhaps, on Tuesdays\" is in no answer set of question G-SM-A-2-1" "an answer in no answer set"
bad "$T/toolbox-duplicate-id.xlsx" "toolbox-duplicate-id.xlsx: sheet Interview, cell A20: question id G-SM-A-1-1 appears twice (also in A18)" "a duplicate question id"
bad "$T/toolbox-not-well-formed.xlsx" "toolbox-not-well-formed.xlsx: sheet Interview (xl/worksheets/sheet3.xml), line 2: XML is not well-formed" "XML not well-formed"
bad "$T/toolbox-truncated.xlsx" "toolbox-truncated.xlsx: sheet Interview (xl/worksheets/sheet3.xml)" "a truncated sheet"
bad "$T/toolbox-entity-bomb.xlsx" "toolbox-entity-bomb.xlsx: sheet Interview: a DOCTYPE is not allowed in a workbook" "an entity-expansion bomb"
bad "$T/toolbox-inflates-65mb.xlsx" "toolbox-inflates-65mb.xlsx: sheet Interview: part xl/worksheets/sheet3.xml inflates to 68401" "a part that inflates past 64 MB (declared)"
bad "$T/toolbox-inflates-lying.xlsx" "toolbox-inflates-lying.xlsx: sheet Interview: part xl/worksheets/sheet3.xml inflates to more than the limit" "a part that inflates past 64 MB (size understated)"
start=$(date +%s%N)
bad "$T/toolbox-million-rows.xlsx" "toolbox-million-rows.xlsx: sheet Interview: row 100001 is beyond the limit of 100000 rows" "a sheet with a million rows"
check '[ $(( ($(date +%s%N) - start) / 1000000 )) -lt 3000 ]' "a million rows are refused quickly"
bad "$BAD/toolbox-no-parts.xlsx" "toolbox-no-parts.xlsx: not an .xlsx workbook: the ZIP has no part xl/workbook.xml" "a ZIP without the workbook parts"
run import-toolbox "$BAD/toolbox-not-zip.xlsx"
expect_rc 1 "import-toolbox: not a ZIP exits 1"
expect_err_has "toolbox-not-zip.xlsx: not an .xlsx workbook (not a ZIP file)" "import-toolbox: not a ZIP says so"

# ---- import-toolbox: a period per workbook ------------------------------------------------
export SAMMTUI_DB="$T/history.db"
run init
run import-toolbox "$T/p1.xlsx"
expect_rc 0 "import-toolbox exits 0"
expect_out "a period named after the Interview Date's quarter, in the Team/Application scope" <<X
$T/p1.xlsx: scope Team A, period 2024-Q1 (2024-03-15): 90 answers, 6 activities set
imported 1 workbook
X
run period list --scope "Team A"
expect_out_has "2024-Q1  2024-03-15" "the scope was created, the period dated"
run import-toolbox "$T/p1.xlsx"
expect_rc 1 "a period that exists is refused"
expect_err_has "p1.xlsx: period 2024-Q1 of scope Team A exists; name the period with FILE=PERIOD or --name-by date" "and says how to name it"
# a workbook without a date (the bare template, via an empty period's export)
run period new blank --empty --date 2023-11-02
run export blank --toolbox -o "$T/blank.xlsx"
python3 - "$T/blank.xlsx" "$T/nodate.xlsx" <<'X'
import re, sys, zipfile
src, out = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for i in src.infolist():
    b = src.read(i.filename)
    if i.filename == "xl/worksheets/sheet3.xml":
        b = re.sub(rb'<c r="D12"( s="\d+")><v>\d+</v></c>', rb'<c r="D12"\1/>', b)
    out.writestr(i.filename, b)
out.close()
X
$FX fill "$T/nodate.xlsx" "$T/late.xlsx" G-SM-A-1-1=2
$FX fill "$T/nodate.xlsx" "$T/early.xlsx" G-SM-A-1-1=1:shared
run import-toolbox --scope Hist "$T/late.xlsx"
expect_rc 1 "a workbook without a date is refused"
expect_err_has "late.xlsx: sheet Interview, cell D12: no Interview Date; give --date YYYY-MM-DD" "and asks for --date"
run import-toolbox --scope Hist --date 2025-02-10 "$T/late.xlsx" "$T/early.xlsx"
expect_rc 1 "two workbooks for one period are refused"
expect_err_has "period 2025-Q1 of scope Hist already comes from" "and named"
run period list --scope Hist
expect_rc 1 "all or nothing: no scope, no period was created"
run import-toolbox --scope Hist --date 2025-02-10 "$T/late.xlsx=2025-02-late" "$T/early.xlsx=2025-01-early"
expect_rc 0 "FILE=PERIOD names each period"
run period list --scope Hist
expect_out_has "2025-02-late" "the named periods exist"
run show 2025-01-early --scope Hist --by activity --csv
check 'grep -q ",activity,G-SM-1-A,.*,0.25$" "$T/out"' "a shared-string answer is read"
run import-toolbox --scope Hist2 --date 2025-02-10 --name-by date "$T/late.xlsx"
expect_out_has "period 2025-02-10 (2025-02-10)" "--name-by date"

# ---- the 2021 layout ----------------------------------------------------------------------
$FX fill "$TOOLBOX_DATA/SAMM_spreadsheet-2021.xlsx" "$T/old.xlsx" G-SM-A-1-1=3 D-SA-B-2-1=1:shared O-OM-B-3-1=2
run period new old --empty --date 2022-03-01
run import old "$T/old.xlsx"
expect_out "the 2021 workbook imports" <<'X'
imported 90 answers: 3 activities changed
X
run show old --by activity --csv
check 'grep -q ",activity,G-SM-1-A,.*,1$" "$T/out" && grep -q ",activity,D-SA-2-B,.*,0.25$" "$T/out" && grep -q ",activity,O-OM-3-B,.*,0.5$" "$T/out"' \
	"its answers mapped through its own answer sets"
done_testing
