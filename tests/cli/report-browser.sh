#!/bin/sh
# report-browser.sh - the report as a reader gets it, in a real browser
# (Debian's chromium, headless) and through an HTML checker (tidy):
#   - the HTML validates with no error;
#   - --dump-dom: the figures on the page equal `sammtui show` for the period;
#   - --screenshot: the page is not blank and the radar draws its three
#     outlines (pixels of the three outline colours);
#   - --print-to-pdf: on Letter and on A4, one page for the header and one
#     for each section that starts a printed page.
# Without chromium, tidy or python3 this test FAILS: `make check` installs
# them (mk/deps.sh test).  REPORT_KEEP=DIR keeps what it made.
. tests/lib/cli.sh
W=$T/w
mkdir -p "$W"

for tool in chromium tidy python3; do
	if command -v "$tool" > /dev/null 2>&1; then ok "$tool is installed"; else
		not_ok "$tool is installed (run 'make deps-test')"; fi
done
if [ "$fail" -ne 0 ]; then done_testing; exit 1; fi

# browser FLAGS... URL: headless chromium with a fresh profile, no network.
browser() {
	prof=$(mktemp -d "$T/prof.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" "$@" 2> "$T/browser.err"
}

# ---- Data: three periods of the bundled SAMM model, with targets --------------------------
run init; expect_rc 0 "init with the bundled model"
i=0
for d in 2026-01-15 2026-04-15 2026-07-15; do
	i=$((i + 1))
	run period new "Q$i" --date "$d"
	# every criterion moves one step each period (no some half most na)
	awk -F, -v p="$i" 'NR == 1 { print "id,score"; next }
		{ split("no some half most na", v, " "); print $1 "," v[(NR + p) % 5 + 1] }' \
		"$SAMM_MODEL" > "$W/q$i.csv"
	run import "Q$i" "$W/q$i.csv"; expect_rc 0 "import Q$i"
done
# and a few stand still or fall: something stuck, something that fell
for q in Q1 Q2 Q3; do run score "$q" G-SM-1-A.1 some; run score "$q" D-TA-2-B.3 half; done
run score Q2 I-SB-1-A most; run score Q3 I-SB-1-A no
run target set Q3 overall most; expect_rc 0 "targets for Q3"
run project new Metrics --owner Ann --status active --start Q1; run project link Metrics G-SM-1-A
run report Q3 -o "$W/page.html"; expect_rc 0 "report Q3"
P=$W/page.html

# ---- tidy ------------------------------------------------------------------------------------------
tidy -errors -q "$P" > "$T/tidy.out" 2>&1; trc=$?
if [ "$trc" -lt 2 ] && [ ! -s "$T/tidy.out" ]; then ok "tidy: the HTML has no error"; else
	not_ok "tidy: the HTML has errors (rc $trc)"; sed 's/^/#   /' "$T/tidy.out" | head -20; fi
run report --all-scopes -o "$W/org.html"
tidy -errors -q "$W/org.html" > "$T/tidy.out" 2>&1; trc=$?
check '[ "$trc" -lt 2 ] && [ ! -s "$T/tidy.out" ]' "tidy: the organisation's page has no error"

# ---- --dump-dom: the figures are those of `sammtui show` ------------------------------------------
run show Q3 --csv --by practice; cp "$T/out" "$W/show.csv"
browser --dump-dom "file://$P" > "$W/dom.html"
check '[ -s "$W/dom.html" ] && grep -q "</html>" "$W/dom.html"' "chromium renders the page (dump-dom)"
python3 - "$W/dom.html" "$W/show.csv" > "$T/dom.out" 2>&1 <<'EOF'
import csv, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
bad, n = [], 0
for r in rows:
    want = r["score"]
    if r["level"] == "practice":
        m = re.search(r'<tr data-id="%s" data-score="([^"]*)">(.*?)</tr>' % re.escape(r["id"]), dom, re.S)
        shown = re.search(r'<text x="125" y="11" font-size="11">([^<]*)</text>', m.group(2)) if m else None
    else:
        m = re.search(r'<div class="card" data-id="%s" data-score="([^"]*)">(.*?)</div></div>' % re.escape(r["id"]), dom, re.S)
        shown = re.search(r'<div class="v">([^<]*)</div>', m.group(2)) if m else None
    if not m or not shown:
        bad.append("%s %s: not on the page" % (r["level"], r["id"])); continue
    n += 1
    if m.group(1) != want:
        bad.append("%s: page %s, show %s" % (r["id"], m.group(1), want))
    if shown.group(1) != "%.2f" % float(want):
        bad.append("%s: shown %s, show %s" % (r["id"], shown.group(1), want))
print("%d figures compared" % n)
for b in bad: print(b)
sys.exit(1 if bad or n < 21 else 0)
EOF
if [ $? -eq 0 ]; then ok "dump-dom: overall, functions and practices equal 'show' ($(head -n 1 "$T/dom.out"))"
else not_ok "dump-dom: figures differ from 'show'"; sed 's/^/#   /' "$T/dom.out" | head -20; fi

# ---- --screenshot: not blank, the three outlines drawn ----------------------------------------------
browser --window-size=1000,1200 --hide-scrollbars --screenshot="$W/shot.png" "file://$P" > /dev/null
check '[ -s "$W/shot.png" ]' "chromium takes a screenshot"
python3 - "$W/shot.png" > "$T/png.out" 2>&1 <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "unexpected PNG format"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours = {"blue #0072B2": (0, 114, 178), "orange #E69F00": (230, 159, 0), "green #009E73": (0, 158, 115)}
count = dict.fromkeys(colours, 0)
ink = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = line[x:x + 3]
        if px[0] < 235 or px[1] < 235 or px[2] < 235:
            ink += 1
        for k, (r, g, bl) in colours.items():
            if abs(px[0] - r) <= 12 and abs(px[1] - g) <= 12 and abs(px[2] - bl) <= 12:
                count[k] += 1
    prev = line
share = ink / float(w * h)
print("%dx%d, %.1f%% ink, %s" % (w, h, 100 * share, ", ".join("%s: %d px" % kv for kv in count.items())))
sys.exit(0 if share > 0.02 and min(count.values()) >= 40 else 1)
EOF
if [ $? -eq 0 ]; then ok "screenshot: not blank, the three outline colours drawn ($(cat "$T/png.out"))"
else not_ok "screenshot: blank or an outline missing"; sed 's/^/#   /' "$T/png.out" | head; fi

# ---- --print-to-pdf: Letter and A4 ---------------------------------------------------------------------
# one page for the header and headline figures, one for each section
# that starts a printed page (each fits on one with this data)
want=$(( $(grep -o 'class="page"' "$P" | wc -l) + 1 ))
sed 's/<\/style>/@page{size:A4}<\/style>/' "$P" > "$W/a4.html"
for paper in letter a4; do
	src=$P; [ "$paper" = a4 ] && src=$W/a4.html
	browser --no-pdf-header-footer --print-to-pdf="$W/$paper.pdf" "file://$src" > /dev/null
	pages=$(grep -ac '/Type /Page\b' "$W/$paper.pdf" 2>/dev/null || echo 0)
	box=$(grep -ao '/MediaBox \[[^]]*\]' "$W/$paper.pdf" 2>/dev/null | head -n 1)
	check '[ "$pages" -eq "$want" ]' "print-to-pdf on $paper: $pages pages, $want expected"
	case $paper in
	letter) check 'echo "$box" | grep -q "612 792"' "the Letter PDF is Letter ($box)" ;;
	a4) check 'echo "$box" | grep -qE "59[45](\.[0-9]+)? 84[12]"' "the A4 PDF is A4 ($box)" ;;
	esac
done

# REPORT_KEEP=DIR keeps the pages, the screenshot and the PDFs to look at.
[ -n "${REPORT_KEEP:-}" ] && mkdir -p "$REPORT_KEEP" && cp "$W"/*.html "$W"/*.png "$W"/*.pdf "$REPORT_KEEP"/
done_testing
