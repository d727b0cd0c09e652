#!/bin/sh
# roadmap.sh - phases, targets by phase, the roadmap, fixing a period's date
# or name, projects serving a phase, and scopes that assess part of SAMM, on
# the five-period history of tests/fixtures/history/ (see projects.sh).
#
# Activity values in P5: G-SM-1-A no, G-SM-1-B half, D-TA-1-A some,
# D-TA-1-B most.  Scores in P5: SM (0 + 0.5) / 2 = 0.25, TA (0.25 + 1) / 2 =
# 0.625, overall 0.4375.
. tests/lib/cli.sh

history_db
run check; check_rc=$rc; cp "$T/out" "$T/check.before"
run show P5; cp "$T/out" "$T/show.before"
run period list; cp "$T/out" "$T/periods.before"

# ---- The issue's story: plan two phases ahead ----------------------------------------
run roadmap
expect_out_has "No phases; plan one with 'sammtui phase new NAME --due YYYY-MM-DD'." \
	"roadmap without phases says how to plan"
run phase new 2026-Q2 --due 2026-06-30 --description "first step"
expect_out "phase new" <<'OUT'
created phase 2026-Q2 (due 2026-06-30)
OUT
run phase new 2026-Q3 --due 2026-09-30
expect_rc 0 "a second phase"
run target set 2026-Q2 SM half
expect_out "target set in a phase" <<'OUT'
2026-Q2: set the target of 2 activities under SM to half
OUT
run target set 2026-Q3 D-TA-1-A most
expect_out "target set in the next phase" <<'OUT'
2026-Q3: set the target of D-TA-1-A to most
OUT
run target set 2026-Q3 G-SM-1-A half
expect_out "a target carried from the phase before is no change" <<'OUT'
2026-Q3: the target of G-SM-1-A is already half
OUT

run period list
expect_out "no period was needed: the periods are as they were" < "$T/periods.before"
run show P5
expect_out "show of the latest period is unchanged" < "$T/show.before"
run check
check '[ "$rc" -eq "$check_rc" ]' "check exits as before"
head -n 5 "$T/out" > "$T/check.after"
check 'head -n 5 "$T/check.before" | cmp -s - "$T/check.after"' \
	"check's latest period, changes and overall are unchanged"

# Projected: 2026-Q2: SM-A 0.5, SM-B 0.5 -> SM 0.5, TA 0.625, overall 0.5625.
# 2026-Q3: SM carried 0.5; TA-A 1 -> TA (1 + 1) / 2 = 1; overall 0.75.
run roadmap
expect_out "roadmap: now, then each phase's projection and the gap" <<'OUT'
Organization: roadmap from P5 (2026-01-15)
PRACTICE                      NOW    2026-Q2    2026-Q3
                       2026-01-15 2026-06-30 2026-09-30
Governance                   0.25       0.50       0.50
  SM                         0.25       0.50       0.50
Design                       0.62       0.62       1.00
  TA                         0.62       0.62       1.00
Overall                      0.44       0.56       0.75
Gap to next                            +0.12      +0.19
OUT
run roadmap --csv
expect_rc 0 "roadmap --csv"
expect_out_has "scope,level,id,name,kind,column,date,value,gap,partial" "roadmap --csv header"
expect_out_has "Organization,overall,overall,Overall,now,P5,2026-01-15,0.4375,," \
	"roadmap --csv: the latest period"
expect_out_has "Organization,overall,overall,Overall,phase,2026-Q3,2026-09-30,0.75,0.1875," \
	"roadmap --csv: a phase, with the gap to the column before"
expect_out_has "Organization,practice,TA,Threat Assessment,phase,2026-Q3,2026-09-30,1,0.375," \
	"roadmap --csv: a practice"
run roadmap --by stream
expect_out_has "  TA-A                       0.25       0.25       1.00" "roadmap --by stream"

run phase list
expect_out "phase list" <<'OUT'
PHASE            DUE        TARGETS OVERALL  DESCRIPTION
2026-Q2          2026-06-30       2    0.56  first step
2026-Q3          2026-09-30       3    0.75  
OUT
run phase list --csv
expect_out "phase list --csv" <<'OUT'
scope,phase,due,targets,overall,description
Organization,2026-Q2,2026-06-30,2,0.5625,first step
Organization,2026-Q3,2026-09-30,3,0.75,
OUT

# ---- target show and the rule ----------------------------------------------------------
run target show 2026-Q3
expect_out "target show PHASE: against the latest period" <<'OUT'
Organization: targets of phase 2026-Q3 (due 2026-09-30) against P5 (2026-01-15)
FIGURE                SCORE  TARGET    GAP   PERCENT  NAME
overall                0.44    0.75   0.31     58.3%  Overall
  Governance           0.25    0.50   0.25     50.0%  Governance
    SM                 0.25    0.50   0.25     50.0%  Strategy & Metrics
      G-SM-1-A         0.00    0.50   0.50         -  Act SM1A
      G-SM-1-B         0.50    0.50   0.00         -  Act SM1B
  Design               0.62    1.00   0.38     62.5%  Design
    TA                 0.62    1.00   0.38     62.5%  Threat Assessment
      D-TA-1-A         0.25    1.00   0.75         -  Act TA1A
OUT
run target show
expect_out_has "Organization: targets of phase 2026-Q2 (due 2026-06-30) against P5 (2026-01-15)" \
	"target show: the latest period counts the first phase due after it"
run target show --period P4
expect_out_has "Organization: targets of phase 2026-Q2 (due 2026-06-30) against P4 (2025-10-15)" \
	"target show --period"
run target show --period P9
expect_rc 1 "target show --period: an unknown period"
run target clear 2026-Q3 D-TA-1-A
expect_out "target clear in a phase" <<'OUT'
2026-Q3: cleared 1 target under D-TA-1-A
OUT
run target set 2026-Q3 D-TA-1-A most
run target set 2026-Q9 SM most
expect_rc 1 "target set in an unknown phase"
expect_err_has "no phase '2026-Q9' in this scope" "names the phase"

# ---- phase set / delete ----------------------------------------------------------------
run phase set 2026-Q3 --due 2026-10-31 --rename Autumn --description "TA first"
expect_out "phase set" <<'OUT'
phase Autumn: 3 fields changed
OUT
run phase set Autumn --due 2026-10-31
expect_out "phase set: nothing to change" <<'OUT'
phase Autumn: nothing to change
OUT
run phase set 2026-Q2 --rename Autumn
expect_rc 1 "phase set: a name taken"
run log phase:Autumn
expect_out_has 'phase:Autumn  note: "name 2026-Q3" -> "name Autumn"' "phase changes are logged"
run phase new Later --due 2027-03-31
run phase delete Later
expect_rc 2 "phase delete needs --yes"
run phase delete Later --yes
expect_out "phase delete" <<'OUT'
deleted phase Later
OUT
run log phase:Later
expect_out_has "deleted (due 2027-03-31, 0 targets)" "phase delete is logged"

# ---- period set ----------------------------------------------------------------------------
run period new P6 --date 2026-11-22 --empty
run period set P6 --date 2026-04-01 --rename 2026-Q2-check
expect_out "period set fixes a date and a name" <<'OUT'
period 2026-Q2-check (2026-04-01)
OUT
run log period:2026-Q2-check
expect_out_has 'note: "date 2026-11-22" -> "date 2026-04-01"' "period set is logged"
run period set P5 --rename P4
expect_rc 1 "period set: a name taken"
run period set P5
expect_rc 2 "period set needs --date or --rename"
run period set P5 --date 2026-02-30
expect_rc 2 "period set: not a date"
run period delete 2026-Q2-check --yes
expect_rc 0 "period delete"

# ---- a project serving a phase ---------------------------------------------------------------
run project new Metrics --status active
run project link Metrics G-SM-1-A
run project set Metrics --phase Autumn
expect_rc 0 "project set --phase"
run project show Metrics
expect_out_has "Serves phase Autumn" "project show names the phase"
expect_out_has "Targets of phase Autumn: 0 of 1 reached" "project show reports against it"
run project new Planned --phase Autumn
expect_out "project new --phase" <<'OUT'
created project Planned (planned, start P5, phase Autumn)
OUT
run project show Planned
expect_out_has "Serves phase Autumn" "project new --phase: the project serves it"
run project new Stray --phase Nope
expect_rc 1 "project new --phase: an unknown phase"
run project list
check '! grep -q "^Stray" "$T/out"' "project new --phase: nothing created on an unknown phase"
run project set Metrics --phase Nope
expect_rc 1 "project set --phase: an unknown phase"
run project set Metrics --phase ''
run project show Metrics
check '! grep -q "Serves phase" "$T/out"' "project set --phase '' removes it"

# ---- scopes that assess part of SAMM -----------------------------------------------------
run scope set Organization --exclude Governance
expect_out "scope set --exclude" <<'OUT'
Organization: partial: excludes Governance
OUT
run show P5
expect_out_has "partial: excludes Governance" "show says the figures are partial"
expect_out_has "  excluded" "show marks what is left out"
grep '^Overall' "$T/out" > "$T/overall"
check 'grep -q "0.62 .*partial" "$T/overall"' "show: the overall is Design's alone"
run show P5 --csv --by function
expect_out "show --csv: a partial column" <<'OUT'
scope,period,date,model,level,id,name,score,partial
Organization,P5,2026-01-15,model 1,overall,overall,Overall,0.625,partial
Organization,P5,2026-01-15,model 1,function,Governance,Governance,0.25,excluded
Organization,P5,2026-01-15,model 1,function,Design,Design,0.625,
OUT
run roadmap
expect_out_has "partial: excludes Governance" "roadmap says it is partial"
# Autumn: D-TA-1-A most: TA target (1 + 1) / 2 = 1; the overall is Design's.
run target show Autumn
expect_out "target show of a partial scope" <<'OUT'
Organization: targets of phase Autumn (due 2026-10-31) against P5 (2026-01-15)
partial: excludes Governance
FIGURE                SCORE  TARGET    GAP   PERCENT  NAME
overall                0.62    1.00   0.38     62.5%  Overall (partial)
  Governance           0.25    0.50   0.25     50.0%  Governance (excluded)
    SM                 0.25    0.50   0.25     50.0%  Strategy & Metrics (excluded)
      G-SM-1-A         0.00    0.50   0.50         -  Act SM1A (excluded)
      G-SM-1-B         0.50    0.50   0.00         -  Act SM1B (excluded)
  Design               0.62    1.00   0.38     62.5%  Design
    TA                 0.62    1.00   0.38     62.5%  Threat Assessment
      D-TA-1-A         0.25    1.00   0.75         -  Act TA1A
OUT
run target show Autumn --csv
expect_out_has "level,id,name,score,target,gap,percent,partial" "target show --csv: a partial column"
expect_out_has "overall,overall,Overall,0.625,1,0.375,62.5,partial" "target show --csv: the overall is partial"

# every other output that prints a figure counts the same way and says so
# (P4: SM 0.25, TA (0.5 + 0.25) / 2 = 0.375)
run diff P4 P5 --by function
expect_out "diff of a partial scope" <<'OUT'
Organization: P4 (2025-10-15) -> P5 (2026-01-15)
partial: excludes Governance

Items changed: 2 (1 up, 1 down, 0 changed)
  D-TA-1-A.1       most  -> some   down
  D-TA-1-B.1       some  -> most   up

Figures by function:
  FIGURE              OLD    NEW  DELTA  DIR      NAME
  overall            0.38   0.62  +0.25  up       Overall  partial
  Governance         0.25   0.25   0.00  same     Governance  excluded
  Design             0.38   0.62  +0.25  up       Design
OUT
run diff P4 P5 --by function --csv
expect_out_has "kind,id,name,old,new,delta,direction,old_label,new_label,partial" "diff --csv: a partial column"
expect_out_has "overall,overall,Overall,0.375,0.625,0.25,up,,,partial" "diff --csv: the overall is partial"
expect_out_has "function,Governance,Governance,0.25,0.25,0,same,,,excluded" \
	"diff --csv: the function left out is marked"
run trend --by function --csv
expect_out "trend --csv of a partial scope" <<'OUT'
level,id,name,P1,P2,P3,P4,P5,partial
overall,overall,Overall,0.25,0.25,0.5,0.375,0.625,partial
function,Governance,Governance,0.125,0.125,0.25,0.25,0.25,excluded
function,Design,Design,0.25,0.25,0.5,0.375,0.625,
OUT
run trend --by function
expect_out_has "partial: excludes Governance" "trend says it is partial"
grep '^overall' "$T/out" > "$T/trend.overall"
check 'grep -q "0.62  partial$" "$T/trend.overall"' "trend: the overall row says partial"
# the whole model's overall is 0.44, Design's alone 0.62
run check --min-overall 0.5
expect_rc 0 "check --min-overall counts the partial overall"
expect_out_has "Overall: 0.62 (+0.25), partial" "check says the overall is partial"
expect_out_has "partial: excludes Governance" "check says what is left out"
run check --min-overall 0.7
expect_rc 3 "check --min-overall: the partial overall below it"
expect_out_has "policy broken: overall 0.62 (partial) < --min-overall 0.7" \
	"check: the broken policy says partial"
run stagnant
expect_out_has "partial: excludes Governance" "stagnant says it is partial"
check '! grep -q "G-SM" "$T/out"' "stagnant judges nothing of the practices left out"
run export P5
head -n 1 "$T/out" > "$T/export.head"
check 'grep -q ",updated_at,question,stream_name,practice_score,partial$" "$T/export.head"' "export: a partial column"
check 'grep -q "^Organization,P5,2026-01-15,model 1,G-SM-1-A.1,.*,excluded$" "$T/out"' \
	"export: the items left out are marked"
cp "$T/out" "$T/partial-export.csv"
run import P5 "$T/partial-export.csv"
expect_rc 0 "a partial scope's export imports as it is"
run report P5 -o "$T/partial.html"
expect_rc 0 "report of a partial scope"
check 'grep -q "id=\"partial\"><b>Partial</b> this scope leaves out SM" "$T/partial.html"' \
	"report: the header says what is left out"
check 'grep -q "Overall <span class=\"mark\">(partial)</span>" "$T/partial.html"' \
	"report: the overall card says partial"
run report --all-scopes -o "$T/org.html"
check 'grep -q "Organization <span class=\"mark\">(partial)</span>" "$T/org.html"' \
	"report --all-scopes: the partial scope is marked"
run scope set Organization --exclude TA
expect_rc 2 "a scope cannot leave out every practice"
run scope set Organization --include Governance
expect_out "scope set --include" <<'OUT'
Organization: complete: every practice counts
OUT
run show P5
expect_out "a complete scope shows exactly the figures of before" < "$T/show.before"
run diff P4 P5 --csv
head -n 1 "$T/out" > "$T/diff.head"
check 'grep -qx "kind,id,name,old,new,delta,direction,old_label,new_label" "$T/diff.head"' \
	"a complete scope's diff --csv has no partial column"
run check
head -n 5 "$T/out" > "$T/check.complete"
check 'head -n 5 "$T/check.before" | cmp -s - "$T/check.complete"' \
	"a complete scope's check is as before"
run scope set Organization --exclude G-SM-1-A
expect_rc 2 "scope set: only functions and practices"
run scope set Organization
expect_out "scope set NAME alone shows it" <<'OUT'
Organization: complete: every practice counts
OUT

# ---- usage errors -------------------------------------------------------------------------------
for args in "phase" "phase fly" "phase new X" "phase new X --due 2026-02-30" "phase list extra" \
	"phase set X" "phase list --due 2026-01-01" "phase new X --due 2026-01-01 --rename Y" \
	"roadmap extra" "roadmap --by function" "scope set" "period set" \
	"target set 2026-Q2 SM" "target clear X --period P1"; do
	# shellcheck disable=SC2086
	run $args
	expect_rc 2 "usage error: sammtui $args"
done

done_testing
