#!/bin/sh
# init, model, scope, period and backup.
. tests/lib/cli.sh
TINY=$FIXTURES/model/tiny.csv

run init
expect_rc 0 "init creates the database"
expect_out "init names the file and the bundled model" <<X
created $SAMMTUI_DB with model SAMM 2.0 (294 items)
X
check '[ "$(stat -c %a "$SAMMTUI_DB")" = 600 ]' "the database is mode 0600"
check '[ "$(stat -c %a "$(dirname "$SAMMTUI_DB")")" = 700 ]' "its folder is mode 0700"
cp "$SAMMTUI_DB" "$T/before.db"
run init
expect_rc 1 "init on an existing database exits 1"
expect_err_has "sammtui: $SAMMTUI_DB: database already exists; use 'sammtui model load' to add a model" \
	"and says to use model load"
check 'cmp -s "$SAMMTUI_DB" "$T/before.db"' "the existing database is untouched"

# models
run model load "$TINY" --name Tiny --version 0.1
expect_rc 0 "model load exits 0"
expect_out "model load confirms" <<'X'
loaded model Tiny 0.1 (6 items)
X
run model load "$TINY" --name Tiny --version 0.1
expect_rc 0 "loading the same model again exits 0"
expect_out "and says it is already there" <<'X'
model Tiny 0.1 is already loaded (6 items)
X
run model load "$FIXTURES/bad/model-level-4.csv"
expect_rc 1 "a bad model exits 1"
expect_err_has "sammtui: $FIXTURES/bad/model-level-4.csv:4: item 'G-SM-2-A.1': level '4' is not 1, 2 or 3" \
	"a bad model names file and line"
run model load "$FIXTURES/bad/model-unterminated-quote.csv"
expect_err_has "bad/model-unterminated-quote.csv:6: unterminated quoted field" "unterminated quote: file:line"
run model load "$FIXTURES/bad/model-bad-utf8.csv"
expect_err_has "bad/model-bad-utf8.csv:3: invalid UTF-8" "invalid UTF-8: file:line"
run model load "$T/nonexistent.csv"
expect_rc 1 "a missing model file exits 1"
expect_err_has "sammtui: $T/nonexistent.csv: No such file or directory" "and names the file"
run model list
expect_rc 0 "model list exits 0"
cut -c1-42 "$T/out" | sed "s/ *$//" > "$T/cut" && mv "$T/cut" "$T/out"
expect_out "model list shows both models, oldest first" <<'X'
NAME  VERSION  ITEMS  LOADED
SAMM  2.0        294  2026-11-22T12:00:00Z
Tiny  0.1          6  2026-11-22T12:00:00Z
X

# init with a bad model creates nothing
run --db "$T/bad.db" init --model "$FIXTURES/bad/model-dup-id.csv"
expect_rc 1 "init --model with a bad model exits 1"
expect_err_has "bad/model-dup-id.csv:4: duplicate id 'G-SM-1-A.1' (first on line 2)" "and names file and line"
check '[ ! -e "$T/bad.db" ]' "and leaves no database behind"
run --db "$T/tiny.db" init --model "$TINY"
expect_rc 0 "init --model exits 0"
expect_out "init --model names the model" <<X
created $T/tiny.db with model tiny 1 (6 items)
X

# scopes
run scope new "Team A"
expect_rc 0 "scope new exits 0"
expect_out "scope new confirms" <<'X'
created scope Team A
X
run scope new "Team A"
expect_rc 1 "a second scope of that name exits 1"
run scope list
expect_out "scope list lists them by name" <<'X'
Organization
Team A
X

# the scope asked for: --scope, else $SAMMTUI_SCOPE; an empty value of
# either counts as not given (one rule for every command and the screens)
SAMMTUI_SCOPE="Team A" run period list
check '[ $rc -eq 0 ]' "SAMMTUI_SCOPE names a scope"
SAMMTUI_SCOPE=nope run period list
check '[ $rc -eq 1 ] && grep -q "nope" "$T/err"' "an unknown SAMMTUI_SCOPE exits 1 and is named"
SAMMTUI_SCOPE=nope run --scope "Team A" period list
check '[ $rc -eq 0 ]' "--scope wins over SAMMTUI_SCOPE"
SAMMTUI_SCOPE=nope run period list --scope ""
check '[ $rc -eq 1 ] && grep -q "nope" "$T/err"' "an empty --scope falls back to SAMMTUI_SCOPE"
SAMMTUI_SCOPE= run period list
check '[ $rc -eq 0 ]' "an empty SAMMTUI_SCOPE is the default scope"
unset SAMMTUI_SCOPE

# periods
run period list
expect_out "no periods: only the header" <<'X'
PERIOD  DATE        MODEL     ANSWERED
X
run period new 2026-Q3 --date 2026-09-30 --model Tiny
expect_rc 0 "period new exits 0"
expect_out "period new names date and model" <<'X'
created period 2026-Q3 (2026-09-30, model Tiny 0.1)
X
run score 2026-Q3 G-SM-1-A.1 most
run period new 2026-Q4
expect_out "the next period copies the latest, keeping its model" <<'X'
created period 2026-Q4 (2026-11-22, model Tiny 0.1), copied from 2026-Q3
X
run period new fresh --empty --date 2026-01-01
expect_out "--empty copies nothing and takes the latest model" <<'X'
created period fresh (2026-01-01, model Tiny 0.1)
X
run period new Q3-again --from 2026-Q3 --model SAMM --date 2026-10-01
expect_out "--from with --model" <<'X'
created period Q3-again (2026-10-01, model SAMM 2.0), copied from 2026-Q3
X
run period new 2026-Q4
expect_rc 1 "a taken period name exits 1"
run period new x --from nope
expect_rc 1 "--from an unknown period exits 1"
run period new x --model Nope
expect_rc 1 "an unknown --model exits 1"
run period list
expect_rc 0 "period list exits 0"
expect_out "period list: name, date, model, share answered (by date)" <<'X'
PERIOD    DATE        MODEL     ANSWERED
fresh     2026-01-01  Tiny 0.1    0% (0/6)
2026-Q3   2026-09-30  Tiny 0.1   16% (1/6)
Q3-again  2026-10-01  SAMM 2.0    0% (1/294)
2026-Q4   2026-11-22  Tiny 0.1   16% (1/6)
X
run --scope "Team A" period list
expect_out "periods belong to a scope" <<'X'
PERIOD  DATE        MODEL     ANSWERED
X
run --scope "Nobody" period list
expect_rc 1 "an unknown scope exits 1"
run period delete fresh
expect_rc 1 "period delete without --yes exits 1"
expect_err_has "sammtui: refusing to delete period fresh without --yes" "and says why"
run period delete fresh --yes
expect_rc 0 "period delete --yes exits 0"
expect_out "period delete confirms" <<'X'
deleted period fresh
X
run period delete fresh --yes
expect_rc 1 "deleting it again exits 1"

# backup
run backup "$T/copy.db"
expect_rc 0 "backup exits 0"
expect_out "backup confirms" <<X
backed up to $T/copy.db
X
check '[ "$(stat -c %a "$T/copy.db")" = 600 ]' "the backup is mode 0600"
run --db "$T/copy.db" period list
check '[ $rc -eq 0 ] && grep -q "^2026-Q4 " "$T/out"' "the backup is a working database"

done_testing
