"""Page titles (``citation_title``, ``og:title``, ``<title>``) and whether one names a paper."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {name.lower(): value or "" for name, value in attrs}
            key = (values.get("name") or values.get("property") or "").lower()
            if key in ("citation_title", "og:title", "dc.title") and values.get("content"):
                self.meta.setdefault(key, values["content"])
        elif tag == "title":
            self._in_title = True
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)


def page_titles(html: str) -> list[str]:
    """The titles an HTML page gives itself, most specific first."""
    parser = _TitleParser()
    try:
        parser.feed(html)
    except Exception:  # a broken page has no title, never an error
        return []
    found = [parser.meta[key] for key in ("citation_title", "dc.title", "og:title") if key in parser.meta]
    title = " ".join("".join(parser.title).split())
    if title:
        found.append(title)
    return [" ".join(t.split()) for t in found if t.strip()]


def head_complete(html: str) -> bool:
    """Whether the page's head (where titles live) has been read."""
    return bool(re.search(r"</head\s*>|<body[\s>]", html, re.IGNORECASE))
