"""What encoding a page's bytes are in, and whether that is the one it declares.

Chinese government sites often declare one encoding and serve another: a template saved as GBK under a
``<meta charset="utf-8">``, or a server that labels every page ``charset=GB2312`` after the site moved to UTF-8.
A browser believes the declaration (header first, then ``<meta>``) and shows mojibake; the scan would then judge
and report garbled titles and link texts. The bytes decide here: valid UTF-8 with non-ASCII text is UTF-8 (GBK
text is practically never valid UTF-8), else GB18030 (the superset of GB2312 and GBK) when it decodes, else
detection. Both gatherers use it: the static one decodes with it, the browser one re-renders a mismatched page
with the encoding found (``gather_browser``; Chromium may give it the text as decoded, not the bytes: ``needs_bytes``). The page keeps a note naming declared and detected encodings.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# GB2312 and GBK pages are decoded as GB18030, their superset: Chinese sites often declare the smaller set and
# use characters beyond it (names of people and places).
_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030",
           "euc-cn": "gb18030", "utf8": "utf-8", "utf-8": "utf-8"}
NOTE = "encoding_mismatch"  # a page's note: ``encoding_mismatch <declared> <header|meta> <detected>``


def family(name: str) -> str | None:
    """The codec a declared charset is decoded with (GB2312/GBK -> gb18030), None when Python knows no such one."""
    name = name.strip().lower()
    if name in _FAMILY:
        return _FAMILY[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` of a Content-Type header, if it names one."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class Encoding:
    declared: str | None  # as the page declares it (``gb2312``), None when it declares nothing
    declared_by: str | None  # "header" or "meta"
    detected: str  # the codec the bytes decode with (``utf-8``, ``gb18030``...)

    @property
    def mismatch(self) -> bool:
        """The page declares an encoding its bytes are not in (a browser would show it garbled)."""
        return self.declared is not None and family(self.declared) != self.detected

    def note(self) -> str:
        return f"{NOTE} {self.declared} {self.declared_by} {self.detected}"


def parse_note(note: str) -> Encoding | None:
    """The ``Encoding`` of a page's ``encoding_mismatch`` note, else None."""
    parts = note.split(" ")
    if len(parts) == 4 and parts[0] == NOTE:
        return Encoding(parts[1], parts[2], parts[3])
    return None


def sniff(body: bytes, content_type_charset: str | None) -> Encoding:
    """The declared encoding (HTTP header first, then ``<meta>``, as browsers read them) and the detected one."""
    declared, declared_by = None, None
    if content_type_charset and family(content_type_charset):
        declared, declared_by = content_type_charset.lower(), "header"
    else:
        meta = _META_CHARSET.search(body[:4096])
        if meta and family(meta.group(1).decode("ascii", "ignore")):
            declared, declared_by = meta.group(1).decode("ascii").lower(), "meta"
    return Encoding(declared, declared_by, _detect(body, family(declared) if declared else None))


def _decodes(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _nearly_decodes(body: bytes, codec: str) -> bool:
    """At most one character in a hundred of ``body`` is not ``codec`` (and at least it decodes in part)."""
    try:
        text = body.decode(codec, "replace")
    except LookupError:
        return False
    return text.count("\ufffd") <= max(2, len(text) // 100)


def _detect(body: bytes, declared: str | None) -> str:
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if body.isascii():  # nothing to tell: whatever was declared reads it right
        return declared or "utf-8"
    if declared is not None and _decodes(body, declared) and (declared == "utf-8" or not _decodes(body, "utf-8")):
        return declared
    for codec in ("utf-8", "gb18030"):
        if _decodes(body, codec):
            return codec
    # old sites' pages often carry a stray byte or two (a truncated character): the declared encoding still reads
    # them, and a detector guessing from a damaged page would only make it worse
    for codec in (declared, "utf-8", "gb18030"):
        if codec is not None and _nearly_decodes(body, codec):
            return codec
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return family(best.encoding) or best.encoding if best is not None else (declared or "utf-8")


def needs_bytes(body: bytes, declared: str) -> bool:
    """Whether ``body``, a document's body as Chromium's DevTools give it, may not be the bytes the server sent.
    They give the raw bytes when the declared decoder failed on them, else the text as decoded (UTF-8): a GBK page
    read right comes back as UTF-8 text, and only its bytes tell it from a UTF-8 page that declares GBK. A body
    that is not UTF-8 is raw; one declared UTF-8 and read without replacements is what it says."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\ufffd" in text or (family(declared) != "utf-8" and not body.isascii())


def decode(body: bytes, content_type_charset: str | None) -> tuple[str, Encoding]:
    """The text of an HTML document in the encoding its bytes are in, and what was declared and found."""
    enc = sniff(body, content_type_charset)
    return body.decode(enc.detected, "replace"), enc
