#!/bin/sh
# hostile-db.sh - databases that are not what they should be: not SQLite,
# empty, truncated, from a newer schema, read-only, a folder, and a disk
# that fills up in the middle of a write.  Each gives exit status 1 (never
# a signal) and a clear message, and nothing already stored is damaged.
. tests/lib/cli.sh
DB=$SAMMTUI_DB

run init; expect_rc 0 "init"
run period new Q1 --date 2026-09-30; expect_rc 0 "period Q1"
run score Q1 G-SM-1-A.1 half --note "keep me"; expect_rc 0 "a score to keep"
run score Q1 G-SM-2-A half; expect_rc 0 "an activity to keep"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
cp "$DB" "$T/good.db"
sqlite3 "$DB" .dump > "$T/good.dump"

# refuse DB DESC MSG ARGS...: sammtui --db DB ARGS exits 1 with a
# "sammtui: ..." message holding MSG, and DB's bytes are unchanged.
refuse() {
	db=$1 desc=$2 msg=$3; shift 3
	cp "$db" "$T/before" 2>/dev/null
	"$BIN" --db "$db" "$@" > "$T/out" 2> "$T/err"; rc=$?
	expect_rc 1 "$desc: $* exits 1"
	expect_err_has "$msg" "$desc: $*: says '$msg'"
	if [ -d "$db" ] || cmp -s "$db" "$T/before"; then ok "$desc: $*: file unchanged"; else
		not_ok "$desc: $*: file changed"; fi
}

# ---- Not a database ------------------------------------------------------------
printf 'id,score\nG-SM-1-A.1,half\n' > "$T/text.db"
refuse "$T/text.db" "a text file" "not a SQLite database" period list
refuse "$T/text.db" "a text file" "not a SQLite database" score Q1 G-SM-1-A.1 most
refuse "$T/text.db" "a text file" "already exists" init
head -c 65536 /dev/urandom > "$T/random.db"
refuse "$T/random.db" "random bytes" "not a SQLite database" export Q1
: > "$T/empty.db"
refuse "$T/empty.db" "an empty file" "not a sammtui database" period list
refuse "$T/empty.db" "an empty file" "not a sammtui database" score Q1 G-SM-1-A.1 most
check '[ ! -s "$T/empty.db" ]' "an empty file stays empty"
sqlite3 "$T/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
refuse "$T/other.db" "another program's SQLite file" "not a sammtui database" score Q1 G-SM-1-A.1 most
check '[ "$(sqlite3 "$T/other.db" "SELECT group_concat(name) FROM sqlite_schema")" = t ]' \
	"another program's SQLite file gains no table"

# ---- Truncated ---------------------------------------------------------------------
size=$(wc -c < "$T/good.db")
head -c $((size / 2)) "$T/good.db" > "$T/half.db"
refuse "$T/half.db" "a half database" "damaged" export Q1
refuse "$T/half.db" "a half database" "damaged" score Q1 G-SM-1-A.1 most
refuse "$T/half.db" "a half database" "damaged" log --csv
head -c 100 "$T/good.db" > "$T/header.db"
refuse "$T/header.db" "a database cut inside its header" "damaged" period list

# ---- From a newer sammtui ------------------------------------------------------------
cp "$T/good.db" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 99'
refuse "$T/newer.db" "schema 99" "newer" period list
refuse "$T/newer.db" "schema 99" "newer" score Q1 G-SM-1-A.1 most
refuse "$T/newer.db" "schema 99" "newer" import Q1 /dev/null
check '[ "$(sqlite3 "$T/newer.db" "PRAGMA user_version")" = 99 ]' "schema 99 is left at 99"

# ---- Read-only ------------------------------------------------------------------------
cp "$T/good.db" "$T/ro.db"
chmod 0400 "$T/ro.db"
refuse "$T/ro.db" "a 0400 file" "read-only" score Q1 G-SM-1-A.1 most
refuse "$T/ro.db" "a 0400 file" "read-only" note Q1 G-SM-1-A.1 "new note"
printf 'id,score\nG-SM-1-A.1,most\n' > "$T/one.csv"
refuse "$T/ro.db" "a 0400 file" "read-only" import Q1 "$T/one.csv"
refuse "$T/ro.db" "a 0400 file" "read-only" period new Q2
"$BIN" --db "$T/ro.db" export Q1 > "$T/out" 2> "$T/err"; rc=$?
expect_rc 0 "a 0400 file still exports"
expect_out_has "keep me" "a 0400 file still shows its notes"
check '[ "$(stat -c %a "$T/ro.db")" = 400 ]' "a 0400 file keeps its mode"

# ---- A folder -------------------------------------------------------------------------------
mkdir "$T/folder.db"
refuse "$T/folder.db" "a folder" "folder" period list

# ---- The disk fills up --------------------------------------------------------------------
# A file size limit (ulimit -f, in 512-byte blocks, with SIGXFSZ ignored so
# that writes fail with EFBIG as on a full disk) lets no file grow past
# 64 KB, so the write-ahead log cannot take an import of 294 items with
# 3 KB notes.  (PRAGMA max_page_count would be the other way, but it only
# lasts for the connection that sets it.)
note=$(head -c 3000 /dev/zero | tr '\0' n)
check '[ -r "$SAMM_MODEL" ]' "the model of the data folder can be read ($SAMM_MODEL)"
{ echo "id,score,note"
  awk -F, 'NR > 1 { print $1 }' "$SAMM_MODEL" | while read -r id; do
	echo "$id,most,$note"; done; } > "$T/big.csv"
full() { sh -c 'trap "" XFSZ; ulimit -f 128; exec "$@"' full "$BIN" "$@" > "$T/out" 2> "$T/err"; rc=$?; }
full import Q1 "$T/big.csv"
expect_rc 1 "full disk: import exits 1, not killed"
expect_err_has "sammtui: " "full disk: import says why"
check '[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ]' "full disk: integrity_check ok"
sqlite3 "$DB" .dump > "$T/after.dump"
check 'cmp -s "$T/good.dump" "$T/after.dump"' "full disk: stored data unchanged"
full backup "$T/backup.db"
expect_rc 1 "full disk: backup exits 1"
check '[ ! -e "$T/backup.db" ] && [ -z "$(ls -A "$T" | grep -e "^backup\.db." -e "^\.backup\.db\.")" ]' "full disk: no partial backup left behind"
run import Q1 "$T/big.csv"; expect_rc 0 "with room again, the same import works"
run show Q1; expect_rc 0 "and the database reads"
done_testing
