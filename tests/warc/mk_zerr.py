import zlib
def rec(typ, block, clen=None, uri="http://ex.test/x"):
    h = "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
        typ, uri, "application/http; msgtype=response" if typ == "response" else "application/warc-fields",
        len(block) if clen is None else clen)
    return h.encode() + block + b"\r\n\r\n"
page = lambda t: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>%s</title></head><body><p>Page %s text.</p></body></html>" % (t, t)
pad = rec("metadata", b"x" * 60000)
B = rec("response", page(b"B") + b"<!--" + b"y" * 8000 + b"-->", uri="http://ex.test/B")
A_block = page(b"A")
A = rec("response", A_block, clen=len(A_block) + 2 + 200, uri="http://ex.test/A")  # runs into B's header+block
C = rec("response", page(b"C"), uri="http://ex.test/C")
plain = pad + A + B + C
cut = len(pad + A + B) + 50   # corruption a little after B
print("A at", len(pad), "B at", len(pad + A), "B ends", len(pad + A + B), "cut", cut)
c = zlib.compressobj(6, zlib.DEFLATED, 31)
gz = c.compress(plain[:cut]) + c.flush(zlib.Z_FULL_FLUSH) + b"\xff\xff\xff\xff" + b"junk" * 100
open("zerr-partial.warc.gz", "wb").write(gz)
