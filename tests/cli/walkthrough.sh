#!/bin/sh
# The quarterly walkthrough on the bundled SAMM 2.0 model: two periods,
# a copy forward, a change, then show, export and log.  Then the tutorial,
# man/sammtui-tutorial.7: every example session of the page is run as
# written, and each command's output must be the page's.
. tests/lib/cli.sh

run init
expect_rc 0 "init"
run period new 2026-Q3 --date 2026-09-30
expect_out "the first period starts empty" <<'X'
created period 2026-Q3 (2026-09-30, model SAMM 2.0)
X
run score 2026-Q3 G-SM-1-A most
expect_out "an activity at once" <<'X'
G-SM-1-A: 4 criteria set to most
X
run score 2026-Q3 G-SM-1-B.1 half
run --user alice score 2026-Q3 G-PC-1-A.1 some
expect_out "--user before the command" <<'X'
G-PC-1-A.1: some (was unset)
X
printf 'Reviewed with the CISO.\nNext: métriques ✓\n' > "$T/note"
run_in "$T/note" note 2026-Q3 G-SM-1-B.1 - --user bob
expect_out "a multi-line UTF-8 note from standard input, --user after the command" <<'X'
G-SM-1-B.1: note set
X
run period new 2026-Q4
expect_out "the next quarter copies the last one" <<'X'
created period 2026-Q4 (2026-11-22, model SAMM 2.0), copied from 2026-Q3
X
run score 2026-Q4 G-SM-1-B.1 most
expect_out "a change in the new quarter" <<'X'
G-SM-1-B.1: most (was half)
X

# SM: stream A = 1 (level 1 done), stream B = 0.5 -> 0.25 (G-SM-1-B has 2
# criteria: min(half, unset) = 0 in Q3; min(most, unset) = 0 in Q4)
run show 2026-Q3 --csv
expect_out "show --csv of Q3 (practices)" <<'X'
level,id,name,score
overall,overall,Overall,0.033333
function,Governance,Governance,0.166667
practice,SM,Strategy & Metrics,0.5
practice,PC,Policy & Compliance,0
practice,EG,Education & Guidance,0
function,Design,Design,0
practice,TA,Threat Assessment,0
practice,SR,Security Requirements,0
practice,SA,Security Architecture,0
function,Implementation,Implementation,0
practice,SB,Secure Build,0
practice,SD,Secure Deployment,0
practice,DM,Defect Management,0
function,Verification,Verification,0
practice,AA,Architecture Assessment,0
practice,RT,Requirements-driven Testing,0
practice,ST,Security Testing,0
function,Operations,Operations,0
practice,IM,Incident Management,0
practice,EM,Environment Management,0
practice,OM,Operational Management,0
X
run show 2026-Q4 --by item --csv
check 'grep -qx "item,G-SM-1-B.1,.*,1" "$T/out" && grep -qx "item,G-PC-1-A.1,.*,0.25" "$T/out" && grep -qx "item,G-SM-1-B.2,.*," "$T/out"' \
	"Q4 carries Q3's values forward with the change"
run show 2026-Q4
expect_rc 0 "show (text)"
check 'head -n 1 "$T/out" | grep -qx "Scope: Organization  Period: 2026-Q4 (2026-11-22)  Model: SAMM 2.0"' \
	"show's header names scope, period, date and model"
check 'grep -q "^    SM Strategy & Metrics  *0.50  " "$T/out"' "show lists SM with 2 decimals"

run export 2026-Q4
expect_rc 0 "export"
check '[ "$(wc -l < "$T/out")" -eq 296 ]' "export: a header and one row per item (294, plus the two-line note)"
check 'head -n 1 "$T/out" | grep -qx "scope,period,date,model,id,function,practice_code,practice,stream,level,activity,criterion,score,answer,note,updated_by,updated_at"' \
	"export header"
check 'grep -q "^Organization,2026-Q4,2026-11-22,SAMM 2.0,G-SM-1-B.1,Governance,SM,Strategy & Metrics,B,1,.*,1,\"Yes, .*\",\"Reviewed with the CISO.$" "$T/out"' \
	"export row: score, answer label, note"
check 'grep -qx "Next: métriques ✓\",tester,2026-11-22T12:00:00Z" "$T/out"' "the note's second line and who changed it"

run log
expect_out "log: oldest first, value and note changes (notes cut to 40 columns)" <<'X'
2026-11-22T12:00:00Z  tester  2026-Q3  G-SM-1-A.1  unset -> most
2026-11-22T12:00:00Z  tester  2026-Q3  G-SM-1-A.2  unset -> most
2026-11-22T12:00:00Z  tester  2026-Q3  G-SM-1-A.3  unset -> most
2026-11-22T12:00:00Z  tester  2026-Q3  G-SM-1-A.4  unset -> most
2026-11-22T12:00:00Z  tester  2026-Q3  G-SM-1-B.1  unset -> half
2026-11-22T12:00:00Z  alice  2026-Q3  G-PC-1-A.1  unset -> some
2026-11-22T12:00:00Z  bob  2026-Q3  G-SM-1-B.1  note: "" -> "Reviewed with the CISO.\nNext: métrique…"
2026-11-22T12:00:00Z  tester  2026-Q4  G-SM-1-B.1  half -> most
X
run log --period 2026-Q4
expect_out "log --period" <<'X'
2026-11-22T12:00:00Z  tester  2026-Q4  G-SM-1-B.1  half -> most
X
run log G-SM-1-B
expect_out "log ID of an activity: its criteria" <<'X'
2026-11-22T12:00:00Z  tester  2026-Q3  G-SM-1-B.1  unset -> half
2026-11-22T12:00:00Z  bob  2026-Q3  G-SM-1-B.1  note: "" -> "Reviewed with the CISO.\nNext: métrique…"
2026-11-22T12:00:00Z  tester  2026-Q4  G-SM-1-B.1  half -> most
X
run log --period 2026-Q9
expect_rc 1 "log --period of an unknown period exits 1"

# formula neutralisation and control characters
run note 2026-Q4 G-SM-1-A.1 '=cmd()'
run export 2026-Q4
check 'grep -q "^Organization,2026-Q4,.*,G-SM-1-A.1,.*,'"'"'=cmd(),tester," "$T/out"' "export neutralises a formula note"
run note 2026-Q4 G-SM-1-A.2 "$(printf 'bell\007 esc\033[31m')"
run log --period 2026-Q4 G-SM-1-A.2
expect_out "log escapes control characters" <<'X'
2026-11-22T12:00:00Z  tester  2026-Q4  G-SM-1-A.2  note: "" -> "bell\x07 esc\x1b[31m"
X
run log --csv --period 2026-Q4 G-SM-1-A.1
expect_out "log --csv neutralises too" <<'X'
at,user,scope,period,item,old,new,old_note,new_note
2026-11-22T12:00:00Z,tester,Organization,2026-Q4,G-SM-1-A.1,most,most,,'=cmd()
X

# scopes in the log
run scope new Web
run --scope Web period new W1 --empty
run --scope Web score W1 G-SM-1-A.1 no
run log --scope Web
expect_out "log --scope" <<'X'
2026-11-22T12:00:00Z  tester  W1  G-SM-1-A.1  unset -> no
X

# the leadership report of the quarter: the example the README points to
# (written to build/examples/, never committed)
EX=${SAMMTUI_EXAMPLES:-build/examples}
mkdir -p "$EX"
run report 2026-Q4 -o "$EX/report-2026-Q4.html"
expect_rc 0 "report of the quarter"
check 'grep -q "Overall" "$EX/report-2026-Q4.html" && grep -q "2026-Q4" "$EX/report-2026-Q4.html"' \
	"the example report holds the quarter and its overall score ($EX/report-2026-Q4.html)"

# ---- The tutorial page ------------------------------------------------------------
# Its sessions are the .EX blocks that start with "$ ": a "$ " line is a
# command (one ending in <<'END' takes the lines up to END as its input),
# the lines up to the next command are its output (stdout and stderr).
# All sessions run in order in one shell, in a fresh folder, with
# `sammtui` on the PATH; SAMMTUI_DB and SAMMTUI_USER come from the page.
TUT=$(pwd)/man/sammtui-tutorial.7
check '[ -f "$TUT" ]' "the tutorial page exists"
TW=$T/tutorial
mkdir -p "$TW/bin" "$TW/run"
ln -s "$BIN" "$TW/bin/sammtui"
awk '/^\.EX$/ { on = 1; first = 1; next } /^\.EE$/ { on = 0; next }
	on && first { first = 0; keep = ($0 ~ /^\$ /) } on && keep' "$TUT" |
	sed -e 's/\\-/-/g' -e 's/^\\&//' -e 's/\\e/\\/g' > "$TW/sessions"
# One script: each command's output goes to out.N; the expected output of
# command N to exp.N; its text to cmd.N.
awk -v w="$TW" '
	function close_exp() { if (n > 0) close(w "/exp." n) }
	heredoc { print > script; if ($0 == "END") { heredoc = 0
		print "} > \"" w "/out." n "\" 2>&1" > script } ; next }
	/^\$ / { close_exp(); n++; c = substr($0, 3)
		print c > (w "/cmd." n); close(w "/cmd." n)
		printf "" > (w "/exp." n)
		print "{ " c > script
		if (c ~ /<<\047END\047$/) { heredoc = 1; next }
		print "} > \"" w "/out." n "\" 2>&1" > script; next }
	{ print > (w "/exp." n) }
	END { close_exp(); print n > (w "/count") }' script="$TW/script" "$TW/sessions"
ncmd=$(cat "$TW/count")
check '[ "$ncmd" -ge 30 ]' "the tutorial has its sessions ($ncmd commands)"
(
	cd "$TW/run" && unset SAMMTUI_DB SAMMTUI_USER &&
	PATH="$TW/bin:$PATH" sh "$TW/script"
) > "$TW/stray" 2>&1
check '[ ! -s "$TW/stray" ]' "the tutorial's sessions print nothing outside their commands"
i=1
while [ "$i" -le "$ncmd" ]; do
	c=$(cat "$TW/cmd.$i")
	if diff -u "$TW/exp.$i" "$TW/out.$i" > "$TW/diff" 2>&1; then
		ok "tutorial: \$ $c"
	else
		not_ok "tutorial: \$ $c"; sed 's/^/#   /' "$TW/diff" | head -40
	fi
	i=$((i + 1))
done
check '[ -f "$TW/run/samm-2026-Q4.csv" ] && [ -f "$TW/run/samm-backup.db" ]' \
	"the tutorial's export and backup files were written"

done_testing
