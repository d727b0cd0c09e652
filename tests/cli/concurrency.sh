#!/bin/sh
# concurrency.sh - four processes make 500 score changes each to one
# database at the same time, half of them on one shared item and half on
# items of their own.  None reports an error, none loses a change: the
# change log holds all 2,000 rows, each exactly once, every item's chain of
# old -> new notes is unbroken, and each item's score is its last change.
. tests/lib/cli.sh
DB=$SAMMTUI_DB
WORKERS=4
PER=${CONCURRENCY_CHANGES:-500}
SHARED=G-SM-1-A.1

run init; expect_rc 0 "init"
run period new Q1 --date 2026-09-30; expect_rc 0 "period Q1"

# Worker w: change i sets, with the unique note "w<w>-<i>", the shared item
# (even i) or one of its own five items (odd i).
own_items() {
	case $1 in
	1) echo "G-PC-1-A.1 G-PC-1-A.2 G-PC-2-A.1 G-PC-2-B.1 G-PC-3-A.1" ;;
	2) echo "D-TA-1-A.1 D-TA-1-A.2 D-TA-2-A.1 D-TA-2-B.1 D-TA-3-A.1" ;;
	3) echo "I-SB-1-A.1 I-SB-1-A.2 I-SB-2-A.1 I-SB-2-B.1 I-SB-3-A.1" ;;
	4) echo "O-IM-1-A.1 O-IM-1-A.2 O-IM-2-A.1 O-IM-2-B.1 O-IM-3-A.1" ;;
	esac
}
worker() {
	w=$1 i=0 errors=0
	set -- $(own_items "$w")
	while [ "$i" -lt "$PER" ]; do
		i=$((i + 1))
		case $((i % 4)) in 0) v=no;; 1) v=some;; 2) v=half;; 3) v=most;; esac
		if [ $((i % 2)) -eq 0 ]; then item=$SHARED; else
			eval "item=\${$(( (i / 2) % 5 + 1 ))}"; fi
		if ! "$BIN" score Q1 "$item" "$v" --note "w$w-$i" > /dev/null 2> "$T/w$w.last"; then
			errors=$((errors + 1))
			[ "$errors" -le 3 ] && sed "s/^/w$w change $i: /" "$T/w$w.last" >> "$T/w$w.err"
		fi
	done
	echo "$errors" > "$T/w$w.errors"
}

start=$(date +%s)
w=0
while [ "$w" -lt "$WORKERS" ]; do
	w=$((w + 1))
	worker "$w" &
done
wait
secs=$(( $(date +%s) - start ))
echo "# $((WORKERS * PER)) score commands in $WORKERS processes took $secs s"

w=0 errors=0
while [ "$w" -lt "$WORKERS" ]; do
	w=$((w + 1))
	errors=$((errors + $(cat "$T/w$w.errors" 2>/dev/null || echo "$PER")))
	[ -s "$T/w$w.err" ] && sed 's/^/#   /' "$T/w$w.err"
done
check '[ "$errors" -eq 0 ]' "no process reported an error ($errors failed commands)"

check '[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ]' "integrity_check ok"
run log --csv; expect_rc 0 "log --csv"
cp "$T/out" "$T/log.csv"
rows=$(($(wc -l < "$T/log.csv") - 1))
check "[ $rows -eq $((WORKERS * PER)) ]" "the change log holds all $((WORKERS * PER)) changes ($rows)"
# at,user,scope,period,item,old,new,old_note,new_note
dups=$(awk -F, 'NR > 1 { n[$9]++ } END { for (k in n) if (n[k] != 1) d++; print d + 0 }' "$T/log.csv")
check '[ "$dups" -eq 0 ]' "each change is logged exactly once"
w=0 lost=0
while [ "$w" -lt "$WORKERS" ]; do
	w=$((w + 1))
	got=$(grep -c ",w$w-[0-9]*\$" "$T/log.csv")
	[ "$got" -eq "$PER" ] || { lost=$((lost + PER - got)); echo "#   worker $w: $got of $PER changes logged"; }
done
check '[ "$lost" -eq 0 ]' "no change of any worker is lost"

bad=0
for it in $SHARED $(own_items 1) $(own_items 2) $(own_items 3) $(own_items 4); do
	last=$(awk -F, -v it="$it" '$5 == it { n = $9 } END { print n }' "$T/log.csv")
	chain=$(awk -F, -v it="$it" '$5 == it { if ($8 != prev) bad++; prev = $9 } END { print bad + 0 }' "$T/log.csv")
	stored=$(sqlite3 "$DB" "SELECT note FROM score JOIN period ON period.id = period_id WHERE period.name = 'Q1' AND item = '$it'")
	if [ "$stored" != "$last" ] || [ "$chain" -ne 0 ]; then
		bad=$((bad + 1))
		echo "#   $it: stored '$stored', last logged '$last', $chain broken links"
	fi
done
check '[ "$bad" -eq 0 ]' "every item's score is its last change; no change overwrote another unseen"
shared=$(grep -c ",$SHARED," "$T/log.csv")
check "[ $shared -eq $((WORKERS * PER / 2)) ]" "the shared item took all $((WORKERS * PER / 2)) changes ($shared)"
done_testing
