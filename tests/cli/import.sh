#!/bin/sh
# import: the format, its refusals (file:line, nothing written), and the
# hand-computed assessments compared with `show --by activity --csv`.
. tests/lib/cli.sh
IMP=$FIXTURES/import
export SAMMTUI_DB="$T/tiny.db"
run init --model "$FIXTURES/model/tiny.csv"
run period new P1 --date 2026-09-30
expect_rc 0 "setup"

run import P1 "$IMP/tiny-ok.csv"
expect_rc 0 "import exits 0"
expect_out "import counts rows and changed items" <<'X'
imported 5 rows: 6 items changed
X
run export P1
awk -F, 'NR > 1 { print $5 "," $13 "," $14 }' "$T/out" > "$T/cols"
check '[ "$(cat "$T/cols")" = "$(printf "G-SM-1-A.1,1,\"Yes\nG-SM-1-A.2,0.5,\"Yes\nG-SM-2-A.1,na,N/A\nG-SM-1-B.1,,\nG-SM-2-B.1,0.25,\"Yes\nG-SM-2-B.2,0.25,\"Yes")" ]' \
	"values applied: columns in any order, CRLF, spaces around a value, activity rows"
check 'grep -q ",\"Reviewed, signed\",tester," "$T/out" && grep -q ",\"  spaced  \",tester," "$T/out"' \
	"notes kept exactly (spaces too); an empty score leaves the value"
run import P1 "$IMP/tiny-ok.csv"
expect_out "importing again changes nothing" <<'X'
imported 5 rows: 0 items changed
X
run import P1 "$IMP/tiny-bom.csv"
expect_out "a BOM is accepted" <<'X'
imported 1 row: 0 items changed
X

# all or nothing
run export P1
cp "$T/out" "$T/before.csv"
run import P1 "$IMP/tiny-bad-last.csv"
expect_rc 1 "a bad last line exits 1"
expect_err_has "sammtui: $IMP/tiny-bad-last.csv:5: invalid value 'mostly' (expected one of: no, some, half, most, 0, 0.25, 0.5, 1, na, clear)" \
	"and names file and line (after a multi-line note)"
run export P1
check 'cmp -s "$T/before.csv" "$T/out"' "nothing was written"

bad() { # DESC LINE-MESSAGE CONTENT
	printf "$3" > "$T/bad.csv"
	run import P1 "$T/bad.csv"
	if [ "$rc" -eq 1 ] && grep -qF -- "sammtui: $T/bad.csv:$2" "$T/err"; then ok "$1"; else
		not_ok "$1 (exit $rc)"; sed 's/^/#   err: /' "$T/err"; fi
}
bad "unknown id" "2: unknown id 'G-XX-1-A.1'" 'id,score\nG-XX-1-A.1,most\n'
bad "a practice id" "3: 'SM' is a practice; give an item or an activity" 'id,score\nG-SM-1-A.1,no\nSM,most\n'
bad "bad value" "2: invalid value '2'" 'id,score\nG-SM-1-A.1,2\n'
bad "too many fields" "3: 3 fields, expected 2" 'id,score\nG-SM-1-A.1,no\nG-SM-1-A.2,no,x\n'
bad "too few fields" "2: 1 field, expected 3" 'id,score,note\nG-SM-1-A.1\n'
bad "an item twice" "4: G-SM-1-A.1 is already set on line 2" 'id,score\nG-SM-1-A.1,no\nG-SM-1-A.2,no\nG-SM-1-A.1,most\n'
bad "an item, then its activity" "3: G-SM-1-A includes G-SM-1-A.2, already set on line 2" 'id,score\nG-SM-1-A.2,no\nG-SM-1-A,most\n'
bad "an activity, then its item" "3: G-SM-1-A.1 is already set on line 2 (by G-SM-1-A)" 'id,score\nG-SM-1-A,no\nG-SM-1-A.1,most\n'
bad "missing column" "1: missing column 'score'" 'id,note\nG-SM-1-A.1,x\n'
bad "unknown column" "1: unknown column 'value'" 'id,score,value\n'
bad "repeated column" "1: column 'id' appears twice" 'id,score,id\n'
bad "empty file" "1: empty file (no header row)" ''
bad "blank lines only" "1: empty file (no header row)" '\n\n'
bad "invalid UTF-8" "3: invalid UTF-8 (byte 15 of the line)" 'id,score,note\nG-SM-1-A.1,no,\nG-SM-1-A.2,no,\377\n'
bad "NUL byte" "2: NUL byte in the file" 'id,score,note\nG-SM-1-A.1,no,a\000b\n'
bad "unterminated quote" "3: unterminated quoted field" 'id,score,note\nG-SM-1-A.1,no,\nG-SM-1-A.2,no,"open\nstill open\n'
bad "misplaced quote" "2: misplaced quote" 'id,score,note\nG-SM-1-A.1,no,a"b\n'
bad "a note on an activity" "2: a note needs an item id; 'G-SM-1-A' is an activity" 'id,score,note\nG-SM-1-A,no,x\n'
run export P1
check 'cmp -s "$T/before.csv" "$T/out"' "no refused import wrote anything"
run import P1 "$T/missing.csv"
expect_rc 1 "a missing file exits 1"
expect_err_has "sammtui: $T/missing.csv: No such file or directory" "and names it"
run import P9 "$IMP/tiny-ok.csv"
expect_rc 1 "an unknown period exits 1"

# header only: nothing to do
printf 'id,score\n' > "$T/empty.csv"
run import P1 "$T/empty.csv"
expect_out "a header without rows imports nothing" <<'X'
imported 0 rows: 0 items changed
X

# the hand-computed assessments of the SAMM 2.0 model
export SAMMTUI_DB="$T/samm.db"
run init
for f in "$FIXTURES"/assessments/*.csv; do
	case $f in *.expected.csv) continue ;; esac
	name=$(basename "$f" .csv)
	run period new "$name" --empty
	run import "$name" "$f"
	check '[ $rc -eq 0 ] && grep -q "^imported 294 rows: " "$T/out"' "import $name"
	run show "$name" --by activity --csv
	# level,id,...,score: the name may hold commas, the score never does
	awk -F, '{ print $1 "," $2 "," $NF }' "$T/out" > "$T/proj"
	if diff -u "${f%.csv}.expected.csv" "$T/proj" > "$T/diff"; then
		ok "$name: show --by activity --csv matches the hand-computed scores"
	else
		not_ok "$name: show --by activity --csv"; sed 's/^/#   /' "$T/diff" | head -20
	fi
done

# an export, as it is, imports into another period: values and notes,
# including a note the export neutralised against formula injection
run period new rt-src --empty
run import rt-src "$FIXTURES/assessments/mixed.csv"
run note rt-src G-SM-1-A.1 '=HYPERLINK("http://x","y")'
run note rt-src G-SM-1-A.2 'two
lines, "quoted"'
run note rt-src G-SM-1-A.3 "'- a quote of the user's own"
run export rt-src -o "$T/rt.csv"
check 'grep -q "'"'"'=HYPERLINK" "$T/rt.csv"' "the export neutralises the formula note"
run period new rt-dst --empty
run import rt-dst "$T/rt.csv"
expect_rc 0 "an export imports as it is"
run export rt-src
cut -d, -f5- "$T/out" > "$T/a"
run export rt-dst
cut -d, -f5- "$T/out" > "$T/b"
check 'cmp -s "$T/a" "$T/b"' "export -> import -> export gives the same items, values and notes"
run diff rt-src rt-dst --notes
expect_out_has "Notes changed: 0" "the formula note came back without the added quote"
printf 'id,score,scopes\n' > "$T/typo.csv"
run import rt-dst "$T/typo.csv"
expect_err_has "1: unknown column 'scopes'" "a column that is no export column is still refused"


# ---- Limits: 64 MB per file, 64 KB per note (man page, LIMITS) ------------------------
run import rt-dst /dev/zero
expect_rc 1 "import of /dev/zero stops"
expect_err_has "/dev/zero: larger than the 64 MB limit" "and says the limit"
run model load /dev/zero
expect_rc 1 "model load of /dev/zero stops"
expect_err_has "/dev/zero: larger than the 64 MB limit" "and says the limit"
run_in /dev/zero note rt-dst G-SM-1-A.1 -
expect_rc 1 "a note from /dev/zero on standard input stops"
expect_err_has "the note is larger than the 64 KB limit" "and says the limit"
head -c 65536 /dev/zero | tr '\0' x > "$T/note64k"
run_in "$T/note64k" note rt-dst G-SM-1-A.1 -
expect_rc 0 "a note of exactly 64 KB is taken"
printf 'y' >> "$T/note64k"
run_in "$T/note64k" note rt-dst G-SM-1-A.1 -
expect_rc 1 "a note one byte longer is refused"
{ printf 'id,score,note\nG-SM-1-A.1,,'; cat "$T/note64k"; printf '\n'; } > "$T/bignote.csv"
run import rt-dst "$T/bignote.csv"
expect_rc 1 "an import with a note over 64 KB is refused"
expect_err_has "bignote.csv:2: the note of G-SM-1-A.1 is larger than the 64 KB limit" "naming the line"

done_testing
