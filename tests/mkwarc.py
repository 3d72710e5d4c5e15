#!/usr/bin/env python3
"""Write a WARC 1.1 file for the tests (nothing large is checked in).

    mkwarc.py OUT [--gzip none|record|whole] [--kind mix|many] [--n N]
                  [--damage none|header|truncate|gzip] [--list FILE]

--kind mix writes one record of each sort inspex meets in a crawl: request,
warcinfo and metadata records, HTML responses (plain; chunked and gzipped;
charset only in the HTTP header; untyped), a 404, an image, JSON, and an
HTML resource record. --kind many writes N small HTML responses, each after
its request record, as crawlers do. --damage puts one damaged record in the
middle. --list FILE writes the target URI of every page expected in the
output, one a line, in order. --gzip record compresses each record as its
own gzip member (Common Crawl, wget, Heritrix, Browsertrix); whole
compresses the file as one member.
"""
import argparse
import gzip
import io
import uuid
import zlib

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{title}</h1>
<p>An inspection of how the force tackles serious and organised crime was
carried out by His Majesty's Inspectorate of Constabulary and Fire &amp;
Rescue Services (HMICFRS) in July 2023.</p>
<p>In 2023 officers made {n} arrests and recovered {k} firearms.</p>
<p>While there were some positive findings, our overall rating is requires
improvement.</p>
</article></main><footer><p>Contact us</p></footer></body></html>
"""


def page(title, n, k):
    return PAGE.format(title=title, n=n, k=k).encode("utf-8")


def record(wtype, headers, block, uri=None, date="2024-03-05T11:02:14Z",
           clen=None):
    h = ["WARC/1.1", "WARC-Type: " + wtype,
         "WARC-Record-ID: <urn:uuid:%s>" % uuid.UUID(int=len(block) * 7919 + len(uri or ""))]
    h.append("WARC-Date: " + date)
    if uri:
        h.append("WARC-Target-URI: " + uri)
    h += headers
    h.append("Content-Length: %d" % (len(block) if clen is None else clen))
    return ("\r\n".join(h) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http(status, headers, body):
    lines = ["HTTP/1.1 %s" % status] + headers
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def response(uri, status, headers, body, clen=None):
    return record("response", ["Content-Type: application/http; msgtype=response"],
                  http(status, headers, body), uri=uri, clen=clen)


def request(uri):
    host = uri.split("/")[2]
    return record("request", ["Content-Type: application/http; msgtype=request"],
                  ("GET / HTTP/1.1\r\nHost: %s\r\n\r\n" % host).encode(), uri=uri)


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x;ext=1\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\nX-Trailer: yes\r\n\r\n"


def mix(damage):
    recs, pages = [], []
    recs.append(record("warcinfo", ["Content-Type: application/warc-fields"],
                       b"software: mkwarc.py\r\nformat: WARC File Format 1.1\r\n"))
    u = "https://example.police.uk/news/a"
    recs.append(request(u))
    recs.append(response(u, "200 OK", ["Content-Type: text/html; charset=utf-8"],
                         page("Page A plain", 250, 6)))
    pages.append(u)
    recs.append(response("https://example.police.uk/logo.png", "200 OK",
                         ["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n" + bytes(range(256))))
    u = "https://example.police.uk/news/b"
    recs.append(response(u, "200 OK",
                         ["Content-Type: text/html", "Transfer-Encoding: chunked",
                          "Content-Encoding: gzip"],
                         chunked(gzip.compress(page("Page B chunked gzip", 19, 2)))))
    pages.append(u)
    if damage == "header":
        recs.append(b"WARC/1.1\r\nWARC-Type: response\r\nthis line has no colon\r\n"
                    b"Content-Length: 20\r\n\r\n01234567890123456789\r\n\r\n")
    elif damage == "truncate":
        recs.append(response("https://example.police.uk/news/cut", "200 OK",
                             ["Content-Type: text/html"], page("Page cut", 1, 1),
                             clen=len(http("200 OK", ["Content-Type: text/html"],
                                           page("Page cut", 1, 1))) + 300))
    elif damage == "gzip":
        recs.append("GZIP-DAMAGE")
    u = "https://example.police.uk/news/c"
    body = ("<html><head><title>Page C café</title></head><body><main><article>"
            "<h1>Page C café</h1><p>Officers seized £3.5m of criminal assets in "
            "2022/23 at the café “Zoë”.</p></article></main></body></html>").encode("cp1252")
    recs.append(response(u, "200 OK", ["Content-Type: text/html; charset=windows-1252"], body))
    pages.append(u)
    recs.append(response("https://example.police.uk/missing", "404 Not Found",
                         ["Content-Type: text/html"], page("Not found", 0, 0)))
    u = "https://example.police.uk/news/d"
    recs.append(record("resource", ["Content-Type: text/html; charset=utf-8"],
                       page("Page D resource", 12, 3), uri=u))
    pages.append(u)
    u = "https://example.police.uk/news/e"
    recs.append(response(u, "200 OK", ["Server: x"], page("Page E untyped", 7, 1)))
    pages.append(u)
    recs.append(record("metadata", ["Content-Type: application/warc-fields"],
                       b"outlinks: https://example.police.uk/\r\n", uri=u))
    recs.append(response("https://example.police.uk/api", "200 OK",
                         ["Content-Type: application/json"], b'{"html": "<html>"}'))
    return recs, pages


def many(n):
    recs, pages = [], []
    for i in range(n):
        u = "https://example.police.uk/news/%05d" % i
        recs.append(request(u))
        body = page("Page %05d" % i, 100 + i % 900, i % 10)
        if i % 3 == 1:
            recs.append(response(u, "200 OK", ["Content-Type: text/html",
                                               "Content-Encoding: gzip"],
                                 gzip.compress(body)))
        else:
            recs.append(response(u, "200 OK", ["Content-Type: text/html"], body))
        pages.append(u)
    return recs, pages


def gz_member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--gzip", default="none", choices=["none", "record", "whole"])
    ap.add_argument("--kind", default="mix", choices=["mix", "many"])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--damage", default="none",
                    choices=["none", "header", "truncate", "gzip"])
    ap.add_argument("--list")
    a = ap.parse_args()
    recs, pages = mix(a.damage) if a.kind == "mix" else many(a.n)
    out = io.BytesIO()
    for r in recs:
        if isinstance(r, str):  # a gzip member with its deflate data broken
            m = bytearray(gz_member(response("https://example.police.uk/news/z",
                                             "200 OK", ["Content-Type: text/html"],
                                             page("Page z", 5, 5))))
            for i in range(30, 60):
                m[i] ^= 0x5a
            out.write(bytes(m))
        elif a.gzip == "record":
            out.write(gz_member(r))
        else:
            out.write(r)
    data = out.getvalue()
    if a.gzip == "whole":
        data = gz_member(data)
    with open(a.out, "wb") as f:
        f.write(data)
    if a.list:
        with open(a.list, "w") as f:
            f.write("".join(p + "\n" for p in pages))


if __name__ == "__main__":
    main()
