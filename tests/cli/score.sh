#!/bin/sh
# score, note and show on the tiny model, with hand-computed figures.
. tests/lib/cli.sh
export SAMMTUI_DB="$T/tiny.db"
run init --model "$FIXTURES/model/tiny.csv"
run period new P1 --date 2026-09-30
expect_rc 0 "setup: a period of the tiny model"

run score P1 G-SM-1-A.1 most
expect_rc 0 "score an item exits 0"
expect_out "score confirms with the old value" <<'X'
G-SM-1-A.1: most (was unset)
X
run score P1 G-SM-1-A.2 0.5
expect_out "numbers are values too" <<'X'
G-SM-1-A.2: half (was unset)
X
run score P1 G-SM-2-A.1 N/A
expect_out "n/a in any case" <<'X'
G-SM-2-A.1: na (was unset)
X
run score P1 G-SM-1-B most
expect_out "an activity sets its criteria" <<'X'
G-SM-1-B: 1 criterion set to most
X
run score P1 G-SM-1-B.1 some --note 'first note'
expect_out "score with --note" <<'X'
G-SM-1-B.1: some (was most)
G-SM-1-B.1: note set
X
run score P1 G-SM-2-B half
expect_out "two criteria at once" <<'X'
G-SM-2-B: 2 criteria set to half
X
run score P1 G-SM-2-B.1 1
run score P1 G-SM-2-B.2 clear
expect_out "clear unsets" <<'X'
G-SM-2-B.2: unset (was half)
X
run score P1 G-SM-2-B.2 clear
expect_out "an unchanged value says so" <<'X'
G-SM-2-B.2: unset (unchanged)
X

# refusals
run score P1 SM most
expect_rc 1 "a practice is refused"
expect_err_has "sammtui: 'SM' is a practice; give an item or an activity" "and the level is named"
run score P1 Governance most
expect_err_has "sammtui: 'Governance' is a function; give an item or an activity" "a function is refused"
run score P1 G-SM-9-Z.1 most
expect_rc 1 "an unknown id exits 1"
expect_err_has "unknown id 'G-SM-9-Z.1'" "and names the id"
run score P1 G-SM-1-A most --note x
expect_rc 1 "--note with an activity exits 1"
expect_err_has "sammtui: --note needs an item id; 'G-SM-1-A' is an activity" "and says why"
run score P9 G-SM-1-A.1 most
expect_rc 1 "an unknown period exits 1"
run score P1 G-SM-1-A.1 most --note "$(printf 'bad \377 byte')"
expect_rc 1 "a note with invalid UTF-8 exits 1"
expect_err_has "sammtui: the note is not valid UTF-8" "and says so"

# notes
run note P1 G-SM-1-A.1 'plain note'
expect_out "note sets" <<'X'
G-SM-1-A.1: note set
X
run note P1 G-SM-1-A.1 'plain note'
expect_out "the same note again" <<'X'
G-SM-1-A.1: note unchanged
X
printf 'Zeile eins\nstraße — ✓\n' > "$T/note.txt"
run_in "$T/note.txt" note P1 G-SM-1-A.2 -
expect_out "note - reads standard input" <<'X'
G-SM-1-A.2: note set
X
run note P1 G-SM-1-A.1 ''
expect_out "an empty note removes it" <<'X'
G-SM-1-A.1: note removed
X
printf 'bad \377\n' > "$T/bad.txt"
run_in "$T/bad.txt" note P1 G-SM-1-A.1 -
expect_rc 1 "invalid UTF-8 on standard input exits 1"
run note P1 G-SM-1-A 'x'
expect_rc 1 "a note on an activity exits 1"
expect_err_has "sammtui: a note belongs to an item; 'G-SM-1-A' is an activity" "and says why"

# TEXT after PERIOD and ID is taken as it is, even when it starts with '-'
# (issue 15); options still go before it or after it
run note P1 G-SM-2-A.1 '- first draft' --user bob
expect_out "a note that starts with '- ' is text, not an option" <<'X'
G-SM-2-A.1: note set
X
run note --user carol P1 G-SM-2-B.2 --db
expect_out "a note that looks like an option is text too" <<'X'
G-SM-2-B.2: note set
X
run log --csv
check 'grep -q ",bob,Organization,P1,G-SM-2-A.1,na,na,,.- first draft$" "$T/out" &&
	grep -q ",carol,Organization,P1,G-SM-2-B.2,,,,.--db$" "$T/out"' \
	"both notes are stored as typed, with the options around them applied"
run note P1 G-SM-2-A.1 - extra
expect_rc 2 "an argument after TEXT exits 2"
# an unknown short option inside a group is named with its group
run score P1 -qx G-SM-1-A.1 most
expect_rc 2 "an unknown option in a group exits 2"
expect_err_has "sammtui: unknown option '-q' in '-qx'" "the group that holds it is named"

printf 'two newlines\n\n' > "$T/note2.txt"
run_in "$T/note2.txt" note P1 G-SM-2-B.1 -
run export P1
check 'grep -q "^Organization,P1,2026-09-30,tiny 1,G-SM-1-A.2,.*,\"Zeile eins$" "$T/out" && grep -q "^straße — ✓\",tester," "$T/out"' \
	"stdin note kept whole, its trailing newline stripped"
check 'grep -q ",\"two newlines$" "$T/out" && grep -q "^\",tester," "$T/out"' \
	"only one trailing newline is stripped"
run log --csv G-SM-1-A.1
expect_out "the log of one item as CSV" <<'X'
at,user,scope,period,item,old,new,old_note,new_note
2026-11-22T12:00:00Z,tester,Organization,P1,G-SM-1-A.1,,most,,
2026-11-22T12:00:00Z,tester,Organization,P1,G-SM-1-A.1,most,most,,plain note
2026-11-22T12:00:00Z,tester,Organization,P1,G-SM-1-A.1,most,most,plain note,
X

# show, hand-computed: activity = min of its non-N/A criteria (unset 0),
# stream = sum, practice = mean of streams.
# SM-A: G-SM-1-A min(1, .5) = .5; G-SM-2-A all N/A -> na (0): stream .5
# SM-B: G-SM-1-B .25; G-SM-2-B min(1, unset 0) = 0: stream .25
# SM = (.5 + .25) / 2 = .375
run show P1 --by item --csv
expect_rc 0 "show --csv exits 0"
expect_out "show --by item --csv" <<'X'
level,id,name,score
overall,overall,Overall,0.375
function,Governance,Governance,0.375
practice,SM,Strategy & Metrics,0.375
stream,SM-A,Create and Promote,0.5
activity,G-SM-1-A,Identify the budget limits,0.5
item,G-SM-1-A.1,You capture the budget limits,1
item,G-SM-1-A.2,Leadership approves the risks,0.5
activity,G-SM-2-A,Define a security strategy,na
item,G-SM-2-A.1,The strategy is written down,na
stream,SM-B,Measure and Improve,0.25
activity,G-SM-1-B,Define metrics,0.25
item,G-SM-1-B.1,You record security metrics,0.25
activity,G-SM-2-B,Set targets,0
item,G-SM-2-B.1,Targets are set per quarter,1
item,G-SM-2-B.2,Targets are reviewed,
X
run show P1 --csv
expect_out "show --csv stops at practices by default" <<'X'
level,id,name,score
overall,overall,Overall,0.375
function,Governance,Governance,0.375
practice,SM,Strategy & Metrics,0.375
X
run show P1 --by function --csv
expect_out "show --by function --csv" <<'X'
level,id,name,score
overall,overall,Overall,0.375
function,Governance,Governance,0.375
X
run score P1 G-SM-2-B.2 no
run score P1 G-SM-1-A.2 most
run score P1 G-SM-1-B.1 most
run score P1 G-SM-2-A.1 half
run show P1 --by stream --csv
expect_out "a third is written with 6 decimals" <<'X'
level,id,name,score
overall,overall,Overall,1.25
function,Governance,Governance,1.25
practice,SM,Strategy & Metrics,1.25
stream,SM-A,Create and Promote,1.5
stream,SM-B,Measure and Improve,1
X

run show P1 --by activity
expect_rc 0 "show (text) exits 0"
expect_out "show: an aligned table with bars, answered and N/A shares" <<'X'
Scope: Organization  Period: P1 (2026-09-30)  Model: tiny 1

                                             SCORE                 ANS   N/A
Overall                                       1.25  █████·······  100%    0%
  Governance                                  1.25  █████·······  100%    0%
    SM Strategy & Metrics                     1.25  █████·······  100%    0%
      SM-A Create and Promote                 1.50  ██████······  100%    0%
        G-SM-1-A Identify the budget limits   1.00  ████████████  100%    0%
        G-SM-2-A Define a security strategy   0.50  ██████······  100%    0%
      SM-B Measure and Improve                1.00  ████········  100%    0%
        G-SM-1-B Define metrics               1.00  ████████████  100%    0%
        G-SM-2-B Set targets                  0.00  ············  100%    0%
X
LC_ALL=C run show P1 --by practice
expect_out "show in a non-UTF-8 locale draws ASCII bars" <<'X'
Scope: Organization  Period: P1 (2026-09-30)  Model: tiny 1

                           SCORE                 ANS   N/A
Overall                     1.25  #####.......  100%    0%
  Governance                1.25  #####.......  100%    0%
    SM Strategy & Metrics   1.25  #####.......  100%    0%
X

done_testing
