#!/bin/sh
# fixtures.sh - the committed test files hold no text of the SAMM model:
# no line of tests/fixtures/ or tests/fuzz/corpus/ contains an activity
# title, a question or a criterion of $SAMM_MODEL (the model comes from the
# data folder, under its own licence, and is never copied into the tree).
. tests/lib/cli.sh

check '[ -r "$SAMM_MODEL" ]' "the model of the data folder can be read ($SAMM_MODEL)"

# The activity, question and criterion of each row, one a line (RFC 4180
# fields, quotes doubled; the model has no newline inside a field).
tr -d '\r' < "$SAMM_MODEL" | awk '
function field(    f) {
	if (substr(rest, 1, 1) == "\"") {
		f = ""; rest = substr(rest, 2)
		while (1) {
			i = index(rest, "\"")
			if (i == 0) { f = f rest; rest = ""; return f }
			f = f substr(rest, 1, i - 1); rest = substr(rest, i + 1)
			if (substr(rest, 1, 1) == "\"") { f = f "\""; rest = substr(rest, 2) }
			else { rest = substr(rest, 2); return f }
		}
	}
	i = index(rest, ",")
	if (i == 0) { f = rest; rest = ""; return f }
	f = substr(rest, 1, i - 1); rest = substr(rest, i + 1)
	return f
}
{
	rest = $0; n = 0
	while (rest != "" || n == 0) { n++; v[n] = field(); if (rest == "" ) break }
	if (NR == 1) { for (j = 1; j <= n; j++) col[v[j]] = j; next }
	print v[col["activity"]]; print v[col["question"]]; print v[col["criterion"]]
}' | awk 'length >= 8' | sort -u > "$T/texts"
n=$(wc -l < "$T/texts")
check '[ "$n" -ge 200 ]' "the model gives its texts ($n activity titles, questions and criteria)"

files=$(find tests/fixtures tests/fuzz/corpus -type f | sort)
check '[ -n "$files" ]' "there are fixtures to look at"
# shellcheck disable=SC2086
LC_ALL=C grep -a -l -F -f "$T/texts" $files > "$T/hits"
check '[ ! -s "$T/hits" ]' "no fixture holds a text of the model"
sed 's/^/#   holds model text: /' "$T/hits"

done_testing
