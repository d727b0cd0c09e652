#!/bin/sh
# toolbox-lo: the proof is the Toolbox itself.  Scripted periods are
# exported with --toolbox, LibreOffice (headless, a private profile that
# always recalculates on load) recalculates all of them in one run and
# saves them again, and the spreadsheet's own practice, function and
# overall scores must equal `sammtui show --csv` (tests/lib/toolbox_scorecard.py).
. tests/lib/cli.sh
LIB=$(pwd)/tests/lib
if ! command -v soffice > /dev/null 2>&1; then
	not_ok "soffice is installed (Debian libreoffice-calc-nogui; make check installs it)"
	done_testing
	exit 1
fi
run init
expect_rc 0 "init"
run period new ids --empty --date 2026-01-01
run show ids --by activity --csv
# show --csv: scope,period,date,model,level,id,name,score
awk -F, '$5 == "activity" { print $6 }' "$T/out" > "$T/acts"
check '[ "$(wc -l < "$T/acts")" -eq 90 ]' "90 activities"

# period NAME AWK-PROGRAM: a period whose activity rows come from awk
# (NR = the activity's number, $0 its id; print "id,score" or nothing).
period() {
	run period new "$1" --empty --date 2026-03-31
	{ echo id,score; awk "$2" "$T/acts"; } > "$T/$1.csv"
	run import "$1" "$T/$1.csv"
	expect_rc 0 "period $1 scripted"
}
period zero '{ print $0 ",no" }'
period most '{ print $0 ",most" }'
period mixed '{ split("no some half most", v, " "); print $0 "," v[(NR * 7) % 4 + 1] }'
period gaps '{ split("no some half most na", v, " "); if (NR % 6) print $0 "," v[(NR * 3) % 5 + 1] }'
# criteria that disagree inside an activity: the lowest non-N/A one counts
run score mixed G-SM-1-A.2 some
run score mixed D-SA-1-A.1 na
run score gaps I-SB-1-A.1 na
run score gaps V-ST-2-B.3 half
mkdir -p "$T/x" "$T/lo" "$T/prof/user"
for p in zero most mixed gaps; do
	run export "$p" --toolbox -o "$T/x/$p.xlsx"
	expect_rc 0 "export $p --toolbox"
	run show "$p" --csv
	cp "$T/out" "$T/$p.show"
done
cat > "$T/prof/user/registrymodifications.xcu" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
X
soffice -env:UserInstallation="file://$T/prof" --headless --norestore --convert-to xlsx \
	--outdir "$T/lo" "$T/x/zero.xlsx" "$T/x/most.xlsx" "$T/x/mixed.xlsx" "$T/x/gaps.xlsx" \
	> "$T/lo.log" 2>&1
for p in zero most mixed gaps; do
	if python3 "$LIB/toolbox_scorecard.py" "$T/lo/$p.xlsx" "$T/$p.show" > "$T/cmp" 2>&1; then
		ok "$p: the Toolbox's scores equal sammtui's ($(tail -n 1 "$T/cmp"))"
	else
		not_ok "$p: the Toolbox's scores differ from sammtui's"
		sed 's/^/#   /' "$T/cmp" "$T/lo.log" | head -30
	fi
done
# the figures are not trivially equal: the periods really differ
check '! cmp -s "$T/mixed.show" "$T/gaps.show" && grep -q ",overall,overall,Overall,3$" "$T/most.show"' \
	"the scripted periods differ (all most scores 3)"
done_testing
