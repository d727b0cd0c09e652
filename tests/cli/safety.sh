#!/bin/sh
# Files and their modes, read-only and newer databases, awkward paths.
. tests/lib/cli.sh
umask 022

run --db "$T/new/dir/a.db" init
expect_rc 0 "init in a new folder"
check '[ "$(stat -c %a "$T/new/dir/a.db")" = 600 ] && [ "$(stat -c %a "$T/new/dir")" = 700 ]' \
	"database 0600, folder 0700 despite umask 022"
export SAMMTUI_DB="$T/new/dir/a.db"
run period new P1 --empty
run score P1 G-SM-1-A.1 half
run backup "$T/b.db"
check '[ "$(stat -c %a "$T/b.db")" = 600 ]' "backup 0600"
run export P1 -o "$T/e.csv"
expect_rc 0 "export -o exits 0"
expect_out "export -o prints nothing" < /dev/null
check '[ "$(stat -c %a "$T/e.csv")" = 600 ] && [ "$(wc -l < "$T/e.csv")" -eq 295 ]' "export -o writes the file 0600"
check '[ -z "$(ls -A "$T" | grep -e "e.csv.tmp" -e "sammtui-tmp")" ]' "and leaves no temporary file"
echo old > "$T/e2.csv"; chmod 644 "$T/e2.csv"
run export P1 -o "$T/e2.csv"
check '[ "$(stat -c %a "$T/e2.csv")" = 600 ] && [ "$(wc -l < "$T/e2.csv")" -eq 295 ]' "export -o replaces a file, 0600"
run export P1 -o "$T/nodir/e.csv"
expect_rc 1 "export -o into a missing folder exits 1"
expect_err_has "sammtui: $T/nodir/e.csv: No such file or directory" "and names the file"

# read-only database (tests may run as root: the store goes by the mode bits)
cp "$SAMMTUI_DB" "$T/ro.db"
chmod 0400 "$T/ro.db"
cp "$T/ro.db" "$T/ro-before.db"
run --db "$T/ro.db" show P1 --csv
expect_rc 0 "show works on a read-only database"
run --db "$T/ro.db" export P1
expect_rc 0 "export works on a read-only database"
run --db "$T/ro.db" log
expect_rc 0 "log works on a read-only database"
run --db "$T/ro.db" period list
expect_rc 0 "period list works on a read-only database"
run --db "$T/ro.db" backup "$T/ro-copy.db"
expect_rc 0 "backup works on a read-only database"
run --db "$T/ro.db" score P1 G-SM-1-A.1 most
expect_rc 1 "score on a read-only database exits 1"
expect_err_has "read-only" "and says it is read-only"
run --db "$T/ro.db" show P1 --by item --csv
check 'grep -qx "item,G-SM-1-A.1,.*,0.5" "$T/out"' "the value is unchanged"
check 'cmp -s "$T/ro.db" "$T/ro-before.db"' "the read-only file is byte-identical"

# a database from a newer sammtui
cp "$SAMMTUI_DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version=99'
cp "$T/newer.db" "$T/newer-before.db"
run --db "$T/newer.db" show P1
expect_rc 1 "a newer schema exits 1"
expect_err_has "newer" "and says the database is newer"
run --db "$T/newer.db" score P1 G-SM-1-A.1 most
expect_rc 1 "score on a newer schema exits 1"
check 'cmp -s "$T/newer.db" "$T/newer-before.db"' "the newer database is byte-identical"

# not a database
echo "hello" > "$T/text.db"
run --db "$T/text.db" show P1
expect_rc 1 "a file that is no database exits 1"
check 'grep -q "^sammtui: .*text.db" "$T/err"' "and names the file"

# awkward paths
for name in "with space.db" "it's \"quoted\".db" "$(printf 'caf\351-latin1.db')"; do
	run --db "$T/$name" init
	run --db "$T/$name" period new P --empty
	check '[ $rc -eq 0 ] && [ -f "$T/$name" ]' "--db path: $name"
done
cd "$T"
run --db ./-x.db init
check '[ $rc -eq 0 ] && [ -f "$T/-x.db" ]' "--db ./-x.db"
run --db=-x.db period new P --empty
expect_rc 0 "--db=-x.db (a leading dash)"
run period list --db=-x.db
check '[ $rc -eq 0 ] && grep -q "^P " "$T/out"' "--db=-x.db after the command"
run show P --csv --db -x.db
check '[ $rc -eq 0 ] && grep -q "^overall," "$T/out"' "--db -x.db after the command takes the dash name as its value"
for name in ":memory:" "file:uri.db?mode=memory"; do
	run --db "$name" init
	run --db "$name" period new P --empty
	check '[ $rc -eq 0 ] && [ -s "$T/$name" ]' "--db $name is a plain file of that name"
done
run --db "$(printf 'ctl\033.db')" show P
expect_rc 1 "a missing database with a control character"
expect_err_has "sammtui: no database at ctl\\x1b.db; run 'sammtui init'" "is named with the byte escaped"

done_testing
