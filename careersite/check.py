"""Check stage: every internal link and #anchor of the rendered pages resolves; one h1 a page."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urljoin, urlsplit

from .cache import Store, digest
from .parallel import pmap
from .problems import Problem, did_you_mean

LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "form": "action",
    "iframe": "src",
}


@dataclass
class PageFacts:
    """What the checker needs from one HTML page."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    h1: int = 0


# The pages are the build's own output (attributes always double-quoted, '<' and '>' escaped
# inside them), so a scan of start tags finds every id and link without a full HTML parse,
# which was most of the check's time.
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*)?>")
_ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')


def page_facts(text: str) -> PageFacts:
    """Collect ids, links and the h1 count of a page."""
    facts = PageFacts()
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        if tag == "h1":
            facts.h1 += 1
        attrs = match.group(2)
        if not attrs:
            continue
        values = {name.lower(): html.unescape(value) for name, value in _ATTR.findall(attrs)}
        if values.get("id"):
            facts.ids.add(values["id"])
        target = values.get(LINK_ATTRS.get(tag, ""))
        if target is not None:
            facts.links.append(target)
    return facts


def _facts(data: bytes) -> PageFacts:
    return page_facts(data.decode("utf-8"))


def check_output(
    files: dict[str, bytes], cache: Store | None = None, hashes: dict[str, bytes] | None = None
) -> list[Problem]:
    """Report links to missing pages or anchors, and pages without exactly one h1.

    cache: where the facts of pages seen by earlier builds are kept, by the hash of the page's
    bytes (cache.digest); hashes: those hashes, by path, if the caller has them already.
    """
    pages: dict[str, PageFacts] = {}
    todo: list[tuple[str, bytes]] = []
    for path, data in files.items():
        if path.endswith(".html"):
            key = b"" if cache is None else hashes[path] if hashes else digest(data)
            found = cache.get("page facts", key) if cache is not None else None
            if found is None:
                todo.append((path, key))
            else:
                pages[path] = found
    for (path, key), facts in zip(todo, pmap(_facts, [files[p] for p, _ in todo]), strict=True):
        pages[path] = facts
        if cache is not None:
            cache.put("page facts", key, facts)
    urls = sorted("/" + p.removesuffix("index.html") for p in files)
    problems: list[Problem] = []
    verdicts: dict[str, str] = {}
    for path, facts in sorted(pages.items()):
        url = "/" + path.removesuffix("index.html")
        if facts.h1 != 1:
            problems.append(
                Problem(url, 0, "page", f"has {facts.h1} top headings (h1); a page has exactly one")
            )
        for link in sorted(set(facts.links)):
            # the same nav, footer and career links recur on every page: an absolute link's
            # verdict does not depend on the page it is on
            key = link if link.startswith("/") and not link.startswith("//") else f"{url} {link}"
            message = verdicts.get(key)
            if message is None:
                message = verdicts[key] = _broken(url, link, files, pages, urls)
            if message:
                problems.append(Problem(url, 0, "link", message))
    return problems


def _broken(
    url: str, link: str, files: dict[str, bytes], pages: dict[str, PageFacts], urls: list[str]
) -> str:
    parts = _split(link)
    if parts.scheme or parts.netloc:
        return ""  # external: not ours to check here
    target = _target(url, parts.path)
    path = target.lstrip("/") + ("index.html" if target.endswith("/") else "")
    if path not in files:
        if path + "/index.html" in files:
            return f"links to '{link}': add a slash at the end, '{target}/'"
        return f"links to '{link}', which is not a page of the site.{did_you_mean(target, urls)}"
    if parts.fragment and path in pages and parts.fragment not in pages[path].ids:
        anchors = pages[path].ids
        hint = did_you_mean(f"#{parts.fragment}", (f"#{a}" for a in anchors))
        return f"links to '{link}', but '{target}' has no '#{parts.fragment}' on it.{hint}"
    return ""


@functools.lru_cache(maxsize=65536)
def _split(link: str) -> SplitResult:
    """The parts of a link; the same nav, footer and career links recur on every page."""
    return urlsplit(link)


def _target(url: str, path: str) -> str:
    """The site path a link's path leads to from the page at url."""
    if not path:
        return url
    if path.startswith("/") and "/." not in path:
        return path  # already absolute: no join needed
    return urlsplit(urljoin(url, path)).path
