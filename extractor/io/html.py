"""Plain text from an HTML page, with the standard library's ``html.parser``.

``Document.text`` of an HTML input is the text extracted here, so every
offset indexes the extracted text, never the HTML source.  Rules:

* tags are dropped; the content of ``script``, ``style``, ``noscript``,
  ``template``, ``svg``, ``math``, ``iframe``, ``object`` and ``canvas`` is
  dropped too; ``<title>`` becomes the title, not body text;
* block elements (``p``, ``div``, headings, list items, table rows, ``br``,
  ...) end a line; empty lines are dropped;
* character references (``&amp;``, ``&#12354;``) are decoded; runs of HTML
  white space collapse to one space, and a line break between two CJK
  characters disappears (Japanese is written without spaces); ``<pre>`` keeps
  its white space;
* the URL comes from ``<link rel="canonical">`` or ``og:url`` and the date
  from ``article:published_time``, ``datePublished``, ``date`` or
  ``pubdate`` meta tags.

Safety: ``html.parser`` never reads a DTD, so custom entities (the "billion
laughs" trick) are not expanded; only the fixed HTML5 named references are
decoded, and numeric references to invalid code points become U+FFFD.

Example:
    >>> page = html_to_text("<html><title>見出し</title><p>本文&amp;その1</p><p>二段落目</p></html>")
    >>> page.title, page.text
    ('見出し', '本文&その1\\n二段落目')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser

__all__ = ["HtmlText", "html_to_text", "looks_like_html", "meta_charset", "normalize_date"]

_BLOCK = frozenset(
    """address article aside blockquote br caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol
    option p pre section summary table tbody td tfoot th thead tr ul""".split()
)
_SKIP = frozenset("script style noscript template svg math iframe object canvas".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "dc.date", "og:published_time")

_SPACE = re.compile(r"[ \t\n\r\f]+")
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_CJK}])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL
)


@dataclass(frozen=True)
class HtmlText:
    """Text and metadata extracted from an HTML page."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts (after white space) like an HTML document.

    Example:
        >>> looks_like_html("  <!DOCTYPE html><html>...")
        True
        >>> looks_like_html("<p>just a fragment</p>")
        False
    """
    return _HTML_START.match(text[:4096]) is not None


def meta_charset(data: bytes) -> str | None:
    """The charset declared by a ``<meta>`` tag in the first 4 KiB, or None.

    Example:
        >>> meta_charset(b'<html><head><meta charset="Shift_JIS">')
        'Shift_JIS'
    """
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def normalize_date(value: str) -> str | None:
    """``value`` as ISO 8601 when it is one (offset ``+0900`` becomes ``+09:00``), else None.

    Years (``2012``) and months (``2012-01``) are kept as they are.

    Example:
        >>> normalize_date("2012-01-01T00:00:00+0900")
        '2012-01-01T00:00:00+09:00'
        >>> normalize_date("2012-01-31"), normalize_date("2012-01"), normalize_date("yesterday")
        ('2012-01-31', '2012-01', None)
    """
    value = value.strip()
    if re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", value):
        return value
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][0-9:.,]+(Z|[+-]\d{2}:?\d{2})?)?", value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) == 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.skip_tag: str | None = None
        self.pre_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None

    # -- helpers -----------------------------------------------------------
    def _flush(self) -> None:
        if not self.current:
            return
        raw = "".join(self.current)
        self.current = []
        if self.pre_depth:
            self.lines.extend(line.rstrip(" \t\r\f") for line in raw.split("\n"))
            return
        text = _CJK_BREAK.sub("", raw)
        text = _SPACE.sub(" ", text).strip(" ")
        if text:
            self.lines.append(text)

    # -- parser callbacks --------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            if tag == self.skip_tag and tag not in _VOID:
                self.skip_depth += 1
            return
        if tag in _SKIP:
            self.skip_tag, self.skip_depth = tag, 1
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and "content" in values and key not in self.meta:
                self.meta[key] = values["content"].strip()
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "").strip() or None
        elif tag == "time" and "datetime" in values and "time:datetime" not in self.meta:
            self.meta["time:datetime"] = values["datetime"].strip()
        if tag in _BLOCK:
            self._flush()
        if tag == "pre":
            self.pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:  # <svg/> has no content to skip
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self._flush()
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(source: str) -> HtmlText:
    """Extract the visible text, title, URL and date of an HTML page.

    Args:
        source: The HTML source, already decoded.

    Returns:
        The extracted text (lines joined by ``\\n``) and the metadata found.

    Example:
        >>> html_to_text("<p>東京\\n都</p><script>alert(1)</script><p>a  b</p>").text
        '東京都\\na b'
    """
    parser = _Extractor()
    parser.feed(source)
    parser.close()
    lines: list[str] = []
    for line in parser.lines:
        if line.strip():
            lines.append(line)
    title = _SPACE.sub(" ", "".join(parser.title_parts)).strip() or parser.meta.get("og:title") or None
    url = parser.canonical or parser.meta.get("og:url") or None
    date = None
    for key in (*_DATE_META, "time:datetime"):
        if key in parser.meta:
            date = normalize_date(parser.meta[key])
            if date:
                break
    return HtmlText(text="\n".join(lines), title=title, url=url, date=date)
