#!/bin/sh
# Compare and set from the command line (score --if, --if-note, note
# --if-note): a change that expects what someone else has changed since is
# refused with exit 1, a message naming who changed it and when, and
# nothing written; names that look like options are refused everywhere.
. tests/lib/cli.sh

run init --model "$FIXTURES/model/tiny.csv"
expect_rc 0 "init"
run period new P1 --date 2026-09-30 --empty
expect_rc 0 "period new P1"
SAMMTUI_USER=bob run score P1 G-SM-1-A.1 most
expect_rc 0 "bob answers most"

# ---- score --if ------------------------------------------------------------
SAMMTUI_USER=alice run score P1 G-SM-1-A.1 some --if clear
expect_rc 1 "alice's --if clear over bob's answer: exit 1"
expect_err_has "G-SM-1-A.1 was changed by bob at 2026-11-22T12:00:00Z (now most); nothing written" \
	"the message names bob, when, and the value now"
run log
check '! grep -q alice "$T/out"' "nothing of alice's in the log"
run export P1
check 'grep -F ",G-SM-1-A.1," "$T/out" | grep -q ",1,"' "bob's answer stays"
SAMMTUI_USER=alice run score P1 G-SM-1-A.1 some --if most
expect_rc 0 "--if with the value there applies"
expect_out_has "G-SM-1-A.1: some (was most)" "and says so"
run score P1 G-SM-1-A.1 half --if nonsense
expect_rc 2 "an --if that is no value is a usage error"

# an activity: every criterion must hold OLD, else nothing at all
run score P1 G-SM-1-A no --if clear
expect_rc 1 "activity --if clear while one criterion is answered: exit 1"
run export P1
check '! grep -F ",G-SM-1-A.2," "$T/out" | grep -q ",0,"' "no criterion of the activity written"
run score P1 G-SM-1-A.1 clear
run score P1 G-SM-1-A no --if clear
expect_rc 0 "activity --if clear when all are unanswered applies"

# ---- notes -----------------------------------------------------------------
SAMMTUI_USER=carol run note P1 G-SM-1-A.1 "carol's note"
expect_rc 0 "carol writes a note"
SAMMTUI_USER=alice run note --if-note "" P1 G-SM-1-A.1 "alice's note"
expect_rc 1 "alice's note --if-note '' over carol's: exit 1"
expect_err_has "G-SM-1-A.1 was changed by carol" "names carol"
SAMMTUI_USER=alice run note --if-note "carol's note" P1 G-SM-1-A.1 "alice's note"
expect_rc 0 "--if-note with carol's text applies"
SAMMTUI_USER=carol run score P1 G-SM-1-A.1 most --note "mine" --if-note "carol's note"
expect_rc 1 "score --note --if-note over alice's note: exit 1"
expect_err_has "its note differs" "says the note differs"
run export P1
check 'grep -F ",G-SM-1-A.1," "$T/out" | grep -q "alice.s note"' "alice's note stays"

# ---- names that look like options -------------------------------------------
run period new --date 2026-10-30 -- --help
expect_rc 2 "period new -- --help: refused"
expect_err_has "may not start with '-'" "with a clear message"
run period new -- -x
expect_rc 2 "period new -- -x: refused"
run scope new -- -team
expect_rc 2 "scope new -- -team: refused"
run project new -- -proj
expect_rc 2 "project new -- -proj: refused"
expect_err_has "project name '-proj' may not start with '-'" "names the project"
run period list
check '! grep -q -- "^-" "$T/out"' "no such period made"
run period new Q-2 --date 2026-10-30
expect_rc 0 "a dash inside a name is fine"
done_testing
