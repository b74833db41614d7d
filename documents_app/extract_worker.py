"""Text extraction in a child process with hard limits (``python -m documents_app.extract_worker``).

Reads the file named on the command line, writes its text (UTF-8) to stdout. The parent
(``documents_app.extraction.extract_text_isolated``) sets address-space and CPU limits with
``resource`` before this starts and kills it after a wall-clock timeout, so a decompression bomb
or a pathological file costs at most those limits — never the web worker.
"""

import io
import sys


def main(argv):
    path, extension, max_chars = argv[1], argv[2], int(argv[3])
    from documents_app.extraction import EXTRACTORS

    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return 0
    with open(path, "rb") as handle:
        data = handle.read()
    text = " ".join(extractor(io.BytesIO(data)).split())[:max_chars]
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except MemoryError:
        sys.exit(3)
