#!/bin/sh
# crash-ui.sh - SIGKILL the screens in the middle of a burst of answers,
# several times over (tmux drives sammtui).  Every answer the last screen
# showed before the kill was committed (it is the stored value, or one the
# change log shows the item held during the burst before a later, not yet
# drawn change), the database passes integrity_check, and its scores agree
# with the change log.
. tests/lib/cli.sh
DB=$SAMMTUI_DB
ROUNDS=${CRASH_UI_ROUNDS:-8}
TM() { tmux -S "$T/tmux.sock" -f /dev/null "$@"; }
trap 'TM kill-server > /dev/null 2>&1; rm -rf "$T"' EXIT
if ! command -v tmux > /dev/null 2>&1; then
	not_ok "tmux is not installed"; done_testing; exit 1
fi

run init; expect_rc 0 "init"
run period new Q1 --date 2026-09-30 --empty; expect_rc 0 "period Q1"
sql() { sqlite3 "$DB" "$1"; }
PID=$(sql "SELECT id FROM period WHERE name = 'Q1'")

cap() { TM capture-pane -p -t ui 2>/dev/null; }
# wait_for TEXT: poll the screen for up to 10 s.
wait_for() {
	n=0
	while [ $n -lt 200 ]; do
		case $(cap) in *"$1"*) return 0 ;; esac
		sleep 0.05; n=$((n + 1))
	done
	return 1
}

kills=0 shown=0 bad=0 r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	TM kill-server > /dev/null 2>&1
	TM new-session -d -s ui -x 100 -y 40 \
		"exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC SAMMTUI_DB='$DB' SAMMTUI_USER=tester SAMMTUI_NOW=$SAMMTUI_NOW '$BIN'" \; \
		set-option -t ui remain-on-exit on
	wait_for "[Scorecard]" || { not_ok "round $r: the screens did not start"; cap | sed 's/^/#   /'; break; }
	TM send-keys -t ui a
	wait_for "[Assessment]" || { not_ok "round $r: no Assessment view"; break; }
	TM send-keys -t ui /; TM send-keys -t ui -l G-SM-1-A.1; TM send-keys -t ui Enter
	wait_for "G-SM-1-A.1:" || { not_ok "round $r: the search found nothing"; break; }
	pid=$(TM display-message -p -t ui '#{pane_pid}')
	since=$(sql "SELECT coalesce(max(id), 0) FROM log")
	# A burst of 24 answers (criteria of G-SM-1-A, then the whole
	# activities that follow), a random moment, the kill.
	TM send-keys -t ui $(od -An -N24 -tu1 /dev/urandom | awk '{ for (i = 1; i <= NF; i++) printf "%d ", $i % 4 }')
	d=$(od -An -N1 -tu1 /dev/urandom | tr -d ' ')
	sleep "0.$(printf '%03d' $((d * 2)))"
	kill -KILL "$pid" 2> /dev/null && kills=$((kills + 1))
	# The dead pane keeps the last screen sammtui drew.
	n=0
	while [ "$(TM display-message -p -t ui '#{pane_dead}' 2>/dev/null)" != 1 ] && [ $n -lt 100 ]; do
		sleep 0.05; n=$((n + 1)); done
	cap > "$T/screen.$r"
	TM kill-server > /dev/null 2>&1
	# Criterion rows: "G-SM-1-A.1 criterion text…   D label", D = 0..3.
	grep -oE '^ +[GDIVO]-[A-Z]{2}-[1-3]-[AB]\.[0-9]+ .* [0-3] ' "$T/screen.$r" |
		awk '{ print $1, $NF }' > "$T/rows.$r"
	while read -r item val; do
		shown=$((shown + 1))
		stored=$(sql "SELECT value FROM score WHERE period_id = $PID AND item = '$item'")
		[ "$stored" = "$val" ] && continue
		# not the stored value: then it is one the item held during this
		# round (before its first change, or set by one) that a later,
		# committed but not yet drawn change overtook
		set_then=$(sql "SELECT count(*) FROM log WHERE id > $since AND item = '$item'
			AND (new_value = $val OR (old_value = $val AND id = (SELECT min(id) FROM log
			WHERE id > $since AND item = '$item')))")
		if [ "$set_then" -eq 0 ]; then
			bad=$((bad + 1))
			echo "#   round $r: $item shown as $val, never committed (stored '$stored')"
		fi
	done < "$T/rows.$r"
	[ "$(sql 'PRAGMA integrity_check')" = ok ] || { not_ok "round $r: integrity_check"; break; }
done
echo "# $kills kills, $shown answered rows seen on the last screens"
check "[ $kills -eq $ROUNDS ]" "sammtui was killed in each of the $ROUNDS rounds"
check "[ $shown -ge $ROUNDS ]" "the screens showed answers before the kills"
check "[ $bad -eq 0 ]" "every answer shown before a kill was committed"
check '[ "$(sql "PRAGMA integrity_check")" = ok ]' "integrity_check ok"
# scores = the last logged value of each item
mismatch=$(sql "SELECT count(*) FROM score s WHERE s.period_id = $PID AND s.value IS NOT
	(SELECT new_value FROM log l WHERE l.item = s.item AND l.period = 'Q1' ORDER BY l.id DESC LIMIT 1)")
check '[ "$mismatch" -eq 0 ]' "every score is its last logged change"
run score Q1 G-SM-1-A.1 most; expect_rc 0 "the database still takes changes"
done_testing
