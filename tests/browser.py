#!/usr/bin/env python3
"""make check-browser: the csv and html formats in the programs people use.

(a) LibreOffice Calc converts the samples' CSV to ODS headless, and the
    cells read back from the ODS are in the right columns, numbers as
    numbers, non-ASCII intact.
(b) Python's csv module reads the same CSV: one header, 15 fields a row,
    one row per fact of the JSON.
(c) Chromium renders the evidence view headless: the DOM it builds has the
    highlighted, labelled sentences, every row's link lands on a sentence,
    ids are unique across inputs, there is no script; and it takes the
    screenshot of the seed sample (UPDATE=1 keeps it as
    samples/evidence-view.png, for the README).

Needs chromium and libreoffice-calc: sh .ci/install-deps browser.
"""
import csv, glob, html.parser, io, json, os, shutil, subprocess, sys
import tempfile, zipfile
import xml.etree.ElementTree as ET

BIN = os.environ.get("BIN", "build/inspex")
SEED = "samples/soc-inspection-update.html"
PAGES = sorted(glob.glob("samples/*.html") + glob.glob("samples/*.mhtml"))
COLUMNS = ("input,site,title,published,kind,value,unit,approx,measure,"
           "action,actor,period,grade,area,text").split(",")
passed = failed = 0


def ok(cond, name):
    global passed, failed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failed += 1
        print("not ok - " + name)
    return cond


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, check=True,
                          **kw).stdout


def program(*names):
    for n in names:
        if shutil.which(n):
            return shutil.which(n)
    sys.exit("check-browser: %s not found; run: sh .ci/install-deps browser"
             % " or ".join(names))


def facts(doc):
    """The rows the CSV must have for one JSON document."""
    n = 1  # page
    au = doc["author"]
    n += bool(au["name"] or au["role"])
    if doc["inspection"]:
        n += 1 + len(doc["inspection"]["grades"])
    n += len(doc["findings"]) + len(doc["statistics"]) + len(doc["acronyms"])
    for f in doc["focus_areas"]:
        n += len(f["issue"]) + len(f["response"])
    return n


tmp = tempfile.mkdtemp(prefix="inspex-browser.")
try:
    soffice = program("soffice", "libreoffice")
    chromium = program("chromium", "chromium-browser")

    # ---- (b) Python's csv module -------------------------------------
    raw = run([BIN, "-f", "csv"] + PAGES)
    ok(not raw.startswith(b"\xef\xbb\xbf"), "csv: no byte-order mark")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    ok(rows[0] == COLUMNS, "csv: the header row names the 15 columns")
    ok(all(len(r) == 15 for r in rows),
       "csv: every row of %d has 15 fields" % len(rows))
    ok(sum(r == COLUMNS for r in rows) == 1, "csv: one header row per run")
    want = 0
    for p in PAGES:
        want += facts(json.loads(run([BIN, "-f", "json", p])))
    ok(len(rows) - 1 == want, "csv: one row per fact of the JSON (%d)" % want)
    seed = [r for r in rows if r[0] == SEED]
    arrests = [r for r in seed if r[4] == "statistic" and r[8] == "arrests"]
    ok(len(arrests) == 1 and arrests[0][5] == "250" and
       arrests[0][7] == "more_than", "csv: 250 arrests, more_than")

    # ---- (a) LibreOffice Calc ------------------------------------------
    path = os.path.join(tmp, "samples.csv")
    with open(path, "wb") as f:
        f.write(raw)
    # comma, double quote, UTF-8 (76), from line 1: how the import dialog
    # would read it; a private profile so it runs as root and in parallel
    run([soffice, "-env:UserInstallation=file://" + tmp + "/lo",
         "--headless", "--norestore", "--infilter=CSV:44,34,76,1",
         "--convert-to", "ods", "--outdir", tmp, path],
        stderr=subprocess.STDOUT, timeout=300)
    ods = os.path.join(tmp, "samples.ods")
    ok(os.path.exists(ods), "calc: converted the csv to ods")
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    T = "{%s}" % ns["table"]
    O = "{%s}" % ns["office"]
    root = ET.fromstring(zipfile.ZipFile(ods).read("content.xml"))
    sheet = []
    for tr in root.iter(T + "table-row"):
        cells = []
        for td in tr.findall("table:table-cell", ns):
            text = "\n".join("".join(p.itertext())
                             for p in td.findall("text:p", ns))
            cell = (text, td.get(O + "value-type"), td.get(O + "value"))
            cells += [cell] * int(td.get(T + "number-columns-repeated", 1))
        for _ in range(int(tr.get(T + "number-rows-repeated", 1))):
            if any(c[0] for c in cells):
                sheet.append(cells)
    ok(len(sheet) == len(rows), "calc: %d rows read back" % len(sheet))
    ok([c[0] for c in sheet[0][:15]] == COLUMNS, "calc: header in row 1")
    got = [r for r in sheet if r[0][0] == SEED and r[4][0] == "statistic"
           and r[8][0] == "arrests"]
    ok(len(got) == 1 and got[0][5][1] == "float" and got[0][5][2] == "250",
       "calc: 250 is a number in column F, arrests in column I")
    got = [r for r in sheet if r[0][0] == SEED and r[4][0] == "inspection"]
    ok(len(got) == 1 and got[0][10][0] == "His Majesty\u2019s Inspectorate "
       "of Constabulary & Fire and Rescue Services" and
       got[0][12][0] == "requires improvement",
       "calc: the inspection row, non-ASCII intact, grade in column M")
    same = all(len(s) >= 15 and
               [c[0] for c in s[:15]] == r for s, r in
               zip(sheet, rows) if all("\n" not in f for f in r))
    ok(same, "calc: every cell holds what Python's csv reads")

    # ---- (c) Chromium ----------------------------------------------------
    def chrome(page, *extra):
        prof = tempfile.mkdtemp(dir=tmp)
        return run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--hide-scrollbars",
                    "--host-resolver-rules=MAP * ~NOTFOUND",
                    "--user-data-dir=" + prof] + list(extra) +
                   ["file://" + os.path.abspath(page)],
                   stderr=subprocess.DEVNULL, timeout=300)

    class Dom(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.marks, self.links, self.labels = [], {}, [], []
            self.scripts, self.rows, self.mark = 0, 0, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "id" in a:
                self.ids.append(a["id"])
            if tag == "script":
                self.scripts += 1
            if tag == "tr" and a.get("id", "").startswith("in"):
                self.rows += 1
            if tag == "mark":
                self.mark = a.get("id")
                self.marks[self.mark] = ""
            if tag == "a" and a.get("href", "").startswith("#"):
                target = a["href"][1:]
                if "lab" in a.get("class", "").split():
                    self.labels.append(target)
                elif "-s" in target:
                    self.links.append(target)

        def handle_endtag(self, tag):
            if tag == "mark":
                self.mark = None

        def handle_data(self, data):
            if self.mark is not None:
                self.marks[self.mark] += data

    view = os.path.join(tmp, "seed.html")
    with open(view, "wb") as f:
        f.write(run([BIN, "-f", "html", SEED]))
    dom = Dom()
    dom.feed(chrome(view, "--dump-dom").decode("utf-8"))
    doc = json.loads(run([BIN, "-f", "json", SEED]))
    ok(dom.rows == facts(doc) - 1,
       "chromium: a table row per fact (%d)" % dom.rows)
    ok(len(dom.marks) >= 10 and set(dom.links) <= set(dom.marks),
       "chromium: %d highlighted sentences, every row's link lands on one"
       % len(dom.marks))
    ok(len(dom.labels) == len(dom.links) and
       set(dom.labels) <= set(dom.ids),
       "chromium: %d labels, each links back to its row" % len(dom.labels))
    ok(any("made over 250 arrests" in t for t in dom.marks.values()),
       "chromium: 'made over 250 arrests' sits inside a mark")
    ok(any(t.startswith("While there were some extremely positive")
           for t in dom.marks.values()), "chromium: the evidence is marked")
    ok(dom.scripts == 0, "chromium: no script element")

    run_view = os.path.join(tmp, "run.html")
    with open(run_view, "wb") as f:
        f.write(run([BIN, "-f", "html"] + PAGES))
    dom = Dom()
    dom.feed(chrome(run_view, "--dump-dom").decode("utf-8"))
    ok(len(dom.ids) == len(set(dom.ids)) and
       sum(i.startswith("in") and "-" not in i for i in dom.ids) == len(PAGES),
       "chromium: %d inputs, one section each, %d ids all unique"
       % (len(PAGES), len(dom.ids)))

    shot = os.path.join(tmp, "evidence-view.png")
    chrome(view, "--screenshot=" + shot, "--window-size=1200,1500")
    with open(shot, "rb") as f:
        png = f.read()
    ok(png.startswith(b"\x89PNG") and len(png) > 20000,
       "chromium: screenshot of the seed's evidence view (%d bytes)"
       % len(png))
    if os.environ.get("UPDATE") == "1":
        out = "samples/evidence-view.png"
        if shutil.which("pngquant"):
            subprocess.run(["pngquant", "--force", "--strip", "--output",
                            out, "64", shot], check=True)
        else:
            shutil.copy(shot, out)
        print("# wrote %s (%d bytes)" % (out, os.path.getsize(out)))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("check-browser: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
