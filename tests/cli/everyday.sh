#!/bin/sh
# everyday.sh - issue 15, "Input that should simply work" and "Output that
# agrees with itself": ids in any case, answers as values, misspellings
# answered with the nearest names, other locales' CSV, one rounding rule
# for shares and gaps, CSV outputs that carry their context.
. tests/lib/cli.sh
export SAMMTUI_DB="$T/tiny.db"
run init --model "$FIXTURES/model/tiny.csv"
run period new 2026-Q4 --date 2026-12-31
run period new 2027-Q1 --date 2027-03-31
run period new 2027-Q2 --date 2027-06-30
expect_rc 0 "setup: three periods of the tiny model"

# ---- ids in lower case ----------------------------------------------------------------
run score 2027-Q2 g-sm-1-a.1 most
expect_rc 0 "score takes an item id in lower case"
expect_out "and prints it as the model spells it" <<'X'
G-SM-1-A.1: most (was unset)
X
run score 2027-Q2 g-sm-2-b half
expect_out "an activity in lower case" <<'X'
G-SM-2-B: 2 criteria set to half
X
run note 2027-Q2 g-sm-1-a.1 'from the lower case'
expect_out "note takes it too" <<'X'
G-SM-1-A.1: note set
X
run log g-sm-1-a.1
check '[ $rc -eq 0 ] && [ "$(grep -c "G-SM-1-A.1" "$T/out")" -eq 2 ]' \
	"log filters by an id in lower case (the value and the note)"
run target set 2027-Q2 g-sm-1-a most
expect_out "target set in lower case names the activity as the model does" <<'X'
2027-Q2: set the target of G-SM-1-A to most
X
run log target:g-sm-1-a
check '[ $rc -eq 0 ] && grep -q "target:G-SM-1-A" "$T/out"' "log target:ACTIVITY in lower case"
run project new Metrics --start 2027-Q2
run project link Metrics g-sm-1-b g-sm-2-a.1
expect_out "project link in lower case" <<'X'
linked 2 to project Metrics
X
run project show Metrics --csv
check 'grep -q ",G-SM-1-B," "$T/out" && grep -q ",G-SM-2-A.1," "$T/out"' \
	"the links hold the model's ids"
run project unlink Metrics G-sm-2-A.1
expect_out "project unlink in mixed case" <<'X'
unlinked 1 from project Metrics
X
printf 'id,score\ng-sm-1-b.1,some\n' > "$T/lower.csv"
run import 2027-Q1 "$T/lower.csv"
expect_rc 0 "import takes ids in lower case"
run show 2027-Q1 --by item --csv
check 'grep -q ",item,G-SM-1-B.1,You record security metrics,0.25$" "$T/out"' \
	"and stores them under the model's id"

# ---- notes that start with a dash --------------------------------------------------------
run note 2027-Q2 G-SM-1-A.2 "-2+3"
expect_out "a note '-2+3' is text" <<'X'
G-SM-1-A.2: note set
X
run score 2027-Q2 G-SM-1-A.2 clear --note "-1"
expect_rc 0 "score --note with a text that starts with a dash"
run note 2027-Q2 G-SM-1-A.2 -- -x
expect_out "'--' before the text still ends the options" <<'X'
G-SM-1-A.2: note set
X
run log --csv G-SM-1-A.2
check 'grep -q ",.-2+3$" "$T/out" && grep -q ",.-2+3,.-1$" "$T/out" && grep -q ",.-1,.-x$" "$T/out"' \
	"the notes are the texts given"
run note 2027-Q2 G-SM-1-A.2 -x
expect_out "a text '-x' after the id (the same again)" <<'X'
G-SM-1-A.2: note unchanged
X
run note 2027-Q2 -x G-SM-1-A.2
expect_rc 2 "an unknown option before the id"
expect_err_has "unknown option '-x'" "is named"

# ---- answers as values ----------------------------------------------------------------
run score 2027-Q2 G-SM-1-A.2 'Yes, at least half'
expect_out "score takes an answer label in full" <<'X'
G-SM-1-A.2: half (was unset)
X
run score 2027-Q2 G-SM-1-B 'YES, MOST OR ALL'
expect_out "in any case, for an activity too" <<'X'
G-SM-1-B: 1 criterion set to most
X
run score 2027-Q2 G-SM-1-A.2 3
expect_rc 2 "a key of the screens is no value"
expect_err_has "invalid value '3' (expected one of: no, some, half, most, 0, 0.25, 0.5, 1, na, clear;" \
	"the error lists the words"
expect_err_has '"No", "Yes, some", "Yes, at least half", "Yes, most or all"' \
	"and the item's answers"
expect_err_has "the screens' keys 0-3 pick an answer, the command line and CSV take values" \
	"and says how the screens' keys differ"
run score 2027-Q2 G-SM-1-A.2 'Yes, at least'
expect_rc 2 "a label cut short is refused"

# an export with an edited answer column
run export 2027-Q2 -o "$T/e.csv"
expect_rc 0 "export"
run period new 2027-Q3 --empty --date 2027-09-30
run import 2027-Q3 "$T/e.csv"
expect_rc 0 "the export imports as it is, with its new columns"
run show 2027-Q3 --by item --csv
check 'grep -q ",item,G-SM-1-A.2,Leadership approves the risks,0.5$" "$T/out"' "with its values"
# the answer of G-SM-1-A.2 edited, its score left: they disagree
sed 's/^\(.*,G-SM-1-A\.2,.*,0\.5,\)"Yes, at least half"/\1No/' "$T/e.csv" > "$T/e2.csv"
check '! cmp -s "$T/e.csv" "$T/e2.csv"' "setup: the answer is edited"
line=$(grep -n ',G-SM-1-A\.2,' "$T/e2.csv" | cut -d: -f1)
run import 2027-Q3 "$T/e2.csv"
expect_rc 1 "an answer that disagrees with the score is refused"
expect_err_has "e2.csv:$line: score '0.5' and answer 'No' disagree" "naming the line"
# the score emptied: the answer sets the value
sed 's/^\(.*,G-SM-1-A\.2,.*,\)0\.5,"Yes, at least half"/\1,"Yes, most or all"/' "$T/e.csv" > "$T/e3.csv"
run import 2027-Q3 "$T/e3.csv"
expect_rc 0 "an answer with an empty score imports"
run show 2027-Q3 --by item --csv
check 'grep -q ",item,G-SM-1-A.2,Leadership approves the risks,1$" "$T/out"' \
	"and sets the value from the answer"
printf 'id,answer\nG-SM-2-A.1,yes, some\n' > "$T/bad-answer.csv"
run import 2027-Q3 "$T/bad-answer.csv"
expect_rc 1 "an unquoted answer with a comma gives a short row"
printf 'id,answer\nG-SM-2-A.1,Maybe\n' > "$T/bad-answer.csv"
run import 2027-Q3 "$T/bad-answer.csv"
expect_err_has "bad-answer.csv:2: invalid answer 'Maybe' (expected one of:" "a bad answer lists the words"

# ---- misspellings ---------------------------------------------------------------------
run show 2027Q2
expect_rc 1 "a misspelled period exits 1"
expect_err_has "no period '2027Q2' in this scope; its periods, nearest first: 2027-Q2, 2027-Q1, 2027-Q3, 2026-Q4" \
	"and lists the scope's periods, nearest first"
run score 2027-Q2 G-SM-1-A.9 most
expect_rc 1 "a misspelled item exits 1"
expect_err_has "; did you mean G-SM-1-A.1, G-SM-1-A.2 or G-SM-1-A?" "and suggests the nearest ids"
run score 2027-Q2 SN most
expect_err_has "unknown id 'SN'" "a misspelled practice is unknown"
check '! grep -q "did you mean" "$T/err"' "and score suggests no practice, which it would refuse"
run note 2027-Q2 G-SM-1-Bx text
expect_err_has "did you mean G-SM-1-B.1, " "note suggests items"
check '! grep -q "G-SM-1-B[,?]" "$T/err"' "and no activity, which it refuses"
run score 2027-Q2 G-SM-1-Bx most
expect_err_has "did you mean G-SM-1-B, " "score suggests the activity"
run target set 2027-Q2 G-SM-1-A.1x most
expect_err_has "did you mean" "target suggests ids"
check '! grep -q "did you mean.*G-SM-1-A\.[12]" "$T/err"' "but no item, which it refuses"
printf 'id,score\nG-SM-2-B.3,no\n' > "$T/typo.csv"
run import 2027-Q2 "$T/typo.csv"
expect_err_has "typo.csv:2: unknown id 'G-SM-2-B.3'; did you mean G-SM-2-B.1, G-SM-2-B.2 or G-SM-2-B?" \
	"import suggests the nearest ids"

# ---- other locales' CSV ---------------------------------------------------------------
run period new L --empty --date 2027-12-31
printf 'id;score;note\r\nG-SM-1-A.1;0,5;one, two\r\nG-SM-1-A.2;"Yes, some";\r\n' > "$T/semi.csv"
run import L "$T/semi.csv"
expect_rc 0 "a ';'-separated file imports"
run export L
check 'grep -q "^Organization,L,2027-12-31,tiny 1,G-SM-1-A.1,.*,0.5,\"Yes, at least half\",\"one, two\"," "$T/out" &&
	grep -q ",G-SM-1-A.2,.*,0.25,\"Yes, some\",," "$T/out"' \
	"with its decimal comma, answers and a note holding a comma"
# Excel's "Unicode text": UTF-16LE with a BOM, tab-separated
printf 'id\tscore\tnote\r\nG-SM-2-A.1\tna\tcafé ✓\r\n' | iconv -f UTF-8 -t UTF-16LE > "$T/body"
{ printf '\377\376'; cat "$T/body"; } > "$T/unicode.txt"
check '[ "$(head -c 2 "$T/unicode.txt" | od -An -tx1 | tr -d " ")" = fffe ]' "setup: a UTF-16LE file"
run import L "$T/unicode.txt"
expect_rc 0 "a UTF-16 file imports"
run export L
check 'grep -q ",G-SM-2-A.1,.*,na,N/A,café ✓," "$T/out"' "decoded to UTF-8"
printf 'id,score\nG-SM-2-B,some\n' | iconv -f UTF-8 -t UTF-16BE > "$T/body"
{ printf '\376\377'; cat "$T/body"; } > "$T/be.csv"
run import L "$T/be.csv"
expect_rc 0 "UTF-16BE too"
{ printf '\377\376i\000d\000\n\000'; printf '\000\330'; } > "$T/broken16.csv"
run import L "$T/broken16.csv"
expect_rc 1 "broken UTF-16 is refused"
expect_err_has "broken16.csv:2: broken UTF-16" "naming the line"
expect_err_has 'save the file as "CSV UTF-8"' "and says how to save the file"

# a model saved with ';' loads as well
printf '%s\n' 'id;function;practice_code;practice;stream;stream_name;level;activity;question;criterion' \
	'X-AB-1-A.1;Xfun;AB;Alpha, Beta;A;Stream A;1;Act one;Is it done?;It is done, mostly' > "$T/semi-model.csv"
run --db "$T/semi.db" init --model "$T/semi-model.csv"
expect_rc 0 "a ';'-separated model loads"
run --db "$T/semi.db" model list
check 'grep -q "semi-model" "$T/out"' "and is listed"

# ---- one rounding rule for shares -----------------------------------------------------
# 29 of the 294 SAMM 2.0 criteria answered: 9.86%, which every table shows as 10%
export SAMMTUI_DB="$T/samm.db"
run init
run period new Q --date 2027-03-31
{
	echo "id,score"
	"$BIN" export Q | cut -d, -f5 | grep '^[A-Z]-[A-Z]*-[0-9]-[A-Z]\.[0-9]*$' | head -n 29 |
		sed 's/$/,half/'
} > "$T/29.csv"
run import Q "$T/29.csv"
expect_out "setup: 29 criteria answered" <<'X'
imported 29 rows: 29 items changed
X
run period list
check 'grep -q "^Q .*  10% (29/294)$" "$T/out"' "period list says 10% for 29/294"
run show Q --by function
check 'grep -q "^Overall .*  10%    0%$" "$T/out"' "as show does"

# ---- gaps from the figures as shown ---------------------------------------------------
# SM: score 0.125 (0.12 with two decimals), target 0.25: the gap shown is 0.13
export SAMMTUI_DB="$T/tiny.db"
run period new G --empty --date 2028-03-31
run score G G-SM-1-A some
run target set G G-SM-1-A half
run target show G
check 'grep -q "^    SM  *0.12    0.25   0.13     50.0%  Strategy & Metrics$" "$T/out"' \
	"target show: score, target and gap agree (0.25 - 0.12 = 0.13)"
run report G -o "$T/g.html"
check 'grep -q "<div class=\"v\">0.12</div>.*target 0.25, gap 0.13</div>" "$T/g.html"' \
	"the report's cards agree too"
run target show G --csv
check 'grep -qx "practice,SM,Strategy & Metrics,0.125,0.25,0.125,50" "$T/out"' "CSV keeps six decimals"

# ---- CSV outputs with their context ---------------------------------------------------
run show 2027-Q1 --csv
expect_out "show --csv names scope, period, date and model on every row" <<'X'
scope,period,date,model,level,id,name,score
Organization,2027-Q1,2027-03-31,tiny 1,overall,overall,Overall,0.125
Organization,2027-Q1,2027-03-31,tiny 1,function,Governance,Governance,0.125
Organization,2027-Q1,2027-03-31,tiny 1,practice,SM,Strategy & Metrics,0.125
X
run diff 2027-Q1 2027-Q3 --by item --csv
expect_out "diff --csv: numbers in old and new, words in the labels" <<'X'
kind,id,name,old,new,delta,direction,old_label,new_label
item,G-SM-1-A.1,You capture the budget limits,,1,1,up,unset,most
item,G-SM-1-A.2,Leadership approves the risks,,1,1,up,unset,most
item,G-SM-1-B.1,You record security metrics,0.25,1,0.75,up,some,most
item,G-SM-2-B.1,Targets are set per quarter,,0.5,0.5,up,unset,half
item,G-SM-2-B.2,Targets are reviewed,,0.5,0.5,up,unset,half
X
run score 2027-Q3 G-SM-2-A.1 na
run diff 2027-Q1 2027-Q3 --by activity --csv
check 'grep -qx "item,G-SM-2-A.1,The strategy is written down,,,0,changed,unset,na" "$T/out" &&
	grep -qx "activity,G-SM-2-A,Define a security strategy,0,,0,changed,,na" "$T/out"' \
	"an N/A item or figure: no number, na in the label"
run export 2027-Q2
check 'head -n 1 "$T/out" | grep -q ",updated_at,question,stream_name,practice_score$"' \
	"export ends with the question, the stream's name and the practice's score"
# 2027-Q2: stream A 0.5 (G-SM-1-A at half), stream B 1.5 (G-SM-1-B 1, G-SM-2-B 0.5): SM 1
check 'grep -q "^Organization,2027-Q2,2027-06-30,tiny 1,G-SM-1-A.1,.*,Do you understand the budget limits?,Create and Promote,1$" "$T/out" &&
	grep -q "^Organization,2027-Q2,2027-06-30,tiny 1,G-SM-2-B.2,.*,Do you set targets?,Measure and Improve,1$" "$T/out"' \
	"on every row"

done_testing
