#!/usr/bin/env python3
"""Validate inspex's JSON output against tests/inspex-1.schema.json.

Runs the binary ($BIN, default build/inspex) on every sample and test page,
in json (a stream when given several files) and jsonl, and checks each
document against the schema with the jsonschema package.
"""
import glob, json, os, subprocess, sys

import jsonschema

BIN = os.environ.get("BIN", "build/inspex")
schema = json.load(open("tests/inspex-1.schema.json"))
validator = jsonschema.Draft7Validator(schema)
pages = sorted(glob.glob("samples/*.html") + glob.glob("samples/*.mhtml") +
               glob.glob("tests/pages/*/*.html"))
passed = failed = 0
if not pages:
    sys.exit("schema: no pages to check")

def check(name, doc):
    global passed, failed
    errors = list(validator.iter_errors(doc))
    if errors:
        failed += 1
        print("not ok - %s: %s" % (name, errors[0].message))
    else:
        passed += 1

for fmt in ("json", "jsonl"):
    out = subprocess.run([BIN, "--format", fmt] + pages, stdout=subprocess.PIPE)
    text = out.stdout.decode("utf-8")  # raises on invalid UTF-8
    dec, i, docs = json.JSONDecoder(), 0, []
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        doc, i = dec.raw_decode(text, i)
        docs.append(doc)
    if fmt == "jsonl":
        lines = [l for l in text.split("\n") if l]
        if len(lines) != len(docs):
            failed += 1
            print("not ok - jsonl: %d lines for %d documents" % (len(lines), len(docs)))
    if len(docs) != len(pages):
        failed += 1
        print("not ok - %s: %d documents for %d pages" % (fmt, len(docs), len(pages)))
    for page, doc in zip(pages, docs):
        check("%s %s" % (page, fmt), doc)

print("schema: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
