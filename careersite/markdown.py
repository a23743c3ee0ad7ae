"""Validate stage, part two: Markdown bodies to safe HTML, refusing raw HTML and bad links."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, Pattern
from markdown.treeprocessors import Treeprocessor

from .cache import Store, digest
from .parallel import pmap

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
# Python-Markdown looks for the end of every '[' to the end of its paragraph: thousands of
# them in one paragraph take minutes. Real paragraphs hold a few links and a few hundred words.
MAX_PARAGRAPH_CHARS = 10_000
MAX_BRACKETS = 100  # '[' in one paragraph
MAX_BODY_BRACKETS = 1_000  # '[' in one body


@dataclass
class _Spent:
    """Seconds spent converting Markdown in this process (read by `build.py --timings`)."""

    seconds: float = 0.0


MARKDOWN_CLOCK = _Spent()


@dataclass(frozen=True)
class Finding:
    """A problem in a Markdown body: the text it is about and what is wrong."""

    snippet: str
    message: str


class _RawHtml(Pattern):
    """Refuse inline raw HTML: keep it as visible text and report it."""

    def __init__(self, pattern: str, ext: _Guard) -> None:
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m: re.Match[str]) -> str:  # noqa: N802 - Markdown's API
        tag = m.group(2)
        if not tag.startswith("</"):  # one message per element, not per closing tag
            self.ext.found.append(
                Finding(tag, f"raw HTML '{tag}' is not allowed: write it in Markdown")
            )
        return tag  # a plain string is escaped on output


class _Links(Treeprocessor):
    """Refuse unsafe link schemes and relative links; refuse h1 (the title is the h1)."""

    def __init__(self, md: markdown.Markdown, ext: _Guard) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            if element.tag == "h1":
                text = "".join(element.itertext())
                self.ext.found.append(
                    Finding(
                        "# " + text, "use '##' headings: the page title is the only top heading"
                    )
                )
            for attr in ("href", "src"):
                target = element.get(attr)
                if target is not None and not _safe(target):
                    self.ext.found.append(Finding(target, _link_message(target)))
                    element.set(attr, "#")
            source = element.get("src")
            if element.tag == "img" and source not in (None, "#") and not source.startswith("/"):
                # an image from another site is a request the reader never agreed to
                message = f"the image '{source}' is on another site: images must be files of this site, like /assets/photo.jpg"
                self.ext.found.append(Finding(source, message))
                element.set("src", "#")


def _safe(target: str) -> bool:
    target = target.strip()
    if target.startswith(("/", "#")) and not target.startswith("//"):
        return True
    return target.lower().startswith(SAFE_SCHEMES)


def _link_message(target: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("//"):
        return f"the link '{target}' is not allowed: use https://, mailto: or tel: links, or /site/paths/"
    return f"the link '{target}' should start with / (like /careers/paramedic/) or https://"


class _Guard(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[Finding] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.register(_RawHtml(HTML_RE, self), "html", 90)
        md.treeprocessors.register(_Links(md, self), "careersite_links", 1)


class MarkdownRenderer:
    """Render Markdown bodies one after another with one configured parser.

    cache: where bodies converted by earlier builds are kept, by their text.
    """

    def __init__(self, cache: Store | None = None) -> None:
        self._cache = cache
        self._guard = _Guard()
        self._md = markdown.Markdown(
            extensions=["sane_lists", "toc", self._guard],
            extension_configs={"toc": {"permalink": False}},
            output_format="html",
        )

    def render(self, text: str) -> tuple[str, list[Finding]]:
        """Convert text to HTML; return it with what was refused."""
        if self._cache is None:
            return self._convert(text)
        key = digest(text.encode("utf-8"))
        done = self._cache.get("markdown", key)
        if done is None:
            done = self._convert(text)
            self._cache.put("markdown", key, done)
        return done

    def _convert(self, text: str) -> tuple[str, list[Finding]]:
        too_big = _too_big(text)
        if too_big:
            return "", too_big
        self._md.reset()
        self._guard.found = []
        started = time.perf_counter()
        try:
            html = self._md.convert(text)
        except RecursionError:
            self.__init__(self._cache)  # a fresh parser: the old one stopped half-way
            return "", [
                Finding(
                    text.lstrip()[:40], "is nested too deeply to read: flatten the lists or quotes"
                )
            ]
        finally:
            MARKDOWN_CLOCK.seconds += time.perf_counter() - started
        return html, list(self._guard.found)


_RENDERER: MarkdownRenderer | None = None  # one per process, for convert_all


def _convert(text: str) -> tuple[str, list[Finding]]:
    global _RENDERER
    _RENDERER = _RENDERER or MarkdownRenderer()
    return _RENDERER.render(text)


def convert_all(texts: list[str], cache: Store) -> None:
    """Convert every text the cache lacks, sharing the work between cores, into the cache."""
    keys = {text: digest(text.encode("utf-8")) for text in texts}
    todo = [text for text, key in keys.items() if cache.get("markdown", key) is None]
    for text, done in zip(todo, pmap(_convert, todo), strict=True):
        cache.put("markdown", keys[text], done)


def _too_big(text: str) -> list[Finding]:
    """Refuse paragraphs too long or too full of brackets to convert in good time."""
    if text.count("[") > MAX_BODY_BRACKETS:
        message = f"has {text.count('['):,} '[' characters, more than a page needs: the most is {MAX_BODY_BRACKETS:,} (MAX_BODY_BRACKETS)"
        return [Finding(text[text.index("[") :][:40], message)]
    for paragraph in (p.strip() for p in re.split(r"\n[ \t]*\n", text)):
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            snippet = paragraph.lstrip()[:40]
            message = f"a paragraph of {len(paragraph):,} characters is too long: the most is {MAX_PARAGRAPH_CHARS:,} (MAX_PARAGRAPH_CHARS)"
            return [Finding(snippet, message)]
        if paragraph.count("[") > MAX_BRACKETS:
            snippet = paragraph.lstrip()[:40]
            message = f"a paragraph with {paragraph.count('['):,} '[' is more than a page needs: the most is {MAX_BRACKETS} (MAX_BRACKETS)"
            return [Finding(snippet, message)]
    return []


def line_of(snippet: str, body: str, first_line: int) -> int:
    """Return the file line where snippet first appears in a body starting at first_line."""
    at = body.find(snippet)
    return first_line + (body.count("\n", 0, at) if at >= 0 else 0)


def word_count(text: str) -> int:
    """Count the words a reader sees in Markdown text (link targets left out)."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.findall(r"[A-Za-z0-9£][\w'’£,.%-]*", text))
