# tests/lib/ui.sh - sourced by tests/ui/*-test (bash): drives the screens in tmux.
#
# Pins the environment (UTF-8, UTC, a fixed clock and user, a temporary
# HOME and database, no colour preference, no editor), runs sammtui in a
# private tmux server (-S socket in a temporary folder, -f /dev/null, 80x24,
# TERM=xterm-256color) and polls the screen: after each key, wait for text
# that only the new state shows.  The exit status comes from a file the
# pane writes (pane_dead_status is unreliable on Debian's tmux 3.3a).
# Each script ends with `finish`, which prints "N passed, M failed"; a
# failed wait is fatal (what follows would only time out).
set -uo pipefail
BIN=${SAMMTUI_BIN:-$(pwd)/sammtui}
WORK=$(mktemp -d)
STATUS=$WORK/status
export HOME=$WORK/home XDG_DATA_HOME=$WORK/xdg SAMMTUI_DB=$WORK/data/sammtui.db \
	SAMMTUI_USER=tester SAMMTUI_NOW=2026-11-22T12:00:00Z \
	LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset VISUAL EDITOR NO_COLOR SAMMTUI_SCOPE 2>/dev/null || true
mkdir -p "$HOME"
pass=0 fail=0

T() { tmux -S "$WORK/tmux.sock" -f /dev/null "$@"; }
cleanup() { T kill-server >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
ok() { pass=$((pass + 1)); echo "ok - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $*"; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }
# fatal DESC: count a failure, show the screen, stop here.
fatal() { not_ok "$*"; echo "--- screen:"; cap || true; echo "---"; finish; }

# sam ARGS...: the command-line sammtui in the same environment.
sam() { "$BIN" "$@"; }

# start_ui [W H [ENV...]]: run sammtui in a fresh pane of W x H (80x24).
start_ui() {
	local w=${1:-80} h=${2:-24}
	shift 2 2>/dev/null || shift $#
	local envs="TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME='$HOME'"
	envs+=" XDG_DATA_HOME='$XDG_DATA_HOME' SAMMTUI_DB='$SAMMTUI_DB' SAMMTUI_USER=$SAMMTUI_USER"
	envs+=" SAMMTUI_NOW=$SAMMTUI_NOW"
	local e
	for e in "$@"; do envs+=" '$e'"; done
	rm -f "$STATUS"
	# A second start reuses the server (restarting it races with its exit).
	if T has-session -t ui 2>/dev/null; then
		T kill-session -t ui
	else
		T start-server \; set-option -g exit-empty off \; set-option -g remain-on-exit on
	fi
	T new-session -d -s ui -x "$w" -y "$h" \
		"env -u VISUAL -u EDITOR -u NO_COLOR $envs '$BIN'; echo \$? > '$STATUS'"
}

# start_cmd W H CMD: run the shell command CMD (in this environment) in a
# fresh pane of W x H; its exit status goes to the status file.
start_cmd() {
	rm -f "$STATUS"
	if T has-session -t ui 2>/dev/null; then
		T kill-session -t ui
	else
		T start-server \; set-option -g exit-empty off \; set-option -g remain-on-exit on
	fi
	T new-session -d -s ui -x "$1" -y "$2" "$3; echo \$? > '$STATUS'"
}

cap() { T capture-pane -p -t ui; }
cap_e() { T capture-pane -p -e -t ui; }
has() { local s; s=$(cap 2>/dev/null) && [[ $s == *"$1"* ]]; }
keys() { T send-keys -t ui "$@"; }
type_text() { T send-keys -t ui -l "$1"; }
# click X Y: a left click (press, then release) at column X, row Y (from 0)
# as xterm reports it in the SGR mode (1006) that ncurses turns on for
# TERM=xterm-256color.  The legacy "\e[M" form is not decoded there: it
# would arrive as the keys Esc [ M ...
click() {
	T send-keys -t ui -l $'\e'"[<0;$(($1 + 1));$(($2 + 1))M"
	T send-keys -t ui -l $'\e'"[<0;$(($1 + 1));$(($2 + 1))m"
}
# row N: line N (from 1) of the screen
row() { cap | sed -n "${1}p"; }

# wait_for TEXT [TIMEOUT_S]: 0 when the screen shows TEXT in time.
wait_for() {
	local deadline=$(( $(now_ms) + ${2:-5} * 1000 ))
	until has "$1"; do
		(( $(now_ms) < deadline )) || return 1
		sleep 0.03
	done
}
# wait_gone TEXT [TIMEOUT_S]
wait_gone() {
	local deadline=$(( $(now_ms) + ${2:-5} * 1000 ))
	while has "$1"; do
		(( $(now_ms) < deadline )) || return 1
		sleep 0.03
	done
}
# expect TEXT DESC: wait for TEXT, count the check; fatal when it never shows.
expect() { if wait_for "$1" "${3:-5}"; then ok "$2"; else fatal "$2 (no '$1')"; fi; }
# expect_gone TEXT DESC
expect_gone() { if wait_gone "$1" "${3:-5}"; then ok "$2"; else fatal "$2 ('$1' still shown)"; fi; }
# settle: wait until every key sent so far has been handled (the help
# screen opens only after them); for checks that something did NOT happen.
# Not inside a dialog.
settle() {
	keys '?'
	wait_for "Keys (? or Esc closes)" || fatal "settle: no help screen"
	keys Escape
	wait_gone "Keys (? or Esc closes)" || fatal "settle: help stays"
}
# check COND DESC: a shell condition.
check() { if eval "$1"; then ok "$2"; else not_ok "$2 ($1)"; fi; }

# wait_exit [TIMEOUT_S]: wait for the status file; prints the status.
wait_exit() {
	local deadline=$(( $(now_ms) + ${1:-5} * 1000 ))
	until [[ -s $STATUS ]]; do
		(( $(now_ms) < deadline )) || { echo timeout; return 1; }
		sleep 0.03
	done
	cat "$STATUS"
}
# The pane left the alternate screen (the terminal was restored).
alt_off() { [[ $(T display-message -p -t ui '#{alternate_on}') == 0 ]]; }
# The pid of sammtui in the pane (the pane's shell runs it as a child).
ui_pid() { pgrep -P "$(T display-message -p -t ui '#{pane_pid}')" -x sammtui | head -n 1; }

# A database with the bundled model and periods: fresh_db NAME:DATE ...
# (the first one empty, later ones copying the latest).
fresh_db() {
	sam init > /dev/null || fatal "sammtui init"
	local first=1 p
	for p in "$@"; do
		if (( first )); then
			sam period new "${p%%:*}" --date "${p#*:}" --empty > /dev/null || fatal "period ${p%%:*}"
		else
			sam period new "${p%%:*}" --date "${p#*:}" > /dev/null || fatal "period ${p%%:*}"
		fi
		first=0
	done
}

# csv_fields LINE: split one CSV line (RFC 4180 quotes) into the array F.
csv_fields() {
	local line=$1 i c field="" q=0
	F=()
	for (( i = 0; i < ${#line}; i++ )); do
		c=${line:i:1}
		if (( q )); then
			if [[ $c == '"' ]]; then
				if [[ ${line:i+1:1} == '"' ]]; then field+='"'; i=$((i + 1)); else q=0; fi
			else field+=$c; fi
		elif [[ $c == '"' ]]; then q=1
		elif [[ $c == , ]]; then F+=("$field"); field=""
		else field+=$c; fi
	done
	F+=("$field")
}
# export_value PERIOD ID: the score column of ID in `sammtui export PERIOD`
# (0, 0.25, 0.5, 1, na, or empty when unset).
export_value() {
	local line
	line=$(sam export "$1" | grep -F ",$2,") || return 1
	csv_fields "$line"
	echo "${F[12]}"
}
# export_has PERIOD TEXT...: the export of PERIOD holds a line with every TEXT.
export_has() {
	local period=$1 line t; shift
	while IFS= read -r line; do
		for t in "$@"; do [[ $line == *"$t"* ]] || continue 2; done
		return 0
	done < <(sam export "$period")
	return 1
}
