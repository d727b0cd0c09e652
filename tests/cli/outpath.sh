#!/bin/sh
# outpath.sh - output paths: `export -o` and `backup` refuse an existing
# target that is not a regular file (a FIFO, a character device, a folder,
# a symlink to one) and leave it alone; `-o -` is standard output; a
# killed backup's temporary file is removed by the next backup.
# Devices are made in the test's own folder, never the system's.
. tests/lib/cli.sh

run init; expect_rc 0 "init"
run period new Q1 --date 2026-06-30; expect_rc 0 "period Q1"
run score Q1 G-SM-1-A.1 half --note "keep me"; expect_rc 0 "a score"

mkdir "$T/o"
mkfifo "$T/o/fifo"
mknod "$T/o/dev" c 1 3
mkdir "$T/o/dir"
ln -s fifo "$T/o/to-fifo"
ln -s dev "$T/o/to-dev"

# not_replaced TARGET TEST KIND DESC: TARGET still passes `test TEST` and
# the last run refused it with a message naming KIND.
not_replaced() {
	expect_rc 1 "$4: exits 1"
	expect_err_has "$3, not a regular file; nothing was written" "$4: says it is $3"
	check "[ $2 \"\$T/o/$1\" ]" "$4: $1 is left as it was"
	check '[ -z "$(ls -A "$T/o" | grep sammtui-tmp)" ]' "$4: no temporary file left"
}
run export Q1 -o "$T/o/fifo";     not_replaced fifo -p "a FIFO" "export -o FIFO"
run backup "$T/o/fifo";           not_replaced fifo -p "a FIFO" "backup FIFO"
run export Q1 -o "$T/o/dev";      not_replaced dev -c "a character device" "export -o device"
run backup "$T/o/dev";            not_replaced dev -c "a character device" "backup device"
run export Q1 -o "$T/o/to-fifo";  not_replaced to-fifo -p "a FIFO" "export -o symlink to a FIFO"
run backup "$T/o/to-dev";         not_replaced to-dev -c "a character device" "backup symlink to a device"
check '[ -L "$T/o/to-dev" ]' "the symlink itself stays a symlink"
run export Q1 -o "$T/o/dir";      not_replaced dir -d "a folder" "export -o folder"
run backup "$T/o/dir";            not_replaced dir -d "a folder" "backup folder"

# A regular file, or a symlink to one, is still replaced.
echo old > "$T/o/plain.csv"
run export Q1 -o "$T/o/plain.csv"
expect_rc 0 "export -o over a regular file"
check 'grep -q "keep me" "$T/o/plain.csv"' "the regular file holds the export"

# -o - is standard output.
run export Q1; cp "$T/out" "$T/plain-out"
run export Q1 -o -
expect_rc 0 "export -o -"
check 'cmp -s "$T/out" "$T/plain-out" && [ -s "$T/out" ]' "export -o - writes to standard output"
check '[ ! -e ./- ] && [ ! -e "$T/-" ]' "export -o - makes no file named -"
run backup -
expect_rc 2 "backup - is refused"
expect_err_has "cannot write to standard output" "backup - says why"

# ---- Temporary files of killed writers --------------------------------------------------------
# A database large enough that a backup takes a while (60 MB of log notes).
sqlite3 "$SAMMTUI_DB" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1500)
INSERT INTO log(at, user, scope, period, item, new_note)
SELECT '2026-01-01T00:00:00Z', 'x', 'Organization', 'Q1', 'G-SM-1-A.1', hex(randomblob(20000)) FROM c"
mkdir "$T/k"
tmps() { ls -A "$T/k" | grep -c 'sammtui-tmp'; }
killed=0
for attempt in 1 2 3 4 5; do
	"$BIN" backup "$T/k/b.db" > /dev/null 2>&1 &
	pid=$!
	i=0
	while [ "$(tmps)" -eq 0 ] && [ $i -lt 500 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.005; i=$((i + 1)); done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ "$(tmps)" -gt 0 ] && [ ! -e "$T/k/b.db" ]; then killed=1; break; fi
	rm -f "$T/k/b.db"
done
check '[ $killed = 1 ]' "a SIGKILLed backup leaves its temporary file (.b.db.sammtui-tmp.PID-...)"
ls -A "$T/k" | grep -q '^\.b\.db\.sammtui-tmp\.[0-9]*-' && ok "the temporary file names its process" ||
	not_ok "the temporary file names its process ($(ls -A "$T/k"))"
run backup "$T/k/b.db"
expect_rc 0 "the next backup of the same target works"
check '[ "$(tmps)" -eq 0 ]' "and removes the killed backup's temporary file"
check '[ "$(sqlite3 "$T/k/b.db" "PRAGMA integrity_check")" = ok ]' "and the backup is whole"

# A temporary file of a process still running is left alone; export -o
# cleans the same way.
sh -c 'exit 0' & dead=$!; wait $dead
: > "$T/k/.e.csv.sammtui-tmp.$dead-abcdef"
: > "$T/k/.e.csv.sammtui-tmp.$$-ghijkl"
run export Q1 -o "$T/k/e.csv"
expect_rc 0 "export -o beside stale temporary files"
check '[ ! -e "$T/k/.e.csv.sammtui-tmp.$dead-abcdef" ]' "export -o removes a dead process's temporary file"
check '[ -e "$T/k/.e.csv.sammtui-tmp.$$-ghijkl" ]' "and keeps a live process's one"

done_testing
