#!/usr/bin/env python3
"""Score `inspex --format text` on every corpus in ../shared/corpus at once.

    python3 tests/corpus_score.py [--bin build/inspex] [--shared DIR]
                                  [--split all|tune|heldout] [--only NAME...]

A corpus with truth.json is scored by tools/content-f1, one with
snippets.json by tools/snippet-score; each prints one summary line (F1 and
the count of pages that came back empty). --split keeps a quarter of each
corpus (pages whose name's SHA-1 starts with 0-3) out of tuning: 'tune'
scores the other three quarters, 'heldout' only that quarter. Look at the
held-out pages' scores, never at their pages.
"""
import argparse, hashlib, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def heldout(name):
    return hashlib.sha1(name.encode()).hexdigest()[0] in "0123"


def subset(src, dst, truth, keep):
    with open(os.path.join(src, truth)) as f:
        data = json.load(f)
    data = {k: v for k, v in data.items() if keep(k)}
    os.makedirs(dst)
    with open(os.path.join(dst, truth), "w") as f:
        json.dump(data, f)
    for k in data:
        os.symlink(os.path.join(src, k + ".html"), os.path.join(dst, k + ".html"))
    return len(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "inspex"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--split", choices=("all", "tune", "heldout"), default="all")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    corpora = os.path.join(a.shared, "corpus")
    tools = os.path.join(a.shared, "tools")
    if not os.path.isdir(corpora):
        sys.exit("corpus_score: no corpora in %s" % corpora)
    cmd = os.path.abspath(a.bin) + " --format text {}"
    tmp = tempfile.mkdtemp(prefix="inspex-score-")
    try:
        for name in sorted(os.listdir(corpora)):
            d = os.path.join(corpora, name)
            if a.only and name not in a.only:
                continue
            if os.path.exists(os.path.join(d, "truth.json")):
                tool, truth = "content-f1", "truth.json"
            elif os.path.exists(os.path.join(d, "snippets.json")):
                tool, truth = "snippet-score", "snippets.json"
            else:
                continue
            if a.split != "all":
                want = a.split == "heldout"
                d2 = os.path.join(tmp, name)
                n = subset(d, d2, truth, lambda k: heldout(k) == want)
                d = d2
            argv = [os.path.join(tools, tool), "--corpus", d, "--cmd", cmd]
            if a.verbose:
                argv.append("--verbose")
            out = subprocess.run(argv, stdout=subprocess.PIPE, text=True).stdout
            lines = out.strip().splitlines()
            if a.verbose:
                print("\n".join(lines[:-1]))
            print("%-18s %-13s %s" % (name, tool, lines[-1] if lines else "no result"))
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
