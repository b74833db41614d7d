"""A minimal, valid PDF writer for demo and test documents (one font, text lines, A4 pages).

Small real PDFs that pypdf and every viewer read, without a PDF library that can write text.
"""

LINES_PER_PAGE = 48


def _escape(text: str) -> bytes:
    data = text.encode("cp1252", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(title: str, lines: list[str]) -> bytes:
    """A PDF with ``title`` as heading and ``lines`` as body text (German umlauts supported)."""
    all_lines = [(18, title), (11, ""), *[(11, line) for line in lines]]
    pages = [all_lines[i : i + LINES_PER_PAGE] for i in range(0, len(all_lines), LINES_PER_PAGE)] or [[]]

    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages tree, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for page_lines in pages:
        stream = [b"BT", b"/F1 11 Tf", b"56 790 Td"]
        for size, line in page_lines:
            stream.append(b"/F1 %d Tf" % size)
            stream.append(b"(" + _escape(line) + b") Tj")
            stream.append(b"0 -%d Td" % (size + 5))
        stream.append(b"ET")
        content = b"\n".join(stream)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % content_id
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    info = b"<< /Title (" + _escape(title) + b") /Producer (BLOK CMS) >>"
    objects.append(info)

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)
