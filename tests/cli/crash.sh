#!/bin/sh
# crash.sh - SIGKILL in the middle of a burst of score changes, 50 times
# over.  Afterwards the database passes PRAGMA integrity_check, every change
# sammtui acknowledged (printed) is in the scores and in the change log,
# scores and change log agree, and the database is still usable.
. tests/lib/cli.sh
DB=$SAMMTUI_DB
KILLS=${CRASH_KILLS:-50}

run init; expect_rc 0 "init"
run period new Q1 --date 2026-09-30; expect_rc 0 "period Q1"

# Ten items the burst cycles over.
ITEMS="G-SM-1-A.1 G-SM-1-A.2 G-PC-1-A.1 D-TA-2-B.1 I-SB-1-A.1 V-AA-1-A.1 O-IM-1-A.1 G-EG-3-B.1 D-SA-1-B.1 O-EM-2-A.1"
N_ITEMS=$(echo $ITEMS | wc -w)
item_of() { _i=$(( $1 % N_ITEMS + 1 )); set -- $ITEMS; eval "echo \${$_i}"; }
value_of() { case $(( $1 % 4 )) in 0) echo no;; 1) echo some;; 2) echo half;; 3) echo most;; esac; }

# The burst: one score command after another, change k setting item_of(k)
# to value_of(k) with the note "c<k>".  Each command's output goes to its
# own file; the pid of the running one is in $T/cur.pid.
mkdir -p "$T/ack"
burst() {
	k=0
	while [ ! -e "$T/stop" ]; do
		k=$((k + 1))
		"$BIN" score Q1 "$(item_of $k)" "$(value_of $k)" --note "c$k" \
			> "$T/ack/$k" 2> "$T/ack/$k.err" &
		echo $! > "$T/cur.pid"
		wait $!
		echo "$k $?" >> "$T/status"
	done
}
burst &
burst_pid=$!

# The killer: SIGKILL whatever score command runs, at random moments.
delays=$(od -An -v -N"$KILLS" -tu1 /dev/urandom)
for d in $delays; do
	# 5 to 60 ms: a score command lives about that long
	sleep "0.0$(printf '%02d' $(( 5 + d % 55 )))"
	pid=$(cat "$T/cur.pid" 2>/dev/null) && [ -n "$pid" ] && kill -KILL "$pid" 2> /dev/null
done
# Then unkilled commands until ten changes are acknowledged in all (in a
# slow build, under ASan say, the kills may have hit every command), for
# at most 30 s.
i=0
while [ "$i" -lt 300 ] &&
      [ "$(grep -l ': note set$' "$T"/ack/* 2> /dev/null | wc -l)" -lt 10 ]; do
	sleep 0.1; i=$((i + 1))
done
touch "$T/stop"
wait "$burst_pid"

total=$(wc -l < "$T/status")
killed=$(awk '$2 == 137' "$T/status" | wc -l)
other=$(awk '$2 != 0 && $2 != 137' "$T/status" | wc -l)
echo "# $total score commands, $killed killed by SIGKILL"
check '[ "$killed" -ge $((KILLS / 2)) ]' "at least half of the $KILLS kills hit a running command ($killed)"
check '[ "$other" -eq 0 ]' "no command failed other than by SIGKILL ($other)"
awk '$2 != 0 && $2 != 137 { print $1 }' "$T/status" | head -n 3 | while read -r k; do
	sed "s/^/#   change $k: /" "$T/ack/$k.err"; done

run_sql() { sqlite3 "$DB" "$1"; }
check '[ "$(run_sql "PRAGMA integrity_check")" = ok ]' "integrity_check ok after $killed kills"
check '[ "$(run_sql "PRAGMA foreign_key_check" | wc -l)" -eq 0 ]' "foreign keys hold"

# Acknowledged changes: the command printed its confirmation ("note set").
: > "$T/acked"
k=0
while [ "$k" -lt "$total" ]; do
	k=$((k + 1))
	grep -q ': note set$' "$T/ack/$k" 2>/dev/null && echo "$k" >> "$T/acked"
done
n_acked=$(wc -l < "$T/acked")
check '[ "$n_acked" -ge 10 ]' "a burst of acknowledged changes ($n_acked)"

run log --csv; expect_rc 0 "log --csv after the kills"
cp "$T/out" "$T/log.csv"
# log rows: at,user,scope,period,item,old,new,old_note,new_note
missing=0
while read -r k; do
	if ! grep -q ",Q1,$(item_of "$k"),[a-z]*,$(value_of "$k"),[^,]*,c$k\$" "$T/log.csv"; then
		missing=$((missing + 1))
		[ $missing -le 3 ] && echo "#   change $k ($(item_of "$k") $(value_of "$k") c$k) is not in the log"
	fi
done < "$T/acked"
check '[ "$missing" -eq 0 ]' "every acknowledged change is in the change log"

# Each item's score is its last logged change, and every logged change
# follows the one before it (old note = previous new note): nothing lost
# or applied twice.  An acknowledged change is at or before the last one.
bad=0
for it in $ITEMS; do
	last=$(awk -F, -v it="$it" '$5 == it { n = $9 } END { print n }' "$T/log.csv")
	chain=$(awk -F, -v it="$it" '$5 == it { if ($8 != prev) bad++; prev = $9 } END { print bad + 0 }' "$T/log.csv")
	stored=$(run_sql "SELECT note FROM score JOIN period ON period.id = period_id WHERE period.name = 'Q1' AND item = '$it'")
	lastack=$(while read -r k; do [ "$(item_of "$k")" = "$it" ] && echo "$k"; done < "$T/acked" | tail -n 1)
	if [ "$stored" != "$last" ] || [ "$chain" -ne 0 ] ||
	   { [ -n "$lastack" ] && [ "${stored#c}" -lt "$lastack" ]; }; then
		bad=$((bad + 1))
		echo "#   $it: stored '$stored', last logged '$last', broken links $chain, last acknowledged c$lastack"
	fi
done
check '[ "$bad" -eq 0 ]' "scores match the change log, whose chain is unbroken"
check '[ "$(run_sql "SELECT count(*) FROM log")" -eq "$(($(wc -l < "$T/log.csv") - 1))" ]' "log --csv lists every log row"

run score Q1 G-SM-1-A.1 most --note after; expect_rc 0 "the database still takes changes"
run export Q1; expect_rc 0 "and exports"
done_testing
