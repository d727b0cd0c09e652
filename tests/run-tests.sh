#!/bin/sh
# run-tests.sh BUILD BIN unit|cli|ui|all
#
# Runs the test programs and ends with one line "N passed, M failed".
#   unit: every $BUILD/tests/test_* (cmocka; $VALGRIND, when set, prefixes it)
#   cli:  every tests/cli/*.sh, ui: every tests/ui/*-test (each prints its
#         own "N passed, M failed" as its last such line)
# A program that prints no summary (a crash) counts as one failure.
set -u
BUILD=$1 BIN=$2 WHAT=${3:-all}
SAMMTUI_BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
export SAMMTUI_BIN
LOG=$BUILD/test-logs
mkdir -p "$LOG"
passed=0 failed=0

count() { # name logfile rc kind
	name=$1 log=$2 rc=$3 kind=$4 p=0 f=0
	if [ "$kind" = unit ]; then
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\.$/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:$/\1/p' "$log" | tail -n 1)
		[ -z "$p" ] && [ -z "$f" ] && { p=0; f=1; }
	else
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
		if [ -n "$line" ]; then
			p=${line%% passed*}; f=${line#*, }; f=${f%% failed}
		else p=0; f=1; fi
	fi
	p=${p:-0} f=${f:-0}
	# a non-zero status without a counted failure is still a failure
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $name ($p passed, $f failed; rc=$rc): see $log"
		tail -n 40 "$log" | sed 's/^/    /'
	else
		echo "ok   $name ($p passed)"
	fi
}

if [ "$WHAT" = unit ] || [ "$WHAT" = all ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		n=$(basename "$t")
		${VALGRIND:-} "$t" > "$LOG/$n.log" 2>&1; rc=$?
		count "$n" "$LOG/$n.log" $rc unit
	done
fi
if [ "$WHAT" = cli ] || [ "$WHAT" = all ]; then
	for t in tests/cli/*.sh; do
		[ -f "$t" ] || continue
		n=cli-$(basename "$t" .sh)
		sh "$t" > "$LOG/$n.log" 2>&1; rc=$?
		count "$n" "$LOG/$n.log" $rc script
	done
fi
if [ "$WHAT" = ui ] || [ "$WHAT" = all ]; then
	for t in tests/ui/*-test; do
		[ -f "$t" ] || continue
		n=ui-$(basename "$t")
		setsid -w bash "$t" < /dev/null > "$LOG/$n.log" 2>&1; rc=$?
		count "$n" "$LOG/$n.log" $rc script
	done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
