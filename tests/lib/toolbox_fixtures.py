#!/usr/bin/env python3
"""toolbox_fixtures.py - Toolbox workbooks made at test time from a template
(never committed: the template is CC BY-SA and not ours to copy into the tree).

  bad BASE.xlsx OUTDIR        write OUTDIR/toolbox-*.xlsx, one per refusal
  fill TEMPLATE OUT QID=N...  OUT is TEMPLATE with question QID answered with
                              the N-th text (0..3) of its answer set, as an
                              inline string; QID=N:shared uses a shared string
"""
import re, sys, zipfile

def parts(path):
    z = zipfile.ZipFile(path)
    return [(i, z.read(i.filename)) for i in z.infolist()]

def sheet_part(p, name):
    d = {i.filename: b for i, b in p}
    wb = d["xl/workbook.xml"].decode()
    rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), wb).group(1)
    rels = d["xl/_rels/workbook.xml.rels"].decode()
    for m in re.finditer(r'<Relationship [^>]*>', rels):
        if 'Id="%s"' % rid in m.group(0):
            return "xl/" + re.search(r'Target="([^"]+)"', m.group(0)).group(1)

def write(out, p, changes, extra=()):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, b in p:
            z.writestr(i.filename, changes.get(i.filename, b))
        for name, b in extra:
            z.writestr(name, b)

def set_cell(xml, ref, inner, t="inlineStr"):
    pat = re.compile(r'<c r="%s"( s="\d+")?(?: t="\w+")?(?:/>|>.*?</c>)' % ref)
    m = pat.search(xml)
    assert m, ref
    cell = '<c r="%s"%s t="%s">%s</c>' % (ref, m.group(1) or "", t, inner)
    return xml[:m.start()] + cell + xml[m.end():]

def inline(text):
    return "<is><t>%s</t></is>" % text

def cells(p, part):
    """Shared-string texts of column A: id -> row."""
    d = {i.filename: b for i, b in p}
    sst = [re.sub(r"<[^>]+>", "", s) for s in
           re.findall(r"<si>(.*?)</si>", d["xl/sharedStrings.xml"].decode(), re.S)]
    rows = {}
    for m in re.finditer(r'<c r="A(\d+)"[^>]*t="s"[^>]*><v>(\d+)</v>', d[part].decode()):
        rows[sst[int(m.group(2))]] = int(m.group(1))
    return rows, sst

def answer_texts(p):
    """question id -> its four answer texts, from imp-questions/imp-answers."""
    d = {i.filename: b for i, b in p}
    _, sst = cells(p, sheet_part(p, "Interview"))
    def table(name):
        rows = {}
        for m in re.finditer(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', d[sheet_part(p, name)].decode()):
            v = re.search(r"<v>(.*?)</v>", m.group(4) or "")
            if v:
                val = sst[int(v.group(1))] if 't="s"' in m.group(3) else v.group(1)
                rows.setdefault(int(m.group(2)), {})[m.group(1)] = val
        return rows
    sets = {r["A"]: [r["B"], r["C"], r["D"], r["E"]] for n, r in table("imp-answers").items() if n > 1}
    return {r["A"]: sets[r["H"]] for n, r in table("imp-questions").items() if n > 1}

def bad(base, outdir):
    p = parts(base)
    d = {i.filename: b for i, b in p}
    iv = sheet_part(p, "Interview")
    xml = d[iv].decode()
    rows, _ = cells(p, iv)
    r1, r2 = rows["G-SM-A-1-1"], rows["G-SM-A-2-1"]
    o = outdir + "/toolbox-"
    write(o + "no-interview.xlsx", p,
          {"xl/workbook.xml": d["xl/workbook.xml"].replace(b'name="Interview"', b'name="Questions"')})
    write(o + "bad-answer.xlsx", p, {iv: set_cell(xml, "F%d" % r2, inline("Perhaps, on Tuesdays")).encode()})
    write(o + "duplicate-id.xlsx", p, {iv: set_cell(xml, "A%d" % r2, inline("G-SM-A-1-1")).encode()})
    write(o + "not-well-formed.xlsx", p, {iv: xml.replace('<row r="%d"' % r1, '<row r="%d" <<' % r1, 1).encode()})
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
            + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9))
            + ']>\n<worksheet><sheetData><row r="18"><c r="A18" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>')
    write(o + "entity-bomb.xlsx", p, {iv: bomb.encode()})
    big = xml.replace("</worksheet>", " " * (65 << 20) + "</worksheet>")
    write(o + "inflates-65mb.xlsx", p, {iv: big.encode()})
    lie = o + "inflates-lying.xlsx"
    write(lie, p, {iv: big.encode()})
    patch_size(lie, iv)
    rows_xml = "".join('<row r="%d"><c r="B%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1000001))
    write(o + "million-rows.xlsx", p, {iv: ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                                             + rows_xml + "</sheetData></worksheet>").encode()})
    sst_bad = xml.replace("</worksheet>", "", 1)
    write(o + "truncated.xlsx", p, {iv: sst_bad[: len(sst_bad) // 2].encode()})

def patch_size(path, name):
    """Declare a small uncompressed size for part name (local and central headers)."""
    b = bytearray(open(path, "rb").read())
    n = name.encode()
    for sig, off_size, off_name in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        i = 0
        while True:
            i = b.find(sig, i)
            if i < 0:
                break
            if b[i + off_name:i + off_name + len(n)] == n:
                b[i + off_size:i + off_size + 4] = (100000).to_bytes(4, "little")
            i += 4
    open(path, "wb").write(bytes(b))

def fill(template, out, specs):
    p = parts(template)
    d = {i.filename: b for i, b in p}
    iv = sheet_part(p, "Interview")
    xml = d[iv].decode()
    rows, _ = cells(p, iv)
    texts = answer_texts(p)
    changes = {}
    sst = d["xl/sharedStrings.xml"].decode()
    for spec in specs:
        qid, n = spec.split("=")
        shared = n.endswith(":shared")
        text = texts[qid][int(n.split(":")[0])]
        if shared:
            count = len(re.findall(r"<si>", sst))
            sst = sst.replace("</sst>", "<si><t>%s</t></si></sst>" % text)
            xml = set_cell(xml, "F%d" % rows[qid], "<v>%d</v>" % count, "s")
        else:
            xml = set_cell(xml, "F%d" % rows[qid], inline(text))
    changes[iv] = xml.encode()
    changes["xl/sharedStrings.xml"] = sst.encode()
    write(out, p, changes)

if sys.argv[1] == "bad":
    bad(sys.argv[2], sys.argv[3])
else:
    fill(sys.argv[2], sys.argv[3], sys.argv[4:])
