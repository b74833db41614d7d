"""The document types the library accepts, with their German labels and filter groups."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    extension: str
    label: str  # shown to readers: "PDF, 1,2 MB"
    group: str  # filter value on the library page
    kind: str  # how the content is checked: pdf, ooxml, odf, ole, text, video, vtt
    ooxml_folder: str = ""  # OOXML: the package folder that must exist (word/, xl/, ppt/)
    odf_mimetype: str = ""  # ODF: the content of the package's "mimetype" entry


FILE_TYPES = {
    t.extension: t
    for t in (
        FileType("pdf", "PDF", "pdf", "pdf"),
        FileType("docx", "Word", "word", "ooxml", ooxml_folder="word/"),
        FileType("doc", "Word", "word", "ole"),
        FileType("xlsx", "Excel", "excel", "ooxml", ooxml_folder="xl/"),
        FileType("xls", "Excel", "excel", "ole"),
        FileType("pptx", "PowerPoint", "powerpoint", "ooxml", ooxml_folder="ppt/"),
        FileType("ppt", "PowerPoint", "powerpoint", "ole"),
        FileType(
            "odt", "OpenDocument-Text", "opendocument", "odf", odf_mimetype="application/vnd.oasis.opendocument.text"
        ),
        FileType(
            "ods",
            "OpenDocument-Tabelle",
            "opendocument",
            "odf",
            odf_mimetype="application/vnd.oasis.opendocument.spreadsheet",
        ),
        FileType(
            "odp",
            "OpenDocument-Präsentation",
            "opendocument",
            "odf",
            odf_mimetype="application/vnd.oasis.opendocument.presentation",
        ),
        FileType("csv", "CSV", "csv", "text"),
        FileType("txt", "Text", "text", "text"),
        # Videos (Deutsche Gebärdensprache) and their captions: see documents_app/video.py.
        FileType("mp4", "MP4-Video", "video", "video"),
        FileType("webm", "WebM-Video", "video", "video"),
        FileType("vtt", "WebVTT-Untertitel", "video", "vtt"),
    )
}

# Filter choices on the library page: (value, label, extensions).
TYPE_GROUPS = [
    ("pdf", "PDF", ["pdf"]),
    ("word", "Word", ["docx", "doc"]),
    ("excel", "Excel", ["xlsx", "xls"]),
    ("powerpoint", "PowerPoint", ["pptx", "ppt"]),
    ("opendocument", "OpenDocument", ["odt", "ods", "odp"]),
    ("csv", "CSV", ["csv"]),
    ("text", "Text", ["txt"]),
    ("video", "Video", ["mp4", "webm", "vtt"]),
]


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def label_for(filename: str) -> str:
    extension = extension_of(filename)
    file_type = FILE_TYPES.get(extension)
    return file_type.label if file_type else (extension.upper() or "Datei")
