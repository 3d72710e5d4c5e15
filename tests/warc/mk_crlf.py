def hdr(uri, clen):
    return ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
            "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (uri, clen)).encode()
page = lambda t: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Page %s.</p></body></html>" % t
Bb = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\r\nX<html><body><p>Page B.</p></body></html>"
B = hdr("http://ex.test/B", len(Bb)) + Bb + b"\r\n\r\n"
# A's Content-Length ends in B's block just before "\r\nX"
Ab = page(b"A") + b"\r\n\r\n"
cut = B.index(b"\r\n\r\n\r\nX") + 4
A = hdr("http://ex.test/A", len(Ab) + cut) + Ab
# X claims into A's header, so A is read from given-back bytes
Xb = page(b"X") + b"\r\n"
X = hdr("http://ex.test/X", len(Xb) + len(A) - 10) + Xb
open("crlf-drop.warc", "wb").write(X + A + B)
print("B at", len(X + A))
