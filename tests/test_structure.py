"""Every built page's structure: one h1, no skipped heading levels, landmarks, language,
a title that says what the page is, and link text that makes sense out of context."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VAGUE = {"here", "click here", "more", "read more", "this", "link", "this page", "find out more"}


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.landmarks: set[str] = set()
        self.links: list[str] = []
        self.lang = ""
        self._link: list[str] | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.add(tag)
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "a":
            self._link = []
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append(" ".join("".join(self._link).split()))
            self._link = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)
        if self._in_title:
            self.title += data


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_every_real_page_is_well_structured(built_real):
    titles: dict[str, str] = {}
    for path, data in built_real.files.items():
        if not path.endswith(".html"):
            continue
        page = outline(data.decode())
        assert page.headings.count(1) == 1 and page.headings[0] == 1, path
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{path}: h{before} then h{after}"
        assert {"header", "nav", "main", "footer"} <= page.landmarks, path
        assert page.lang == "en-GB", path
        vague = [text for text in page.links if text.lower() in VAGUE or not text]
        assert vague == [], f"{path}: {vague}"
        title = page.title.strip()
        assert title and title not in titles, f"{path} has the same title as {titles.get(title)}"
        titles[title] = path
