# tests/lib/cli.sh - sourced by tests/cli/*.sh.  POSIX sh.
#
# Pins the environment (UTF-8, UTC, a fixed clock and user, a temporary
# HOME and database), runs the real binary and compares what it prints.
# Each script ends with `done_testing`, which prints "N passed, M failed".
set -u
BIN=${SAMMTUI_BIN:-$(pwd)/sammtui}
FIXTURES=$(pwd)/tests/fixtures
# The SAMM 2.0 model of the data folder (the Makefile exports it from SAMM_DATA).
SAMM_MODEL=${SAMM_MODEL:-$(pwd)/../shared/model/samm-2.0.csv}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SAMMTUI_DB="$T/data/sammtui.db" SAMMTUI_USER=tester \
	SAMMTUI_NOW=2026-11-22T12:00:00Z HOME="$T/home" XDG_DATA_HOME="$T/xdg" \
	LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset VISUAL EDITOR NO_COLOR SAMMTUI_SCOPE 2>/dev/null || true
mkdir -p "$T/home"
pass=0 fail=0

ok()     { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }

# run ARGS...: run sammtui; stdout in $T/out, stderr in $T/err, status in $rc.
run() { "$BIN" "$@" > "$T/out" 2> "$T/err"; rc=$?; }
# run_in FILE ARGS...: the same with standard input from FILE.
run_in() { f=$1; shift; "$BIN" "$@" < "$f" > "$T/out" 2> "$T/err"; rc=$?; }

# expect_rc N DESC: the last run exited N.
expect_rc() {
	if [ "$rc" -eq "$1" ]; then ok "$2"; else
		not_ok "$2 (exit $rc, wanted $1)"; sed 's/^/#   err: /' "$T/err"; fi
}
# expect_out DESC < expected: stdout of the last run is exactly that.
expect_out() {
	cat > "$T/expected"
	if diff -u "$T/expected" "$T/out" > "$T/diff"; then ok "$1"; else
		not_ok "$1"; sed 's/^/#   /' "$T/diff"; fi
}
# expect_out_has TEXT DESC / expect_err_has TEXT DESC: a line contains TEXT.
expect_out_has() {
	if grep -qF -- "$1" "$T/out"; then ok "$2"; else
		not_ok "$2 (stdout lacks '$1')"; sed 's/^/#   out: /' "$T/out" | head -20; fi
}
expect_err_has() {
	if grep -qF -- "$1" "$T/err"; then ok "$2"; else
		not_ok "$2 (stderr lacks '$1')"; sed 's/^/#   err: /' "$T/err" | head -20; fi
}
# check COND DESC: a shell condition, e.g. check '[ -s "$T/out" ]' "prints"
check() { if eval "$1"; then ok "$2"; else not_ok "$2 ($1)"; fi; }

# history_db: in $SAMMTUI_DB, the five-period history of
# tests/fixtures/history/ (its model, periods P1..P5, each imported), the
# one tests/unit/test_analysis.c works out by hand.
history_db() {
	run init --model "$FIXTURES/history/model.csv"
	expect_rc 0 "init with the history's model"
	_i=0
	for _d in 2025-01-15 2025-04-15 2025-07-15 2025-10-15 2026-01-15; do
		_i=$((_i + 1))
		run period new "P$_i" --date "$_d"
		expect_rc 0 "period new P$_i"
		run import "P$_i" "$FIXTURES/history/p$_i.csv"
		expect_rc 0 "import p$_i.csv"
	done
}
done_testing() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
