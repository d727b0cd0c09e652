#!/bin/sh
# guard-db.sh - a database file from someone else is data, not code.
# Triggers, views, indexes or tables sammtui did not create are refused
# before anything runs them, and the file stays byte-identical (with its
# -wal); reading leaves the folder as it was; an old schema is upgraded
# when the file is writable and read through an upgraded copy when not;
# backups are in rollback-journal mode, readable from a read-only folder.
. tests/lib/cli.sh
DB=$SAMMTUI_DB

run init; expect_rc 0 "init"
run period new Q1 --date 2026-06-30; expect_rc 0 "period Q1"
run score Q1 G-SM-1-A.1 half --note "keep me"; expect_rc 0 "a score to keep"
run period new Q2 --date 2026-09-30; expect_rc 0 "period Q2"
run score Q2 G-SM-1-A.1 most; expect_rc 0 "a second score"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
cp "$DB" "$T/good.db"
nlog=$(sqlite3 "$DB" 'SELECT count(*) FROM log')

# refused DB DESC MSG ARGS...: sammtui --db DB ARGS exits 1 within 10 s,
# says MSG, and DB's bytes are unchanged.
refused() {
	db=$1 desc=$2 msg=$3; shift 3
	cp "$db" "$T/before"
	timeout 10 "$BIN" --db "$db" "$@" > "$T/out" 2> "$T/err"; rc=$?
	expect_rc 1 "$desc: $* exits 1 (not hung, not run)"
	expect_err_has "$msg" "$desc: $*: says '$msg'"
	if cmp -s "$db" "$T/before"; then ok "$desc: $*: file byte-identical"; else
		not_ok "$desc: $*: file changed"; fi
}

# ---- Triggers never run -------------------------------------------------------------
cp "$T/good.db" "$T/wipe.db"
sqlite3 "$T/wipe.db" 'CREATE TRIGGER wipe AFTER INSERT ON log BEGIN DELETE FROM log; END'
refused "$T/wipe.db" "a trigger wiping the log" 'unexpected trigger "wipe" in the database' \
	score Q1 G-SM-1-A.1 most
expect_err_has "inspect it with: sqlite3 $T/wipe.db .schema" "and says how to inspect it"
check '[ "$(sqlite3 "$T/wipe.db" "SELECT count(*) FROM log")" = "$nlog" ]' \
	"a trigger wiping the log: the log is intact"
check '[ "$(sqlite3 "$T/wipe.db" "SELECT value FROM score WHERE item = '"'G-SM-1-A.1'"' AND period_id = 1")" = 2 ]' \
	"a trigger wiping the log: the score is unchanged"
refused "$T/wipe.db" "a trigger wiping the log" 'unexpected trigger "wipe"' show Q1
refused "$T/wipe.db" "a trigger wiping the log" 'unexpected trigger "wipe"' backup "$T/wipe-copy.db"
check '[ ! -e "$T/wipe-copy.db" ]' "a trigger wiping the log: no backup copies it"

cp "$T/good.db" "$T/rewrite.db"
sqlite3 "$T/rewrite.db" "CREATE TRIGGER rewrite AFTER UPDATE ON score BEGIN UPDATE score SET note = 'pwned'; END"
refused "$T/rewrite.db" "a trigger rewriting notes" 'unexpected trigger "rewrite"' \
	note Q1 G-SM-1-A.1 "my note"
check '[ "$(sqlite3 "$T/rewrite.db" "SELECT group_concat(note, \"|\") FROM score")" = "keep me|keep me" ]' \
	"a trigger rewriting notes: the notes are intact"

# ---- Views, tables and indexes that are not ours -----------------------------------------
cp "$T/good.db" "$T/view.db"
sqlite3 "$T/view.db" 'DROP TABLE score;
CREATE VIEW score(period_id, item, value, note, updated_by, updated_at) AS
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
  SELECT 1, x, 1, NULL, NULL, NULL FROM c;'
refused "$T/view.db" "a never-ending view in place of score" 'unexpected view "score"' show Q1
refused "$T/view.db" "a never-ending view in place of score" 'unexpected view "score"' period list
refused "$T/view.db" "a never-ending view in place of score" 'unexpected view "score"' log --csv

cp "$T/good.db" "$T/table.db"
sqlite3 "$T/table.db" 'CREATE TABLE extra(x); INSERT INTO extra VALUES (1)'
refused "$T/table.db" "a table not ours" 'unexpected table "extra"' period list
cp "$T/good.db" "$T/changed.db"
sqlite3 "$T/changed.db" 'PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, "value BETWEEN 0 AND 4", "value BETWEEN 0 AND 9")
 WHERE name = '"'score'"';'
refused "$T/changed.db" "a table of ours, altered" 'changed table "score"' score Q1 G-SM-1-A.1 most
cp "$T/good.db" "$T/missing.db"
sqlite3 "$T/missing.db" 'DROP INDEX log_by_item'
refused "$T/missing.db" "an index of ours dropped" 'missing index "log_by_item"' log --csv
cp "$T/good.db" "$T/stat.db"
sqlite3 "$T/stat.db" 'ANALYZE'
run --db "$T/stat.db" show Q1
expect_rc 0 "a file with SQLite's own statistics (ANALYZE) still opens"

# ---- A refused file keeps its bytes and its -wal ---------------------------------------------
# A copy taken while a connection is open keeps the -wal uncheckpointed.
mkdir "$T/w"
cp "$T/good.db" "$T/w/newer.db"
sqlite3 "$T/w/newer.db" '.dbconfig no_ckpt_on_close on' 'PRAGMA user_version = 99' > /dev/null
sqlite3 "$T/w/other.db" '.dbconfig no_ckpt_on_close on' 'PRAGMA journal_mode = WAL' \
	'CREATE TABLE t(x)' 'INSERT INTO t VALUES (1)' > /dev/null
for f in newer other; do
	check '[ -s "$T/w/$f.db-wal" ]' "$f.db has an uncheckpointed -wal"
	cp "$T/w/$f.db" "$T/w/$f.main"; cp "$T/w/$f.db-wal" "$T/w/$f.wal"
done
walkeep() { # walkeep NAME DESC MSG ARGS...
	f=$1 desc=$2 msg=$3; shift 3
	"$BIN" --db "$T/w/$f.db" "$@" > "$T/out" 2> "$T/err"; rc=$?
	expect_rc 1 "$desc with a -wal: $* exits 1"
	expect_err_has "$msg" "$desc with a -wal: $*: says '$msg'"
	check 'cmp -s "$T/w/$f.db" "$T/w/$f.main"' "$desc with a -wal: $*: file byte-identical"
	check 'cmp -s "$T/w/$f.db-wal" "$T/w/$f.wal"' "$desc with a -wal: $*: -wal byte-identical"
}
walkeep newer "schema 99" "newer" period list
walkeep newer "schema 99" "newer" score Q1 G-SM-1-A.1 most
walkeep other "another program's file" "not a sammtui database" period list
walkeep other "another program's file" "not a sammtui database" score Q1 G-SM-1-A.1 most

# ---- Reading leaves the folder as it was ------------------------------------------------------
mkdir "$T/r"
cp "$T/good.db" "$T/r/ro.db"
chmod 0400 "$T/r/ro.db"
ls -A "$T/r" > "$T/ls.before"
for cmd in "show Q1" "export Q1" "log --csv" "period list" "check" "trend" "diff Q1 Q2" \
	"stagnant" "project list" "target show Q2"; do
	# shellcheck disable=SC2086
	run --db "$T/r/ro.db" $cmd
	expect_rc 0 "a 0400 file: $cmd works"
done
ls -A "$T/r" > "$T/ls.after"
check 'cmp -s "$T/ls.before" "$T/ls.after"' "a 0400 file: reading leaves no -wal or -shm behind"
check 'cmp -s "$T/r/ro.db" "$T/good.db"' "a 0400 file: reading leaves it byte-identical"

# ---- An old schema: upgraded when writable, else read through a copy ----------------------------
# Schema 1 is schema 2 without the projects and targets (store.c's migrations).
cp "$T/good.db" "$T/v1.db"
sqlite3 "$T/v1.db" 'DROP TABLE target; DROP TABLE project_link; DROP TABLE project;
PRAGMA user_version = 1; PRAGMA journal_mode = DELETE' > /dev/null
for cmd in "check" "stagnant" "trend" "diff Q1 Q2" "project list" "target show Q2"; do
	cp "$T/v1.db" "$T/v1w.db"
	# shellcheck disable=SC2086
	run --db "$T/v1w.db" $cmd
	expect_rc 0 "schema 1, writable: $cmd works"
	check '[ "$(sqlite3 "$T/v1w.db" "PRAGMA user_version")" = 2 ]' \
		"schema 1, writable: $cmd upgrades it to schema 2"
done
mkdir "$T/v1"
cp "$T/v1.db" "$T/v1/old.db"
chmod 0400 "$T/v1/old.db"
ls -A "$T/v1" > "$T/ls.before"
for cmd in "check" "stagnant" "trend" "diff Q1 Q2" "project list" "target show Q2" "show Q1" \
	"export Q1" "log --csv"; do
	# shellcheck disable=SC2086
	run --db "$T/v1/old.db" $cmd
	expect_rc 0 "schema 1, 0400: $cmd reads it"
done
run --db "$T/v1/old.db" export Q1
expect_out_has "keep me" "schema 1, 0400: the notes are there"
run --db "$T/v1/old.db" score Q1 G-SM-1-A.1 most
expect_rc 1 "schema 1, 0400: score is refused"
expect_err_has "read-only" "schema 1, 0400: because the file is read-only"
check 'cmp -s "$T/v1/old.db" "$T/v1.db"' "schema 1, 0400: the file is byte-identical"
ls -A "$T/v1" > "$T/ls.after"
check 'cmp -s "$T/ls.before" "$T/ls.after"' "schema 1, 0400: no file left beside it"

# ---- Backups: rollback-journal mode, readable from a read-only folder ---------------------------
mkdir "$T/bk"
run backup "$T/bk/copy.db"; expect_rc 0 "backup"
check '[ "$(od -An -tu1 -j18 -N2 "$T/bk/copy.db" | tr -s " ")" = " 1 1" ]' \
	"the backup's header says rollback journal, not WAL"
check '[ "$(stat -c %a "$T/bk/copy.db")" = 600 ]' "the backup is 0600"
chmod 0644 "$T/bk/copy.db"
chmod 0555 "$T/bk"
chmod 0711 "$T"
ls -A "$T/bk" > "$T/ls.before"
setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent \
	"$BIN" --db "$T/bk/copy.db" export Q1 > "$T/out" 2> "$T/err"; rc=$?
expect_rc 0 "another user reads the backup from a 0555 folder"
expect_out_has "keep me" "and sees the notes"
ls -A "$T/bk" > "$T/ls.after"
check 'cmp -s "$T/ls.before" "$T/ls.after"' "and leaves no file in that folder"
chmod 0755 "$T/bk"

done_testing
