#!/bin/sh
# projects.sh - project and target, and the coverage lines they add to
# stagnant and check, on the five-period history of tests/fixtures/history/
# (the same as tests/cli/analysis.sh).
#
# Activity values in that history (the lowest criterion that applies):
#             P1    P2    P3    P4    P5
#   G-SM-1-A  no    no    no    no    no
#   G-SM-1-B  some  some  half  half  half
#   D-TA-1-A  no    no    half  half  some   (P1, P2: D-TA-1-A.2 unset)
#   D-TA-1-B  half  half  half  some  most
# Scores in P5: SM 0.25, TA 0.625, overall 0.4375.
. tests/lib/cli.sh

history_db

# ---- Without projects or targets nothing changes ---------------------------------
run stagnant
expect_rc 0 "stagnant without projects"
check '! grep -q "covered" "$T/out"' "stagnant adds no coverage lines without projects or targets"
run check
expect_rc 0 "check without projects"
check '[ "$(wc -l < "$T/out")" -eq 5 ]' "check prints its five lines only"

# ---- project new -----------------------------------------------------------------------
run project new Threats --owner alice --start P1 --end P3 \
	--description "Threat models for every team"
expect_rc 0 "project new with every option"
expect_out "project new says what it made" <<'OUT'
created project Threats (planned, owner alice, start P1, end P3)
OUT
run project new Metrics --status active --start P4
expect_out "project new --status" <<'OUT'
created project Metrics (active, start P4)
OUT
run project new Training
expect_out "the start defaults to the latest period" <<'OUT'
created project Training (planned, start P5)
OUT

run project new Threats
expect_rc 1 "a second project of that name"
expect_err_has "sammtui: project 'Threats' already exists in scope 'Organization'" "says so"
run project new Bad --status later
expect_rc 2 "an unknown status is a usage error"
expect_err_has "unknown status 'later' (planned, active, done or dropped)" "names the statuses"
run project new Bad --start P9
expect_rc 1 "an unknown period"
expect_err_has "no period 'P9' in this scope" "names the period"
run project new Bad --start P3 --end P1
expect_rc 2 "an end before the start"
expect_err_has "the end period 'P1' (2025-01-15) is before the start period 'P3' (2025-07-15)" \
	"says which periods"
run project new "$(printf 'a\tb')"
expect_rc 2 "a control character in a name"

# ---- project link / unlink ------------------------------------------------------------
run project link Threats D-TA-1-A G-SM-1-A G-SM-1-B.1
expect_rc 0 "link activities and an item"
expect_out "link counts" <<'OUT'
linked 3 to project Threats
OUT
run project link Metrics G-SM-1-A G-SM-1-B G-SM-1-A
expect_out "an id given twice is linked once" <<'OUT'
linked 2 to project Metrics (1 already linked)
OUT
run project link Metrics NOPE-1-A G-SM-1-A.1
expect_rc 1 "an unknown id"
expect_err_has "unknown id 'NOPE-1-A'" "names it"
run project link Metrics SM
expect_rc 2 "a practice cannot be linked"
expect_err_has "'SM' is a practice: projects link activities (such as G-SM-1-A) or items" \
	"says what can be"
run project link Nobody G-SM-1-A
expect_rc 1 "an unknown project"
expect_err_has "no project 'Nobody' in scope 'Organization'" "names the project"
run project unlink Metrics D-TA-1-A
expect_rc 1 "unlink what is not linked"
expect_err_has "project 'Metrics' has no link to 'D-TA-1-A'" "says so"

# the failed link wrote nothing: G-SM-1-A.1 is not linked
run project show Metrics --csv
expect_out "show --csv: the links, and nothing from the failed call" <<'OUT'
level,id,activity,name,start,now,direction,target,reached,gap
activity,G-SM-1-A,G-SM-1-A,Act SM1A,no,no,same,,,
activity,G-SM-1-B,G-SM-1-B,Act SM1B,half,half,same,,,
OUT

# ---- project list and the outcome ----------------------------------------------------------
run project list
expect_rc 0 "project list"
expect_out "list: by status, then name" <<'OUT'
PROJECT   STATUS   OWNER  START  END    LINKS  OUTCOME
Threats   planned  alice  P1     P3         3
Training  planned  -      P5     -          0
Metrics   active   -      P4     -          2
OUT
run project set Threats --status done
expect_out "project set says what changed" <<'OUT'
updated project Threats
  status: planned -> done
OUT
run project list
expect_out "a done project says how many of its activities rose from start to end" <<'OUT'
PROJECT   STATUS   OWNER  START  END    LINKS  OUTCOME
Training  planned  -      P5     -          0
Metrics   active   -      P4     -          2
Threats   done     alice  P1     P3         3  2 of 3 activities rose
OUT
run project list --status done --csv
expect_out "list --status done --csv" <<'OUT'
name,status,owner,start,end,links,activities,rose,compared,description
Threats,done,alice,P1,P3,3,3,2,3,Threat models for every team
OUT
run project list --status dropped
expect_out "no project of that status" <<'OUT'
no dropped projects in scope Organization
OUT

# ---- project show ------------------------------------------------------------------------
run project show Threats
expect_rc 0 "project show"
expect_out "show: values at start and end, what moved" <<'OUT'
Project Threats (done), owner alice
Start P1 (2025-01-15), end P3 (2025-07-15)
Description: Threat models for every team
Activities: 3, 2 rose, 0 fell (start -> end)

ID                 START  END    MOVE     TARGET REACHED   GAP  NAME
G-SM-1-A           no     no     same     -      -           -  Act SM1A
G-SM-1-B.1         some   half   up       -      -           -  C3
D-TA-1-A           no     half   up       -      -           -  Act TA1A
OUT
run project show Threats --csv
expect_out "show --csv" <<'OUT'
level,id,activity,name,start,now,direction,target,reached,gap
activity,G-SM-1-A,G-SM-1-A,Act SM1A,no,no,same,,,
item,G-SM-1-B.1,G-SM-1-B,C3,some,half,up,,,
activity,D-TA-1-A,D-TA-1-A,Act TA1A,no,half,up,,,
OUT

# ---- target ------------------------------------------------------------------------------------
run target set P5 SM half
expect_rc 0 "target set on a practice"
expect_out "sets each of its activities" <<'OUT'
P5: set the target of 2 activities under SM to half
OUT
run target set P5 D-TA-1-A most
expect_out "target set on an activity" <<'OUT'
P5: set the target of D-TA-1-A to most
OUT
run target set P5 D-TA-1-A 1
expect_out "the same target again" <<'OUT'
P5: the target of D-TA-1-A is already most
OUT
run target set P5 D-TA-1-A.1 most
expect_rc 2 "no targets on items"
expect_err_has "'D-TA-1-A.1' is an item: targets are set on activities" "says where they go"
run target set P5 TA na
expect_rc 2 "n/a is no target"
expect_err_has "a target is no, some, half or most (0, 0.25, 0.5 or 1), not 'na'" "names the values"
run target set P9 TA most
expect_rc 1 "target set in an unknown period"

# An activity without a target counts at its score (the Toolbox's targets
# start as the current answers).
# SM: targets 0.5 + 0.5 over two streams = 0.5, score 0.25: 50 %.
# TA: score 0.625; D-TA-1-A's target 1 instead of its 0.25 adds 0.75 to
# stream A, 0.375 to TA: target 1, 62.5 %.
# overall: (0.5 + 1) / 2 = 0.75, score 0.4375: 58.3 %.
run target show P5
expect_rc 0 "target show"
expect_out "target show: gaps and percent to target" <<'OUT'
Organization: targets of phase P5 (due 2026-01-15) against P5 (2026-01-15)
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
# The targets set "in P5" went to phase P5, due on P5's date (the scope had
# no phase): the first phase due on or after P4's date, so they count for P4.
# P4: D-TA-1-A 0.5 -> 1 adds 0.5 to TA-A: TA 0.375 -> 0.625 (60 %);
# overall (0.5 + 0.625) / 2 = 0.5625 against (0.25 + 0.375) / 2 = 0.3125.
run target show P4
expect_out "a period counts the first phase due on or after its date" <<'OUT'
Organization: targets of phase P5 (due 2026-01-15) against P4 (2025-10-15)
FIGURE                SCORE  TARGET    GAP   PERCENT  NAME
overall                0.31    0.56   0.25     55.6%  Overall
  Governance           0.25    0.50   0.25     50.0%  Governance
    SM                 0.25    0.50   0.25     50.0%  Strategy & Metrics
      G-SM-1-A         0.00    0.50   0.50         -  Act SM1A
      G-SM-1-B         0.50    0.50   0.00         -  Act SM1B
  Design               0.38    0.62   0.24     60.0%  Design
    TA                 0.38    0.62   0.24     60.0%  Threat Assessment
      D-TA-1-A         0.50    1.00   0.50         -  Act TA1A
OUT
run target clear P5 G-SM-1-B
expect_out "target clear" <<'OUT'
P5: cleared 1 target under G-SM-1-B
OUT
run target clear P5 G-SM-1-B
expect_out "nothing left to clear" <<'OUT'
P5: no target to clear under G-SM-1-B
OUT
# SM now (0.5 + G-SM-1-B's score 0.5) / 2 = 0.5; overall (0.5 + 1) / 2 = 0.75
run target show P5 --csv
expect_out "target show --csv" <<'OUT'
level,id,name,score,target,gap,percent
overall,overall,Overall,0.4375,0.75,0.3125,58.333333
function,Governance,Governance,0.25,0.5,0.25,50
practice,SM,Strategy & Metrics,0.25,0.5,0.25,50
activity,G-SM-1-A,Act SM1A,0,0.5,0.5,
function,Design,Design,0.625,1,0.375,62.5
practice,TA,Threat Assessment,0.625,1,0.375,62.5
activity,D-TA-1-A,Act TA1A,0.25,1,0.75,
OUT

run project show Metrics
expect_out "show: now is the latest period, with its targets" <<'OUT'
Project Metrics (active)
Start P4 (2025-10-15), no end period; now P5 (2026-01-15)
Activities: 2, 0 rose, 0 fell (start -> now)
Targets in P5: 0 of 1 reached

ID                 START  NOW    MOVE     TARGET REACHED   GAP  NAME
G-SM-1-A           no     no     same     half   no       0.50  Act SM1A
G-SM-1-B           half   half   same     -      -           -  Act SM1B
OUT

# ---- stagnant and check: who works on the stuck activities -------------------------------------
run stagnant
expect_rc 0 "stagnant with projects"
expect_out "stagnant: the report as before, then the coverage" <<'OUT'
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
Stagnant or below-target activities: 3, 1 not covered by an active or planned project
  G-SM-1-A         stagnant, below target (no < half)     covered by Metrics (active)
  G-SM-1-B         stagnant                               covered by Metrics (active)
  D-TA-1-A         stagnant, below target (some < most)   not covered
OUT
run stagnant --uncovered
expect_out "stagnant --uncovered: only what nobody works on" <<'OUT'
Organization: last 3 periods, P3 (2025-07-15) to P5 (2026-01-15)
Uncovered stagnant or below-target activities: 1
  D-TA-1-A         stagnant, below target (some < most)
OUT
run stagnant --csv
expect_out "stagnant --csv: coverage rows after the others" <<OUT
scope,kind,id,practice,value,from,run,period,note
Organization,practice,SM,SM,0.25,0.25,3,P3,
Organization,item,G-SM-1-A.1,SM,no,,5,P1,still no budget
Organization,item,G-SM-1-A.2,SM,some,,4,P2,
Organization,item,G-SM-1-B.1,SM,half,,3,P3,
Organization,item,D-TA-1-A.2,TA,half,,3,P3,tab$(printf '\t')here
Organization,regressed,D-TA-1-A.1,TA,some,most,,P5,
Organization,regressed,D-TA-1-B.1,TA,some,half,,P4,
Organization,regressed-practice,TA,TA,0.375,0.5,,P4,
Organization,covered,G-SM-1-A,SM,no,half,,P5,Metrics
Organization,covered,G-SM-1-B,SM,half,,,P5,Metrics
Organization,uncovered,D-TA-1-A,TA,some,most,,P5,
OUT
run stagnant --uncovered --csv
expect_out "stagnant --uncovered --csv" <<'OUT'
scope,kind,id,practice,value,from,run,period,note
Organization,uncovered,D-TA-1-A,TA,some,most,,P5,
OUT

run check
expect_rc 0 "check with projects, no policy on them"
expect_out "check: the digest, then the coverage" <<'OUT'
Organization: P5 (2026-01-15), previous P4 (2025-10-15)
Changes since P4: 1 up, 1 down, 0 changed
Overall: 0.44 (+0.12)
Stagnant over the last 3 periods: 4 items, 1 practice
Regressed: 2 items, 1 practice
Stagnant or below-target activities: 3, 1 not covered by an active or planned project
  G-SM-1-A         stagnant, below target (no < half)     covered by Metrics (active)
  G-SM-1-B         stagnant                               covered by Metrics (active)
  D-TA-1-A         stagnant, below target (some < most)   not covered
OUT
run check --max-uncovered 1
expect_rc 0 "check within --max-uncovered"
run check --max-uncovered 0 --uncovered
expect_rc 3 "check --max-uncovered 0 breaks"
expect_out "check --uncovered lists only the uncovered, then the broken policy" <<'OUT'
Organization: P5 (2026-01-15), previous P4 (2025-10-15)
Changes since P4: 1 up, 1 down, 0 changed
Overall: 0.44 (+0.12)
Stagnant over the last 3 periods: 4 items, 1 practice
Regressed: 2 items, 1 practice
Uncovered stagnant or below-target activities: 1
  D-TA-1-A         stagnant, below target (some < most)
policy broken: 1 uncovered activity > --max-uncovered 0
OUT
run check --max-uncovered x
expect_rc 2 "check --max-uncovered x"
expect_err_has "--max-uncovered takes a count, not 'x'" "says what it takes"

# a dropped project covers nothing
run project set Metrics --status dropped --owner bob
expect_out "set two fields" <<'OUT'
updated project Metrics
  status: active -> dropped
  owner: - -> bob
OUT
run project set Metrics --owner bob
expect_out "set what is already so" <<'OUT'
project Metrics: nothing to change
OUT
run check --max-uncovered 2
expect_rc 3 "now three activities are uncovered"
expect_out_has "policy broken: 3 uncovered activities > --max-uncovered 2" "counts them"

# ---- rename, CSV formulas, delete --------------------------------------------------------------
run project set Training --name "=HYPERLINK(1)" --description "-2+3"
expect_out "rename" <<'OUT'
updated project =HYPERLINK(1)
  name: Training -> =HYPERLINK(1)
  description: - -> -2+3
OUT
run project list --csv
expect_out "list --csv neutralises formulas" <<'OUT'
name,status,owner,start,end,links,activities,rose,compared,description
'=HYPERLINK(1),planned,,P5,,0,0,,,'-2+3
Threats,done,alice,P1,P3,3,3,2,3,Threat models for every team
Metrics,dropped,bob,P4,,2,2,,,
OUT
run project delete "=HYPERLINK(1)"
expect_rc 1 "delete without --yes"
expect_err_has "refusing to delete project =HYPERLINK(1) without --yes" "asks for --yes"
run project delete "=HYPERLINK(1)" --yes
expect_rc 0 "delete --yes"
expect_out "delete says so" <<'OUT'
deleted project =HYPERLINK(1)
OUT
run project show "=HYPERLINK(1)"
expect_rc 1 "a deleted project is gone"

# ---- the change log -------------------------------------------------------------------------------
run log project:Metrics
expect_out "log project:NAME: the project's changes" <<'OUT'
2026-11-22T12:00:00Z  tester  project Metrics: created (active, start P4)
2026-11-22T12:00:00Z  tester  project Metrics: linked G-SM-1-A
2026-11-22T12:00:00Z  tester  project Metrics: linked G-SM-1-B
2026-11-22T12:00:00Z  tester  project Metrics: status: active -> dropped
2026-11-22T12:00:00Z  tester  project Metrics: no owner -> owner bob
OUT
run log target:D-TA-1-A
expect_out "log target:ACTIVITY: old and new target" <<'OUT'
2026-11-22T12:00:00Z  tester  P5  target:D-TA-1-A  unset -> most
OUT
run log "project:=HYPERLINK(1)" --csv
expect_out "log --csv of a renamed and deleted project" <<'OUT'
at,user,scope,period,item,old,new,old_note,new_note
2026-11-22T12:00:00Z,tester,Organization,,project:=HYPERLINK(1),,,name Training,name =HYPERLINK(1)
2026-11-22T12:00:00Z,tester,Organization,,project:=HYPERLINK(1),,,no description,description -2+3
2026-11-22T12:00:00Z,tester,Organization,,project:=HYPERLINK(1),,,,"deleted (planned, 0 links)"
OUT

# ---- scopes -----------------------------------------------------------------------------------------
run scope new Other
run --scope Other project new Metrics
expect_rc 0 "the same name in another scope"
expect_out "no period there: no start" <<'OUT'
created project Metrics (planned)
OUT
run --scope Other project list
expect_out "each scope lists its own projects" <<'OUT'
PROJECT  STATUS   OWNER  START  END    LINKS  OUTCOME
Metrics  planned  -      -      -          0
OUT
run --scope Other project link Metrics D-TA-1-B
expect_rc 0 "links in a scope without periods are checked against the latest model"
run --scope Other stagnant
expect_out "a scope without periods" <<'OUT'
scope Other has 0 periods; stagnation needs 3
OUT

# ---- an outcome with a fall: P3 -> P5, D-TA-1-A half -> some, D-TA-1-B half -> most --------
run project new Fall --status done --start P3
expect_out "done at creation: the latest period is its end" <<'OUT'
created project Fall (done, start P3, end P5)
OUT
run project link Fall D-TA-1-A D-TA-1-B.1
run project list --status done
expect_out "only the rises count" <<'OUT'
PROJECT  STATUS   OWNER  START  END    LINKS  OUTCOME
Fall     done     -      P3     P5         2  1 of 2 activities rose
Threats  done     alice  P1     P3         3  2 of 3 activities rose
OUT
run project show Fall
expect_out "show: one rose, one fell" <<'OUT'
Project Fall (done)
Start P3 (2025-07-15), end P5 (2026-01-15)
Activities: 2, 1 rose, 1 fell (start -> end)
Targets in P5: 0 of 1 reached

ID                 START  END    MOVE     TARGET REACHED   GAP  NAME
D-TA-1-A           half   some   down     most   no       0.75  Act TA1A
D-TA-1-B.1         half   most   up       -      -           -  C7
OUT

# ---- usage errors and a read-only database ----------------------------------------------------------
for args in "project" "project fly" "project new" "project list extra" \
	"project list --status bogus" "project link Metrics" "project set Metrics" \
	"project show Metrics --yes" "project link Metrics G-SM-1-A --csv" \
	"project list --owner x" "target" "target show --period" "target show P5 extra" \
	"target set P5 SM" "target clear P5 SM --csv" "stagnant --uncovered extra"; do
	# shellcheck disable=SC2086
	run $args
	expect_rc 2 "usage error: sammtui $args"
done

chmod 0400 "$SAMMTUI_DB"
run project new ReadOnly
expect_rc 1 "a read-only database refuses a new project"
expect_err_has "is read-only" "says so"
run target set P5 SM most
expect_rc 1 "and a target"
run project list
expect_rc 0 "but lists them"
chmod 0600 "$SAMMTUI_DB"

# ---- deleting a period a project starts or ends in ---------------------------------------
export SAMMTUI_DB="$T/pdel.db"
run init
run period new Q1 --date 2026-01-01
run period new Q2 --date 2026-04-01
run project new Span --start Q1 --end Q2 --status done
run project new Within --start Q2 --end Q2
run period delete Q2 --yes
expect_out "period delete names the projects that lose a period" <<'OUT'
deleted period Q2
project Within has no start and end period now
project Span has no end period now
OUT
run log project:Span
expect_out "the lost end is in the project's change log" <<'OUT'
2026-11-22T12:00:00Z  tester  project Span: created (done, start Q1, end Q2)
2026-11-22T12:00:00Z  tester  project Span: end Q2 -> no end
OUT
# a project's log is its own, whatever the dots in other projects' names
run project new A
run project new A.1 --owner eve
run log project:A
expect_out "log project:A leaves project A.1 out" <<'OUT'
2026-11-22T12:00:00Z  tester  project A: created (planned, start Q1)
OUT

done_testing
