#!/bin/sh
# report.sh - `sammtui report`: where the page goes (default name, -o,
# standard output, private, written whole, only over a regular file), what
# it holds, and that data never turns into markup: names, notes and owners
# such as <script>alert(1)</script> or "><img src=x onerror=alert(1)> show
# as text, and control characters come out escaped.
. tests/lib/cli.sh
DB=$SAMMTUI_DB
XSS1='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'
ESC=$(printf '\033')

# no_markup FILE DESC: the page holds none of the raw markup from the data.
no_markup() {
	bad=$(grep -oiE '<script[^>]*>|<img[^>]*>|<iframe|javascript:' "$1" | head -n 3)
	if [ -n "$bad" ]; then not_ok "$2 (raw: $bad)"; return; fi
	if LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]' "$1"; then
		not_ok "$2 (raw control)"; return; fi
	ok "$2"
}

history_db
mkdir -p "$T/w" && cd "$T/w" || exit 1

# ---- Where it goes ------------------------------------------------------------------------
run report
expect_rc 0 "report with no argument: the latest period"
check '[ -f report-Organization-P5.html ]' "default file report-SCOPE-PERIOD.html"
expect_out "says where it wrote" <<EOF
wrote report-Organization-P5.html
EOF
check '[ "$(stat -c %a report-Organization-P5.html)" = 600 ]' "the page is private (0600)"
check '[ -z "$(ls -A | grep -v "^report-Organization-P5.html$")" ]' "no temporary file is left"
check 'grep -q "<span id=\"period\">P5</span>" report-Organization-P5.html' "the page is of P5"
check 'tail -n 1 report-Organization-P5.html | grep -qx "</html>"' "the page is whole"

run report P3 -o - 
expect_rc 0 "report P3 -o - writes standard output"
check 'grep -q "<span id=\"period\">P3</span>" "$T/out"' "the page on standard output is of P3"
check '[ ! -e report-Organization-P3.html ]' "and no file is written"

run report P2 -o "$T/w/p2.html"
expect_rc 0 "report -o FILE"
check '[ -s p2.html ] && [ "$(stat -c %a p2.html)" = 600 ]' "FILE written, 0600"
chmod 644 p2.html
run report P2 -o p2.html
expect_rc 0 "an existing regular file is replaced"
check '[ "$(stat -c %a p2.html)" = 600 ]' "and private again"

mkdir adir
run report -o adir
expect_rc 1 "a folder as the target is refused"
expect_err_has "not a regular file" "and says why"
mkfifo afifo
run report -o afifo
expect_rc 1 "a FIFO as the target is refused"
ln -s afifo alink
run report -o alink
expect_rc 1 "a symbolic link to a FIFO as the target is refused"
check '[ -z "$(ls -A | grep tmp)" ]' "no temporary file after a refusal"

run report P9
expect_rc 1 "an unknown period"
expect_err_has "no period 'P9'" "names it"
check '[ ! -e report-Organization-P9.html ]' "and writes nothing"
run report P1 P2
expect_rc 2 "two periods are a usage error"
run report --periods 1
expect_rc 2 "a window below 2 is a usage error"
run report -o ''
expect_rc 2 "-o '' is a usage error"
run report --help
expect_rc 0 "report --help"
expect_out_has "report --all-scopes" "lists the organisation's page"

# ---- What it holds ------------------------------------------------------------------------
P=report-Organization-P5.html
for s in 'id="headline"' 'id="radar"' 'id="practices"' 'id="trends"' 'id="moved"' \
	 'id="stuck"' 'id="projects"' '<footer>' 'OWASP SAMM, CC BY-SA 4.0' \
	 'default-src' 'Assessed by</b> tester'; do
	check "grep -qF '$s' $P" "the page has $s"
done
csp="content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""
check 'grep -qF "$csp" '"$P" "the Content-Security-Policy forbids all but inline style"
check '! grep -qiE "<script|https?://|<link|<img|<iframe|@import|url\(" '"$P" \
	"no script, nothing loaded from anywhere"
check 'grep -q "fewer than three practices" '"$P" "a two-practice model: no radar, says so"
# the history's figures (tests/unit/test_analysis.c): P5 overall as show --csv
run show P5 --csv --by function
ov=$(grep '^overall,' "$T/out" | cut -d, -f4)
check "grep -q 'data-id=\"overall\" data-score=\"$ov\"' $P" "overall $ov as 'show' says"

# ---- One period: no trend, and it says so ----------------------------------------------------
run scope new Solo; run --scope Solo period new Only --date 2026-02-01
run --scope Solo report -o solo.html
expect_rc 0 "a scope with one period"
check 'grep -q "no trend yet" solo.html' "says there is no trend yet"
check 'grep -q "first period" solo.html' "and nothing to compare with"
run scope new Nothing
run --scope Nothing report -o none.html
expect_rc 1 "a scope without periods"
expect_err_has "has no period" "says so"

# ---- Data never becomes markup -----------------------------------------------------------------
run scope new "$XSS1"; expect_rc 0 "a scope named $XSS1"
run --scope "$XSS1" period new "$XSS2" --date 2026-03-01
expect_rc 0 "a period named $XSS2"
run --scope "$XSS1" score "$XSS2" G-SM-1-A.1 some --note "$XSS1 $XSS2 ${ESC}[31m"
expect_rc 0 "a note with markup and ESC"
run --scope "$XSS1" project new "$XSS2" --owner "$XSS2" --description "$XSS1" --status active
expect_rc 0 "a project named, owned and described with markup"
run --scope "$XSS1" project link "$XSS2" G-SM-1-A
run --scope "$XSS1" period new Q2 --date 2026-04-01
run --scope "$XSS1" period new Q3 --date 2026-05-01
run --scope "$XSS1" report -o xss.html
expect_rc 0 "the report of that scope"
no_markup xss.html "no raw markup nor control character from the data"
check 'grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" xss.html' "the scope name shows as text"
check 'grep -qF "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" xss.html' "the project name shows as text"
check 'grep -qF "\\x1b[31m" xss.html' "ESC shows as \\x1b"
run --scope "$XSS1" report "$XSS2" -o - 
expect_rc 0 "the period named with markup"
no_markup "$T/out" "its page has no raw markup"
run report --all-scopes -o org.html
expect_rc 0 "report --all-scopes"
no_markup org.html "the organisation's page has no raw markup"
check 'grep -q "id=\"heat\"" org.html && grep -q "id=\"ranked\"" org.html' "heat map and ranking"
check 'grep -qF "1 scope without a period left out" org.html' "the scope without periods is left out, said"
check '[ "$(stat -c %a org.html)" = 600 ]' "private too"
run report --all-scopes
expect_rc 0 "--all-scopes with the default name"
check '[ -f report-all-scopes.html ]' "report-all-scopes.html"

done_testing
