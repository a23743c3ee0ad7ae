"""Writing quality of careers: readability (SMOG) and sentences repeated across pages.

SMOG grade = 1.043 * sqrt(polysyllables * 30 / sentences) + 3.1291, with syllables counted by
pyphen's en_GB hyphenation dictionary. Headings are not sentences; each list item is one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

SHARED_WORDS = 12  # a sentence this long may appear on one career page only
SMOG_MEDIAN_MAX = 10.5
SMOG_MAX = 13.0

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`>#]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(£A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def plain_lines(markdown: str) -> list[str]:
    """Return the prose of a Markdown body as text blocks: paragraphs and list items."""
    blocks: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            close()
            continue
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if item:
            close()
            line = item.group(1)
        current.append(line)
    close()
    return [_MARKUP.sub("", _LINK.sub(r"\1", block)).strip() for block in blocks]


def sentences(markdown: str) -> list[str]:
    """Split a Markdown body into sentences (each list item counts as at least one)."""
    out: list[str] = []
    for block in plain_lines(markdown):
        out += [s.strip() for s in _SENTENCE_END.split(block) if _WORD.search(s)]
    return out


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _dictionary():  # noqa: ANN202 - pyphen is imported only when readability is measured
    import pyphen

    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Count a word's syllables as the en_GB hyphenation dictionary splits it."""
    parts = [p for p in word.lower().replace("’", "'").strip("'-").split("-") if p]
    return sum(len(_dictionary().positions(p)) + 1 for p in parts)


def smog(markdown: str) -> float:
    """SMOG grade of a Markdown body (0 when it has no sentences)."""
    found = sentences(markdown)
    if not found:
        return 0.0
    poly = sum(1 for s in found for w in words(s) if syllables(w) >= 3)
    return 1.043 * math.sqrt(poly * 30 / len(found)) + 3.1291


def reading_age(grade: float) -> int:
    """The US grade a SMOG figure gives, as a reading age in years (grade + 5)."""
    return round(grade + 5)


def normal(sentence: str) -> str:
    """A sentence reduced for comparison: lowercase words, no punctuation."""
    return " ".join(w.lower().replace("’", "'") for w in words(sentence))


def shared_sentences(pages: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Sentences of SHARED_WORDS or more words that appear on two or more pages.

    pages maps a page's name to its texts (Markdown allowed); returns sentence -> page names.
    """
    seen: dict[str, set[str]] = {}
    for page, texts in pages.items():
        for text in texts:
            for sentence in sentences(text):
                key = normal(sentence)
                if len(key.split()) >= SHARED_WORDS:
                    seen.setdefault(key, set()).add(page)
    return {s: sorted(where) for s, where in sorted(seen.items()) if len(where) > 1}


def career_texts(doc) -> list[str]:  # noqa: ANN001 - a load.Document
    """The texts of a career page that count for repeated sentences."""
    data = doc.data
    return [doc.body, *(str(data.get(k, "")) for k in ("summary", "entry_requirements", "hours"))]


def main(argv: list[str] | None = None) -> int:
    """Print readability per career and repeated sentences: python -m careersite.quality [FAMILY...]"""
    import statistics
    import sys
    from pathlib import Path

    from .load import load_content

    families = set(argv if argv is not None else sys.argv[1:])
    docs = [d for d in load_content(Path("."))[0] if d.kind == "career" and d.readable]
    grades = {d.slug: smog(d.body) for d in docs}
    for doc in sorted(docs, key=lambda d: -grades[d.slug]):
        if not families or doc.family in families:
            flag = "  TOO HARD" if grades[doc.slug] > SMOG_MAX else ""
            print(f"{grades[doc.slug]:5.1f}  {doc.family}/{doc.slug}{flag}")
    if grades:
        print(
            f"median SMOG over all {len(grades)} careers: {statistics.median(grades.values()):.2f}"
        )
    shared = shared_sentences({d.slug: career_texts(d) for d in docs})
    wanted = {d.slug for d in docs if not families or d.family in families}
    bad = {s: pages for s, pages in shared.items() if wanted & set(pages)}
    for sentence, pages in bad.items():
        print(f"REPEATED on {', '.join(pages)}: {sentence}")
    return 1 if bad or any(grades[s] > SMOG_MAX for s in wanted) else 0


if __name__ == "__main__":
    raise SystemExit(main())
