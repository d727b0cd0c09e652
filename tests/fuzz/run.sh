#!/bin/sh
# run.sh BUILDDIR - build and run the libFuzzer targets (called by `make fuzz`,
# see mk/fuzz.mk for the knobs: FUZZ_SECONDS FUZZ_TARGETS FUZZ_CC FUZZ_GEN).
#
# Ends with "N passed, M failed": one pass per target that built and ran
# FUZZ_SECONDS seconds without a finding.  A finding (crash, leak, timeout,
# out of memory, sanitizer report) is kept in BUILDDIR/findings/<target>/
# and its first lines are shown; add it to tests/fixtures/bad/ as a
# regression fixture.
set -u
B=${1:-build-fuzz}
SECS=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
GEN=${FUZZ_GEN:-build/gen/bundled_model.c}
WANT=${FUZZ_TARGETS:-}
passed=0 failed=0

summary() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

if ! command -v "$CC" > /dev/null 2>&1; then
	echo "fuzz: $CC not found (apt-get install clang libclang-rt-14-dev)"
	failed=1; summary
fi
mkdir -p "$B/obj" "$B/findings" "$B/corpus" || { failed=1; summary; }

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFL="-std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -g -O1 $SAN -fsanitize=fuzzer-no-link -Iinclude -Isrc \
 $(pkg-config --cflags sqlite3 2>/dev/null)"
LIBS="$(pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3) -lm"

# libCSV's own source, so that its parser is instrumented too.
CSVOBJ= CSVLIB=
if sh tests/fuzz/fetch-libcsv.sh "$B/libcsv" > "$B/libcsv.log" 2>&1; then
	CFL="-I$B/libcsv/src $CFL"
	CSVOBJ=$B/obj/libcsv.o
	$CC $CFL -w -c -o "$CSVOBJ" "$B/libcsv/src/libcsv.c" || { failed=1; summary; }
else
	echo "fuzz: warning: could not fetch libcsv's source (see $B/libcsv.log);"
	echo "fuzz: warning: linking the system -lcsv, whose parser is not instrumented"
	CSVLIB=-lcsv
fi

# The core library, instrumented.  Sources whose headers are not there yet
# are reported and left out; a target that needs them then fails to link.
OBJS=
for src in src/core/*.c "$GEN"; do
	[ -f "$src" ] || continue
	o=$B/obj/$(echo "$src" | tr / _ | sed 's/\.c$/.o/')
	if $CC $CFL -Wno-missing-prototypes -c -o "$o" "$src" 2> "$o.log"; then
		OBJS="$OBJS $o"
	else
		echo "fuzz: warning: $src does not compile, left out:"; head -n 5 "$o.log"
	fi
done
# An archive, so that each target pulls in only the modules it needs.
LIB=$B/libsamm-fuzz.a
rm -f "$LIB"; ar rcs "$LIB" $OBJS || { failed=1; summary; }

seed() { # seed TARGET DIR: the starting corpus of TARGET
	t=$1 d=$2
	rm -rf "$d"; mkdir -p "$d"
	[ -d "tests/fuzz/corpus/$t" ] && cp tests/fuzz/corpus/"$t"/* "$d"/ 2>/dev/null
	# the model of the data folder ($SAMM_MODEL), every model and
	# assessment fixture, the bad ones
	case $t in
	model)
		for f in ${SAMM_MODEL:-} tests/fixtures/model/*.csv \
			 tests/fixtures/history/model.csv tests/fixtures/bad/model-*; do
			[ -f "$f" ] && cp "$f" "$d/$(echo "$f" | tr / _)"
		done ;;
	import)
		for f in tests/fixtures/assessments/*.csv tests/fixtures/import/*.csv \
			 tests/fixtures/history/p*.csv tests/fixtures/bad/import-*; do
			[ -f "$f" ] && cp "$f" "$d/$(echo "$f" | tr / _)"
		done ;;
	esac
	# a corpus file libFuzzer would not read whole is left out
	find "$d" -type f -size +1M -delete
	return 0
}

for src in tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c); t=${t#fuzz_}
	if [ -n "$WANT" ]; then
		case " $WANT " in *" $t "*) ;; *) continue ;; esac
	fi
	bin=$B/fuzz_$t
	echo "=== fuzz $t: building"
	if ! $CC $CFL -fsanitize=fuzzer -o "$bin" "$src" "$LIB" $CSVOBJ $CSVLIB $LIBS 2> "$B/fuzz_$t.build.log"; then
		echo "fuzz $t: does not build:"; head -n 20 "$B/fuzz_$t.build.log"
		failed=$((failed + 1)); continue
	fi
	seed "$t" "$B/corpus/$t"
	rm -rf "$B/findings/$t"; mkdir -p "$B/findings/$t"
	echo "=== fuzz $t: $SECS s on $(ls "$B/corpus/$t" | wc -l) seeds"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=200000 \
		-print_final_stats=1 -artifact_prefix="$B/findings/$t/" \
		"$B/corpus/$t" > "$B/fuzz_$t.log" 2>&1
	rc=$?
	tail -n 12 "$B/fuzz_$t.log" | grep -E 'stat::number_of_executed_units|cov:|Done' | tail -n 3
	found=$(ls "$B/findings/$t" 2>/dev/null | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | grep -v '^slow-unit' )
	if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
		echo "ok   fuzz $t"
		passed=$((passed + 1))
	else
		echo "FAIL fuzz $t (rc=$rc): findings in $B/findings/$t/: $found"
		grep -E 'ERROR|runtime error|invariant|SUMMARY|#[0-9] ' "$B/fuzz_$t.log" | head -n 25 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
summary
