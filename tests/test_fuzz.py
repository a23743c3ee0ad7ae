"""Fuzzing: random and mutated front matter and Markdown only ever give problems, never raise.

Hypothesis runs a fixed number of examples from a fixed seed, so CI time is bounded and a
failure can be replayed.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitekit import BASE, TODAY

from careersite.load import Document, parse_document
from careersite.markdown import MarkdownRenderer
from careersite.problems import Problem
from careersite.validate import validate_content

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# YAML and Markdown punctuation, so random text often hits real syntax
SYNTAX = list("-:[]{}#&*!|>'\"%@`,?\n \t\\()<>_=~") + ["---\n", "\n\n", "  ", "- ", "## "]
PIECES = st.one_of(st.sampled_from(SYNTAX), st.text(max_size=6))
NOISE = st.lists(PIECES, max_size=40).map("".join)


def _kind(rel: str) -> str:
    parts = rel.split("/")
    if parts[1] == "careers":
        return "family" if parts[-1] == "_index.md" else "career"
    if parts[1] in ("site.yaml",):
        return "site"
    return {
        "data": "data",
        "ways-in": "way_in",
        "routes": "route",
        "organisations": "organisation",
        "ambassadors": "ambassador",
        "pages": "page",
    }[parts[1]]


def _parse(rel: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    content_rel = PurePosixPath(rel).relative_to("content")
    return parse_document(raw, rel, _kind(rel), content_rel)  # type: ignore[arg-type]


def _docs_with(rel: str, raw: bytes) -> tuple[list[Document], list[Problem]]:
    docs, problems = [], []
    for path, text in BASE.items():
        doc, found = _parse(path, raw if path == rel else text.encode("utf-8"))
        problems += found
        if doc is not None:
            docs.append(doc)
    return docs, problems


def _only_problems(rel: str, raw: bytes) -> None:
    docs, problems = _docs_with(rel, raw)
    content, found = validate_content(docs, TODAY)
    for problem in problems + found:
        assert isinstance(problem, Problem)
        assert str(problem).startswith("content/")


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    """Apply a few random edits (insert, delete, duplicate, swap lines) to a valid file."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "duplicate", "swap"]))
        if edit == "insert":
            text = text[:at] + draw(NOISE) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 30)) :]
        elif edit == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 60))] * 2 + text[at:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


TARGETS = [
    "content/careers/nursing/adult-nurse.md",
    "content/organisations/northwood.yaml",
    "content/routes/hca-to-nurse.yaml",
    "content/ambassadors/sam.md",
    "content/data/entry-routes.yaml",
    "content/site.yaml",
]


@FUZZ
@given(data=st.data())
def test_mutated_files_give_problems_not_exceptions(data):
    rel = data.draw(st.sampled_from(TARGETS))
    _only_problems(rel, data.draw(mutated(BASE[rel])).encode("utf-8"))


@FUZZ
@given(front=NOISE, body=NOISE)
def test_random_front_matter_and_body_give_problems_not_exceptions(front, body):
    raw = f"---\n{front}\n---\n\n## What you'll do\n\n{body}\n".encode()
    _only_problems("content/careers/nursing/adult-nurse.md", raw)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_random_bytes_give_problems_not_exceptions(raw):
    _only_problems("content/pages/about.md", raw)
    _only_problems("content/organisations/northwood.yaml", raw)


@FUZZ
@given(
    text=st.lists(
        st.one_of(PIECES, st.sampled_from(["[a](", "](/x)", "<b>", "*", "_"])), max_size=80
    ).map("".join)
)
def test_random_markdown_renders_or_reports(text):
    html, findings = MarkdownRenderer().render(text)
    assert isinstance(html, str)
    assert "<script" not in html.lower()
    for finding in findings:
        assert finding.message
