#!/bin/sh
# Help, version and usage errors: exit 2 before any database is touched.
. tests/lib/cli.sh

run --version
expect_rc 0 "--version exits 0"
expect_out "--version prints the version" <<'X'
sammtui 0.1.0
X

run --help
expect_rc 0 "--help exits 0"
for c in init model scope period score note import show export log diff stagnant trend check backup; do
	check "grep -q '^  $c ' \"\$T/out\"" "--help lists $c"
done
expect_out_has "--db FILE" "--help lists the global options"
expect_out_has "Exit status: 0 success, 1 bad data or refused operation, 2 usage error," \
	"--help lists the exit statuses"

run score --help
expect_rc 0 "score --help exits 0"
expect_out_has "usage: sammtui score PERIOD ID VALUE [--note TEXT]" "score --help: usage"
expect_out_has "--note TEXT" "score --help: options"
for c in init model scope period note import show export log backup; do
	run $c --help
	check "[ $rc -eq 0 ] && grep -q '^usage: sammtui $c' \"\$T/out\"" "$c --help prints its usage"
done
run period --help
expect_out_has "       sammtui period delete NAME --yes" "period --help: every usage line"

check '[ ! -e "$SAMMTUI_DB" ]' "help creates no database"

run --keys
expect_rc 0 "--keys exits 0"
check 'grep -q "^q.*	Quit" "$T/out" && ! grep -qv "	" "$T/out"' "--keys prints KEYS<TAB>HELP lines"

# usage errors
run frobnicate
expect_rc 2 "unknown command exits 2"
expect_err_has "sammtui: unknown command 'frobnicate'" "unknown command is named"
run --frob
expect_rc 2 "unknown global option exits 2"
expect_err_has "sammtui: unknown option '--frob'" "unknown global option is named"
run show 2026-Q3 --frob
expect_rc 2 "unknown command option exits 2"
expect_err_has "sammtui: unknown option '--frob'" "unknown command option is named"
expect_err_has "usage: sammtui show PERIOD" "usage follows the error"
run show
expect_rc 2 "show without PERIOD exits 2"
run show a b
expect_rc 2 "show with an extra argument exits 2"
run show 2026-Q3 --by
expect_rc 2 "--by without a value exits 2"
expect_err_has "sammtui: option '--by' needs a value" "missing option value is named"
run show 2026-Q3 --by team
expect_rc 2 "bad --by exits 2"
expect_err_has "unknown level 'team' for --by" "bad --by is named"
# a value may be an answer of the item's question: known once the
# database is open (a database of its own: this script has none)
run --db "$T/v.db" init
run --db "$T/v.db" period new 2026-Q3
run --db "$T/v.db" score 2026-Q3 G-SM-1-A.1 maybe
expect_rc 2 "bad VALUE exits 2"
expect_err_has "sammtui: invalid value 'maybe' (expected one of: no, some, half, most, 0, 0.25, 0.5, 1, na, clear;" \
	"bad VALUE lists the spellings"
run score 2026-Q3 G-SM-1-A.1
expect_rc 2 "score without VALUE exits 2"
run period new 2026-Q3 --date 2026-02-30
expect_rc 2 "impossible --date exits 2"
expect_err_has "invalid date '2026-02-30' (expected YYYY-MM-DD)" "bad --date is named"
run period new 2026-Q3 --from A --empty
expect_rc 2 "--from with --empty exits 2"
run period frob
expect_rc 2 "unknown period subcommand exits 2"
run model
expect_rc 2 "model without a subcommand exits 2"
run note 2026-Q3 G-SM-1-A.1
expect_rc 2 "note without TEXT exits 2"
run import 2026-Q3
expect_rc 2 "import without FILE exits 2"
run export 2026-Q3 -o
expect_rc 2 "export -o without FILE exits 2"
run log a b
expect_rc 2 "log with two ids exits 2"
run backup
expect_rc 2 "backup without FILE exits 2"
check '[ ! -e "$SAMMTUI_DB" ]' "usage errors create no database"

# no database yet
run show 2026-Q3
expect_rc 1 "a command without a database exits 1"
expect_err_has "sammtui: no database at $SAMMTUI_DB; run 'sammtui init'" "and says to run init"
run period list
expect_rc 1 "period list without a database exits 1"
check '[ ! -e "$SAMMTUI_DB" ]' "no command but init creates the database"

done_testing
