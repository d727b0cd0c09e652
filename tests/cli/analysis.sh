#!/bin/sh
# analysis.sh - diff, stagnant, trend and check on a five-period history
# built with the real binary from tests/fixtures/history/ (the same history
# as tests/unit/test_analysis.c, where every figure is worked out).
. tests/lib/cli.sh

history_db

# ---- diff --------------------------------------------------------------------
run diff P4 P5 --notes
expect_rc 0 "diff P4 P5"
expect_out "diff P4 P5 --notes: items, notes (escaped), figures" <<'OUT'
Organization: P4 (2025-10-15) -> P5 (2026-01-15)

Items changed: 2 (1 up, 1 down, 0 changed)
  D-TA-1-A.1       most  -> some   down
  D-TA-1-B.1       some  -> most   up
Notes changed: 2
  G-SM-1-A.1       "waiting" -> "still no budget"
  D-TA-1-A.2       "" -> "tab\there"

Figures by practice:
  FIGURE              OLD    NEW  DELTA  DIR      NAME
  overall            0.31   0.44  +0.12  up       Overall
  Governance         0.25   0.25   0.00  same     Governance
  SM                 0.25   0.25   0.00  same     Strategy & Metrics
  Design             0.38   0.62  +0.25  up       Design
  TA                 0.38   0.62  +0.25  up       Threat Assessment
OUT

TAB=$(printf '\t')
run diff P4 P5 --csv --notes
expect_out "diff --csv --notes" <<OUT
kind,id,name,old,new,delta,direction
item,D-TA-1-A.1,C4,most,some,-0.75,down
item,D-TA-1-B.1,C7,some,most,0.75,up
note,G-SM-1-A.1,,waiting,still no budget,,changed
note,D-TA-1-A.2,,,tab${TAB}here,,added
overall,overall,Overall,0.3125,0.4375,0.125,up
function,Governance,Governance,0.25,0.25,0,same
practice,SM,Strategy & Metrics,0.25,0.25,0,same
function,Design,Design,0.375,0.625,0.25,up
practice,TA,Threat Assessment,0.375,0.625,0.25,up
OUT

run diff P5 P4 --by function --csv
expect_out "diff in the other order, by function" <<'OUT'
kind,id,name,old,new,delta,direction
item,D-TA-1-A.1,C4,some,most,0.75,up
item,D-TA-1-B.1,C7,most,some,-0.75,down
overall,overall,Overall,0.4375,0.3125,-0.125,down
function,Governance,Governance,0.25,0.25,0,same
function,Design,Design,0.625,0.375,-0.25,down
OUT

run diff P1 P3 --by item --only up
expect_out "diff --by item --only up: item rows only" <<'OUT'
Organization: P1 (2025-01-15) -> P3 (2025-07-15)

Items up: 4
  G-SM-1-A.2       no    -> some   up
  G-SM-1-B.1       some  -> half   up
  D-TA-1-A.1       half  -> most   up
  D-TA-1-A.2       unset -> half   up
OUT

run diff P1 P3 --by item --only down --csv
expect_out "diff --only down: nothing fell" <<'OUT'
kind,id,name,old,new,delta,direction
OUT

# ---- stagnant ------------------------------------------------------------------
run stagnant
expect_rc 0 "stagnant"
expect_out "stagnant: practices first, items beneath, regressions" <<'OUT'
Organization: last 3 periods, P3 (2025-07-15) to P5 (2026-01-15)
Stagnant practices: 1
  SM     0.25   3 periods since P3  Strategy & Metrics
    G-SM-1-A.1       no      5 periods since P1  "still no budget"
    G-SM-1-A.2       some    4 periods since P2
    G-SM-1-B.1       half    3 periods since P3
Stagnant items in other practices: 1
  D-TA-1-A.2       half    3 periods since P3  "tab\there"
Regressed items: 2
  D-TA-1-A.1       most  -> some  in P5
  D-TA-1-B.1       half  -> some  in P4
Regressed practices: 1
  TA     0.50 -> 0.38 in P4
Unassessed items (unset in each of the last 3 periods): 1
OUT

run stagnant --csv -n 3
cp "$T/out" "$T/stagnant.csv"
expect_out "stagnant --csv" <<OUT
scope,kind,id,practice,value,from,run,period,note
Organization,practice,SM,SM,0.25,0.25,3,P3,
Organization,item,G-SM-1-A.1,SM,no,,5,P1,still no budget
Organization,item,G-SM-1-A.2,SM,some,,4,P2,
Organization,item,G-SM-1-B.1,SM,half,,3,P3,
Organization,item,D-TA-1-A.2,TA,half,,3,P3,tab${TAB}here
Organization,regressed,D-TA-1-A.1,TA,some,most,,P5,
Organization,regressed,D-TA-1-B.1,TA,some,half,,P4,
Organization,regressed-practice,TA,TA,0.375,0.5,,P4,
OUT

run stagnant --periods 6
expect_out "stagnant with too few periods says so" <<'OUT'
scope Organization has 5 periods; stagnation needs 6
Regressed items: 2
  D-TA-1-A.1       most  -> some  in P5
  D-TA-1-B.1       half  -> some  in P4
Regressed practices: 1
  TA     0.50 -> 0.38 in P4
OUT

run scope new Other
# a window of 2, but SM's run reaches back to P3 (it scored 0.125 in P2)
run --scope Other stagnant --all-scopes --csv -n 2
expect_rc 0 "stagnant --all-scopes"
expect_out "stagnant --all-scopes --csv" <<OUT
scope,kind,id,practice,value,from,run,period,note
Organization,practice,SM,SM,0.25,0.25,3,P3,
Organization,item,G-SM-1-A.1,SM,no,,5,P1,still no budget
Organization,item,G-SM-1-A.2,SM,some,,4,P2,
Organization,item,G-SM-1-B.1,SM,half,,3,P3,
Organization,item,D-TA-1-A.2,TA,half,,3,P3,tab${TAB}here
Organization,regressed,D-TA-1-A.1,TA,some,most,,P5,
OUT
expect_err_has "scope Other has 0 periods; stagnation needs 2" "a scope without periods is named"

# ---- trend -----------------------------------------------------------------------
run trend
expect_rc 0 "trend"
expect_out "trend: one column per period, by practice" <<'OUT'
FIGURE            P1      P2      P3      P4      P5
overall         0.19    0.19    0.38    0.31    0.44
  Governance    0.12    0.12    0.25    0.25    0.25
    SM          0.12    0.12    0.25    0.25    0.25
  Design        0.25    0.25    0.50    0.38    0.62
    TA          0.25    0.25    0.50    0.38    0.62
OUT

run trend --by function --csv
expect_out "trend --by function --csv" <<'OUT'
level,id,name,P1,P2,P3,P4,P5
overall,overall,Overall,0.1875,0.1875,0.375,0.3125,0.4375
function,Governance,Governance,0.125,0.125,0.25,0.25,0.25
function,Design,Design,0.25,0.25,0.5,0.375,0.625
OUT

# ---- check -----------------------------------------------------------------------
run check
expect_rc 0 "check without policies passes"
expect_out "check digest" <<'OUT'
Organization: P5 (2026-01-15), previous P4 (2025-10-15)
Changes since P4: 1 up, 1 down, 0 changed
Overall: 0.44 (+0.12)
Stagnant over the last 3 periods: 4 items, 1 practice
Regressed: 2 items, 1 practice
OUT

run check --max-stagnant 4 --min-overall 0.4
expect_rc 0 "check within the policies"

run check --max-stagnant 3
expect_rc 3 "check: too many stagnant items"
expect_out_has "policy broken: 4 stagnant items > --max-stagnant 3" "names the stagnant policy"

run check --no-regressions --periods 2
expect_rc 3 "check --no-regressions"
expect_out_has "policy broken: 1 regressed item and 0 regressed practices with --no-regressions" \
	"names the regression policy"

run check --min-overall 0.5
expect_rc 3 "check --min-overall"
expect_out_has "policy broken: overall 0.44 < --min-overall 0.5" "names the overall policy"

run check --scope Other
expect_rc 1 "check on a scope without periods is a data error"
expect_err_has "scope 'Other' has no periods" "says why"

# ---- errors ------------------------------------------------------------------------
run diff P1
expect_rc 2 "diff with one period"
run diff P1 P2 --only sideways
expect_rc 2 "diff --only sideways"
run diff P1 P2 --by galaxy
expect_rc 2 "diff --by galaxy"
run diff P1 NOPE
expect_rc 1 "diff with an unknown period"
run stagnant --periods 1
expect_rc 2 "stagnant --periods 1"
run trend --by item
expect_rc 2 "trend --by item"
run check --min-overall x
expect_rc 2 "check --min-overall x"
run check --max-stagnant -1
expect_rc 2 "check --max-stagnant -1"
run trend extra
expect_rc 2 "trend with an argument"

# A practice stuck for longer than the window while none of its criteria is
# (they are all "most"): its run reaches back through the older periods
# all the same (read per practice, not per period).
export SAMMTUI_DB="$T/prun.db"
run init
run period new R1 --date 2025-01-01
run score R1 G-SM-1-A most
for p in R2 R3 R4 R5 R6; do run period new $p --date "2025-0${p#R}-01"; done
run stagnant --csv
expect_out "a practice's run beyond the window, with no stagnant criterion" <<'OUT'
scope,kind,id,practice,value,from,run,period,note
Organization,practice,SM,SM,0.5,0.5,6,R1,
OUT

# Another index on the scores (a database someone has tuned) is a schema
# object sammtui did not create: the file is refused, named, and untouched
# (tests/cli/guard-db.sh has the rest of that rule); without the index,
# stagnant gives the same answer as before.
export SAMMTUI_DB="$T/data/sammtui.db"
sqlite3 "$SAMMTUI_DB" "CREATE INDEX score_by_value ON score(period_id, value)"
cp "$SAMMTUI_DB" "$T/tuned.db"
run stagnant --csv -n 3
expect_rc 1 "stagnant refuses a database with an index sammtui did not create"
expect_err_has 'unexpected index "score_by_value"' "and names the index"
check 'cmp -s "$SAMMTUI_DB" "$T/tuned.db"' "and leaves the file as it was"
sqlite3 "$SAMMTUI_DB" "DROP INDEX score_by_value"
run stagnant --csv -n 3
check 'cmp -s "$T/out" "$T/stagnant.csv"' "stagnant is the same once the index is gone"

done_testing
