"""Small valid PDFs for the operational tests (ops/crash_load.py, deploy/two_instances.py).

A PDF here is its objects numbered from 1, a cross-reference table with each object's
offset, and a trailer naming object 1 as the catalog: enough for poppler's pdfinfo,
which the server runs on every upload.
"""


def assemble(objects):
    """The bytes of a PDF whose objects (bytes, in order) are numbered 1, 2, ..."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
