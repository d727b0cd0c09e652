#!/usr/bin/env python3
"""toolbox_scorecard.py RECALCULATED.xlsx SHOW.csv - compare the Toolbox's own
Scorecard (practice C14:C28, function J14:J18, overall J19, as LibreOffice
recalculated them) with `sammtui show --csv` of the same period.

Practices are multiples of 1/8, which show --csv prints exactly: they must
agree within 1e-9.  Functions and the overall score must agree within 1e-9
with the means of sammtui's practices, and within 5e-7 (show --csv prints
six decimals) with sammtui's own printed figures.  Prints one line per
mismatch and exits 1 if there is any."""
import csv, re, sys, zipfile
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
RID = "{%s}id" % NS["r"]


def sheet_cells(z, name):
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = None
    for s in wb.iter("{%s}sheet" % NS["m"]):
        if s.get("name") == name:
            rid = s.get(RID)
            for r in rels:
                if r.get("Id") == rid:
                    target = r.get("Target")
    part = target.lstrip("/") if target.startswith("/") else "xl/" + target
    sst = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            sst.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    cells = {}
    for c in ET.fromstring(z.read(part)).iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        if v is None:
            continue
        cells[c.get("r")] = sst[int(v.text)] if c.get("t") == "s" else v.text
    return cells


def main():
    z = zipfile.ZipFile(sys.argv[1])
    sc = sheet_cells(z, "Scorecard")
    show = {"practice": [], "function": [], "overall": []}
    with open(sys.argv[2], newline="") as f:
        for row in csv.DictReader(f):
            show[row["level"]].append(row)
    # The Scorecard lists practices and functions in the model's order (its
    # practice names differ from the model's in places, e.g. "Secure
    # Architecture"); the functions' names are checked.
    bad = []
    prac = []
    for i, r in enumerate(range(14, 29)):
        got = float(sc["C%d" % r])
        want = float(show["practice"][i]["score"])
        prac.append(want)
        if abs(got - want) > 1e-9:
            bad.append("practice %s (%s): Toolbox %r, sammtui %r"
                       % (show["practice"][i]["id"], sc["B%d" % r], got, want))
    funcs = []
    for i, r in enumerate(range(14, 19)):
        name = sc["I%d" % r]
        got = float(sc["J%d" % r])
        exact = sum(prac[3 * i:3 * i + 3]) / 3
        printed = float(show["function"][i]["score"])
        funcs.append(exact)
        if name != show["function"][i]["name"] or abs(got - exact) > 1e-9 \
                or abs(got - printed) > 5e-7:
            bad.append("function %s: Toolbox %r, sammtui %r (printed %r)"
                       % (name, got, exact, printed))
    got = float(sc["J19"])
    exact = sum(funcs) / len(funcs)
    printed = float(show["overall"][0]["score"])
    if abs(got - exact) > 1e-9 or abs(got - printed) > 5e-7:
        bad.append("overall: Toolbox %r, sammtui %r (printed %r)" % (got, exact, printed))
    for b in bad:
        print(b)
    print("compared 15 practices, 5 functions, overall: %d mismatches" % len(bad))
    return 1 if bad else 0


sys.exit(main())
