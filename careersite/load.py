"""Load stage: content files -> raw documents with line numbers, or problems."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .cache import Store, digest
from .parallel import pmap
from .problems import Problem, field_name

try:  # the C parser is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Limits that keep any input, however hostile, quick to refuse (stated in README.md)
MAX_FILE_BYTES = 256 * 1024  # one content file; the longest real one is about 8 KB
MAX_FILES = 50_000  # files under content/; 10,000 careers fit with room to spare
MAX_DEPTH = 8  # nested lists and keys in YAML; real content goes 4 deep
# left behind by editors and systems: ignored everywhere, never reported
IGNORED = (
    ".*",
    "*~",
    "#*#",
    "*.swp",
    "*.swo",
    "*.swx",
    "*.tmp",
    "*.bak",
    "4913",
    "Thumbs.db",
    "desktop.ini",
)
_STANDARD_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Lines:
    """Where each key and list item of a YAML document starts in its file."""

    start: int
    at: dict[Loc, int] = field(default_factory=dict)

    def of(self, loc: Loc) -> int:
        """Return the line of loc, or of its nearest located parent."""
        loc = tuple(loc)
        while loc:
            if loc in self.at:
                return self.at[loc]
            loc = loc[:-1]
        return self.start


@dataclass(frozen=True)
class Document:
    """One content file as read: its metadata, body and where things are."""

    path: str  # relative to the project, for messages
    kind: str  # site, data, family, career, way_in, route, organisation, ambassador, page
    slug: str
    data: dict[str, Any]
    lines: Lines
    body: str = ""
    body_line: int = 0
    family: str = ""  # careers and families only
    text: str = ""  # the whole file, for privacy checks
    readable: bool = True  # False: the file exists but could not be read (its problems say why)


Parsed = tuple[Document | None, list[Problem]]

# (file pattern relative to content/, kind); checked in order
LAYOUT: tuple[tuple[str, str], ...] = (
    ("careers/*/_index.md", "family"),
    ("careers/*/*.md", "career"),
    ("ways-in/*.md", "way_in"),
    ("routes/*.yaml", "route"),
    ("organisations/*.yaml", "organisation"),
    ("ambassadors/*.md", "ambassador"),
    ("pages/*.md", "page"),
    ("data/*.yaml", "data"),
    ("site.yaml", "site"),
)
_WHERE = {
    "careers": "a career is careers/<family>/<slug>.md and a family is careers/<family>/_index.md",
    "ways-in": "a way in is ways-in/<slug>.md",
    "routes": "a route is routes/<slug>.yaml",
    "organisations": "an organisation is organisations/<slug>.yaml",
    "ambassadors": "an ambassador is ambassadors/<slug>.md",
    "pages": "a page is pages/<slug>.md",
    "data": "a vocabulary is data/<name>.yaml",
}


def load_content(root: Path, cache: Store | None = None) -> tuple[list[Document], list[Problem]]:
    """Read every file under root/content into documents, collecting every problem.

    cache: where documents parsed by earlier builds are kept, by their path and bytes.
    """
    content = root / "content"
    docs: list[Document] = []
    problems: list[Problem] = []
    if not content.is_dir():
        return [], [Problem(_rel(content, root), 0, "", "there is no content folder here")]
    paths, found = content_files(root)
    problems += found
    slots: list[tuple[str, str, Path, Parsed | bytes]] = []
    for path in paths:
        rel = path.relative_to(content)
        kind = _kind_of(rel)
        shown = _rel(path, root)
        if kind is None:
            hint = _WHERE.get(rel.parts[0], "see the content model in README.md")
            problems.append(Problem(shown, 0, "", f"is not a content file: {hint}"))
            continue
        slots.append((shown, kind, rel, read_document(path, shown, kind, rel, cache, parse=False)))
    # the files the cache did not have are parsed here, shared between cores if there are many
    todo = [i for i, slot in enumerate(slots) if isinstance(slot[3], bytes)]
    for i, got in zip(todo, pmap(_parse, [slots[i] for i in todo]), strict=True):
        shown, kind, rel, raw = slots[i]
        if cache is not None:
            cache.put("document", _key(shown, kind, raw), got)  # type: ignore[arg-type]
        slots[i] = (shown, kind, rel, got)
    for shown, kind, rel, got in slots:
        doc, found = got  # type: ignore[misc]
        problems += found
        if doc is None:  # keep a stub, so the file counts as there (no "missing" on top)
            slug, family = _names(kind, rel)
            doc = Document(shown, kind, slug, {}, Lines(1), family=family, readable=False)
        docs.append(doc)
    return docs, problems


def _parse(slot: tuple[str, str, Path, Any]) -> Parsed:
    shown, kind, rel, raw = slot
    return parse_document(raw, shown, kind, rel)


def _key(shown: str, kind: str, raw: bytes) -> bytes:
    return digest(shown.encode(), kind.encode(), raw)


def ignored(name: str) -> bool:
    """Is this a file or folder that editors' tools and systems leave behind?"""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in IGNORED)


def content_files(root: Path, folder: str = "content") -> tuple[list[Path], list[Problem]]:
    """List the regular files under root/folder, refusing links that lead out of root."""
    base = root.resolve()
    top = root / folder
    files: list[Path] = []
    problems: list[Problem] = []

    def refuse(path: Path, message: str) -> None:
        problems.append(Problem(_rel(path, root), 0, "", message))

    for here, dirs, names in os.walk(top):
        kept = []
        for name in sorted(d for d in dirs if not ignored(d)):
            if Path(here, name).is_symlink():
                refuse(Path(here, name), LINKED_FOLDER)
            else:
                kept.append(name)
        dirs[:] = kept  # os.walk descends only into these
        for name in sorted(n for n in names if not ignored(n)):
            path = Path(here, name)
            if path.is_symlink() and not _inside(path, base):
                refuse(path, LINK_OUTSIDE)
                continue
            try:
                mode = path.stat().st_mode
            except OSError:  # a dangling link
                refuse(path, "is a link to nothing: remove it")
                continue
            if not stat.S_ISREG(mode):
                refuse(path, "is not a regular file (a pipe or a device): remove it")
                continue
            files.append(path)
            if len(files) > MAX_FILES:
                message = (
                    f"holds more than {MAX_FILES:,} files, the most the build reads (MAX_FILES)"
                )
                return [], [Problem(_rel(top, root), 0, "", message)]
    return sorted(files), problems


LINKED_FOLDER = "is a link to a folder: content folders must be real folders, not links"
LINK_OUTSIDE = "is a link to a file outside the project: links may only point inside it"


def _inside(path: Path, base: Path) -> bool:
    try:
        return path.resolve().is_relative_to(base)
    except (OSError, RuntimeError):  # a loop of links
        return False


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _kind_of(rel: Path) -> str | None:
    for pattern, kind in LAYOUT:
        if rel.match(pattern) and len(rel.parts) == pattern.count("/") + 1:
            return kind
    return None


def _names(kind: str, rel: Path) -> tuple[str, str]:
    """Return a file's slug and, for careers and families, its family folder."""
    slug = "_index" if kind == "family" else rel.stem
    return slug, rel.parts[1] if kind in ("family", "career") else ""


def read_document(
    path: Path, shown: str, kind: str, rel: Path, cache: Store | None = None, parse: bool = True
) -> Parsed | bytes:
    """Read one file of a known kind (from the cache when its bytes are unchanged).

    parse=False: return the file's bytes when the cache does not have it parsed.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = (
            f"is {size:,} bytes; a content file may be at most {MAX_FILE_BYTES:,} bytes "
            "(MAX_FILE_BYTES): split it or remove what does not belong"
        )
        return None, [Problem(shown, 0, "", message)]
    raw = path.read_bytes()
    parsed = cache.get("document", _key(shown, kind, raw)) if cache is not None else None
    if parsed is not None:
        return parsed  # type: ignore[no-any-return]
    return parse_document(raw, shown, kind, rel) if parse else raw


def parse_document(
    raw: bytes, shown: str, kind: str, rel: Path
) -> tuple[Document | None, list[Problem]]:
    """Turn a file's bytes into a document, or say why not (never raises)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(shown, line, "", "is not UTF-8 text: save it as UTF-8")]
    # a byte order mark and Windows or old Mac line endings read exactly like plain Unix text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(shown, line, "", "holds a NUL character: save it as plain text")]
    if not text.strip():
        return None, [Problem(shown, 1, "", "is empty")]
    slug, family = _names(kind, rel)
    markdown = rel.suffix == ".md"
    if markdown:
        split = split_front_matter(text, shown)
        if isinstance(split, Problem):
            return None, [split]
        meta, body, body_line = split
        data, lines, problems = parse_yaml(meta, shown, first_line=2)
    else:
        data, lines, problems = parse_yaml(text, shown, first_line=1)
        body, body_line = "", 0
    if problems:
        return None, problems
    if not isinstance(data, dict):
        what = "front matter" if markdown else "file"
        return None, [
            Problem(shown, lines.start, "", f"the {what} should be a set of 'key: value' lines")
        ]
    doc = Document(shown, kind, slug, data, lines, body, body_line, family, text)
    return doc, []


def split_front_matter(text: str, shown: str) -> tuple[str, str, int] | Problem:
    """Split '---' front matter from the Markdown body."""
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != "---":
        return Problem(
            shown,
            1,
            "",
            "should start with front matter: a line '---', 'key: value' lines, then '---'",
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            meta = "".join(lines[1 : number - 1])
            return meta, "".join(lines[number:]), number + 1
    return Problem(
        shown, 1, "", "the front matter is never closed: add a line '---' after the last key"
    )


def parse_yaml(text: str, shown: str, first_line: int) -> tuple[Any, Lines, list[Problem]]:
    """Parse YAML safely, recording the line of every key and list item."""
    offset = first_line - 1
    try:
        refused = _refuse_structure(text, shown, offset)
        if refused is not None:
            return None, Lines(first_line), [refused]
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        reason = (err.problem or "could not be read").strip()
        return None, Lines(first_line), [Problem(shown, line, "", f"is not valid YAML: {reason}")]
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
        return (
            None,
            Lines(first_line),
            [Problem(shown, first_line, "", f"is not valid YAML: {err}")],
        )
    if node is None:
        return {}, Lines(first_line), []
    lines = Lines(node.start_mark.line + 1 + offset)
    problems: list[Problem] = []
    value = _construct(node, (), lines, offset, shown, problems)
    return value, lines, problems


def _refuse_structure(text: str, shown: str, offset: int) -> Problem | None:
    """Refuse anchors, aliases and deep nesting from the event stream, before building anything.

    Aliases can make a few lines expand to gigabytes, and deep nesting exhausts the stack;
    content needs neither, so the first one found stops the file.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 + offset
        if isinstance(event, yaml.AliasEvent):
            return Problem(
                shown,
                line,
                "",
                f"the alias '*{event.anchor}' is not allowed: write the value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            return Problem(
                shown, line, "", f"the anchor '&{anchor}' is not allowed: write values out in full"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"is nested more than {MAX_DEPTH} levels deep (MAX_DEPTH): content never needs that"
                return Problem(shown, line, "", message)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


_constructor = yaml.constructor.SafeConstructor()
# the plain values content uses: text, numbers, true/false, nothing, dates (not !!binary)
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}


def _construct(
    node: yaml.Node, loc: Loc, lines: Lines, offset: int, shown: str, problems: list[Problem]
) -> Any:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        if node.tag not in _STANDARD_TAGS:
            problems.append(
                Problem(
                    shown,
                    line,
                    field_name(loc),
                    f"the tag '{_tag(node.tag)}' is not allowed: use plain values",
                )
            )
            return None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, loc, lines, offset, shown, problems)
            key = str(key) if isinstance(key, int | float | bool) or key is None else key
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, str):
                problems.append(
                    Problem(shown, key_line, field_name(loc), "a key should be a plain word")
                )
                continue
            if key in out:
                problems.append(
                    Problem(shown, key_line, field_name((*loc, key)), "this key appears twice")
                )
            lines.at[(*loc, key)] = key_line
            out[key] = _construct(value_node, (*loc, key), lines, offset, shown, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag not in _STANDARD_TAGS:
            problems.append(
                Problem(
                    shown,
                    line,
                    field_name(loc),
                    f"the tag '{_tag(node.tag)}' is not allowed: use plain values",
                )
            )
            return None
        items = []
        for index, item in enumerate(node.value):
            lines.at[(*loc, index)] = item.start_mark.line + 1 + offset
            items.append(_construct(item, (*loc, index), lines, offset, shown, problems))
        return items
    if node.tag not in _PLAIN_TAGS:
        problems.append(
            Problem(
                shown,
                line,
                field_name(loc),
                f"the tag '{_tag(node.tag)}' is not allowed: use plain values",
            )
        )
        return None
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as err:
        reason = getattr(err, "problem", None) or str(err)
        if "integer string conversion" in reason:
            reason = "the number is far too long"
        problems.append(
            Problem(
                shown,
                line,
                field_name(loc),
                f"'{_clip(node.value)}' could not be read: {_clip(reason, 120)}",
            )
        )
        return None


def _clip(text: str, most: int = 40) -> str:
    """Shorten a value quoted in a message: a 5,000-digit number helps nobody."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")
