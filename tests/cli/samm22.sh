#!/bin/sh
# samm22.sh - SAMM 2.2 beside 2.0: the built-in models, moving a scope to
# 2.2 with period new --model, the items to re-check (show, export, diff,
# confirm, a value change), stagnant across a reword, and model diff.
. tests/lib/cli.sh

# ---- Both models built in; 2.0 stays the default ----------------------------------
run init
expect_rc 0 "init"
run model list
cut -c1-20 "$T/out" | sed "s/ *$//" > "$T/cut"
check 'grep -qx "SAMM  2.0        294" "$T/cut"' "model list shows SAMM 2.0"
check 'grep -qx "SAMM  2.2        295" "$T/cut"' "model list shows SAMM 2.2"
run period new Q1 --date 2026-01-15
expect_out "a new period without --model uses SAMM 2.0, the default" <<'X'
created period Q1 (2026-01-15, model SAMM 2.0)
X
run score Q1 G-SM-1-A most
run score Q1 G-SM-1-B some
run note Q1 G-SM-1-A.1 "asked the CISO"
run period new Q2 --date 2026-04-15
expect_out "copying a 2.0 period keeps 2.0" <<'X'
created period Q2 (2026-04-15, model SAMM 2.0), copied from Q1
X

# ---- Moving to 2.2: a normal period ---------------------------------------------------
run period new Q3 --date 2026-07-15 --model SAMM:2.2
expect_rc 0 "period new --model SAMM:2.2"
expect_out "and it says so" <<'X'
created period Q3 (2026-07-15, model SAMM 2.2), copied from Q2
X
expect_err_has "sammtui: 5 items to re-check (reworded by the model; 'sammtui diff Q2 Q3' lists them)" \
	"period new Q3 says how many items are to re-check"
run export Q3
check 'grep -q "^Organization,Q3,2026-07-15,SAMM 2.2,G-SM-1-A.1,.*,1,\"Yes, it covers risks and opportunities\",asked the CISO,tester," "$T/out"' \
	"values and notes are copied by id"
expect_err_has "sammtui: 5 items to re-check (reworded by the model)" \
	"export says how many items are to re-check"

# The items to re-check are exactly the reworded items (model diff) that carry a value.
run model diff SAMM:2.0 SAMM:2.2 --csv
grep '^reworded,G-SM-1-[AB]\.' "$T/out" | cut -d, -f2 | sort > "$T/reworded"
run diff Q2 Q3 --csv
grep '^recheck,' "$T/out" | cut -d, -f2 | sort > "$T/recheck"
check '[ -s "$T/recheck" ] && cmp -s "$T/reworded" "$T/recheck"' \
	"diff --csv lists as recheck the scored items 2.2 rewords"
run diff Q2 Q3
expect_out_has "To re-check (reworded since the previous model; 'sammtui confirm'): 5" \
	"diff has a re-check section"
expect_out_has "  G-SM-1-A.2       most   criterion+question" "naming what changed"
run show Q3
expect_out_has "To re-check: 5 items reworded by the model" "show counts the items to re-check"
run show Q2
check '! grep -q "re-check" "$T/out"' "a period of one model has nothing to re-check"

# ---- Confirming, and a change of value, clear the marks --------------------------
run confirm Q3 G-SM-1-A
expect_rc 0 "confirm an activity"
expect_out "confirm counts its marked criteria" <<'X'
confirmed 4 items; 1 left to re-check in Q3
X
run log --period Q3
expect_out_has "recheck:G-SM-1-A.2  note: \"to re-check (criterion+question)\" -> \"confirmed\"" \
	"each confirmation is logged"
run confirm Q3 NOPE-1
expect_rc 1 "confirm with an unknown id exits 1"
expect_err_has "unknown id 'NOPE-1'" "and names it"
run show Q3
expect_out_has "To re-check: 1 item reworded by the model" "one item left"

# Q4 is copied from Q3 (same model): the mark left goes with it.
run period new Q4 --date 2026-10-15
expect_out "Q4 copies Q3 and its model" <<'X'
created period Q4 (2026-10-15, model SAMM 2.2), copied from Q3
X
expect_err_has "sammtui: 1 item to re-check (reworded by the model; 'sammtui diff Q3 Q4' lists them)" \
	"period new Q4 says how many items are to re-check"
run show Q4
expect_out_has "To re-check: 1 item reworded by the model" "a copy keeps the marks"
run score Q4 G-SM-1-B.2 half
run show Q4
check '! grep -q "re-check" "$T/out"' "setting another value clears the mark"
run score Q4 G-SM-1-B.2 some
run confirm Q4 overall
expect_out "so there is nothing to confirm any more" <<'X'
confirmed 0 items; 0 left to re-check in Q4
X

# ---- Stagnant does not count a run across a reword -------------------------------
# G-SM-1-B.1 and .2 are "some" in every period; 2.2 rewords .2 only.
run stagnant --periods 3 --csv
check 'grep -q "^Organization,item,G-SM-1-B.1,SM,some,,4,Q1," "$T/out"' \
	"an item 2.2 keeps as it was: its run goes back to Q1"
check '! grep -q "G-SM-1-B.2" "$T/out"' \
	"the reworded item is not stagnant over 3 periods (its wording is 2 periods old)"
run stagnant --periods 2 --csv
check 'grep -q "^Organization,item,G-SM-1-B.2,SM,some,,2,Q3," "$T/out"' \
	"over 2 periods it is, with its run starting at the change of model"

# ---- model diff -------------------------------------------------------------------
run model diff SAMM:2.0 SAMM:2.2
expect_rc 0 "model diff"
expect_out_has "SAMM 2.0 -> SAMM 2.2: 1 added, 0 removed" "model diff: one added, none removed"
expect_out_has "reworded: 33 criteria, 31 questions, 12 activity titles" \
	"33 criteria, 31 questions and 12 activity titles reworded"
expect_out_has "  added     G-EG-1-A.6" "names the criterion added"
run model diff SAMM:2.0 SAMM:2.2 --csv
check '[ "$(grep -c "^added,G-EG-1-A.6," "$T/out")" = 1 ] && ! grep -q "^removed," "$T/out"' \
	"model diff --csv: the added row, no removed row"
run model diff 1 2 --csv
check '[ "$(wc -l < "$T/out")" -gt 90 ]' "models by id"
run model diff SAMM:2.2 SAMM:2.2
expect_out_has "SAMM 2.2 -> SAMM 2.2: 0 added, 0 removed, 0 reworded" "a model against itself"
run model diff SAMM:2.0 SAMM:9
expect_rc 1 "an unknown model exits 1"
run model diff SAMM:2.0
expect_rc 2 "model diff needs two models"

# ---- A database made before 2.2 was built in -------------------------------------
export SAMMTUI_DB="$T/old.db"
run init --model "$SAMM_MODEL"
run model list
check '! grep -q "^SAMM " "$T/out"' "a database from a model file holds no SAMM 2.2"
run period new A --date 2026-01-15
run score A G-SM-1-A.2 half
run period new B --date 2026-04-15 --model SAMM:2.2
expect_out "period new --model SAMM:2.2 stores it on first use" <<'X'
created period B (2026-04-15, model SAMM 2.2), copied from A
X
expect_err_has "sammtui: 1 item to re-check (reworded by the model; 'sammtui diff A B' lists them)" \
	"period new B says how many items are to re-check"
run model list
check 'grep -q "^SAMM  *2.2 " "$T/out"' "and model list shows it then"
run show B
expect_out_has "To re-check: 1 item reworded by the model" "its marks work the same way"
run period new C --date 2026-07-15 --empty
expect_out "2.2, stored later, still does not become the default" <<'X'
created period C (2026-07-15, model samm-2.0 1)
X

done_testing
