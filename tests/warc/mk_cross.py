import zlib
def gz(b):
    c = zlib.compressobj(6, zlib.DEFLATED, 31); return c.compress(b) + c.flush()
def hdr(uri, clen):
    return ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %09d\r\n\r\n" % (uri, clen)).encode()
page = lambda t: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page %s.</p></body></html>" % t
# member 1: A (claims into B), B (claims into C, to 2 bytes before the member's end), C (claims past the member)
C = hdr("http://ex.test/C", 500) + page(b"C") + b"zz"
B_block = page(b"B") + b"\r\n"
B = hdr("http://ex.test/B", len(B_block) + len(C) - 2) + B_block
A_block = page(b"A") + b"\r\n"
A = hdr("http://ex.test/A", len(A_block) + len(B) - 10) + A_block
m1 = A + B + C
# member 2: a good record D
Dp = page(b"D")
m2 = hdr("http://ex.test/D", len(Dp)) + Dp + b"\r\n\r\n"
open("cross-member.warc.gz", "wb").write(gz(m1) + gz(m2))
print("member 2 at file offset", len(gz(m1)))
