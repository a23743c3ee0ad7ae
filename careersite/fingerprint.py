"""Keys for cached pages: a hash of everything a page's HTML is made from.

A page is its template (with every template it extends, includes or imports), the values
handed to it (title, breadcrumbs, the career or family it shows, with everything they hold,
like related careers' titles and pay) and the attributes of `site` its templates read (the
navigation, the A to Z, the routes). Two builds that agree on all of that render the same
bytes, so the page can come from the cache. The code's own version is part of the cache.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import is_dataclass
from typing import Any

from jinja2 import Environment, nodes
from jinja2.meta import find_referenced_templates
from pydantic import BaseModel

from .cache import Store, digest

ALL = None  # a template that hands `site` on whole reads every attribute


class Digests:
    """Hashes of values and everything they hold, the same in every process.

    Each model object (a dataclass or a validated model) is hashed once, with the objects it
    holds standing in by their own hashes, so a family shared by 600 careers' pages costs one
    hash, not 600. Hashed objects are kept alive here, so an id is never reused for another.
    Sets would pickle in an order that changes between processes: the model holds none (a test
    rebuilds in a new process and expects every page from the cache).
    """

    def __init__(self) -> None:
        self._done: dict[int, tuple[Any, bytes]] = {}

    def __call__(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self, value).dump(value)
        return digest(buffer.getvalue())

    def of(self, obj: Any) -> bytes:
        found = self._done.get(id(obj))
        if found is None:
            found = self._done[id(obj)] = (obj, self(obj))
        return found[1]


class _Pickler(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, digests: Digests, top: Any) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.digests, self.top = digests, top

    def reducer_override(self, obj: Any) -> Any:
        # called for every object but str, bytes, numbers, lists, tuples, dicts and sets
        if obj is self.top:
            if isinstance(obj, BaseModel):  # its set of fields given is ordered by string hashes
                return type(obj), (), tuple(obj.__dict__.items())
            return NotImplemented
        if isinstance(obj, BaseModel) or (is_dataclass(obj) and not isinstance(obj, type)):
            return _held, (self.digests.of(obj),)
        return NotImplemented


def _held(hashed: bytes) -> None:  # pragma: no cover - stands for a hashed object; never called
    raise TypeError("a hash pickle is for hashing only")


class PageKeys:
    """Work out page keys for one build, hashing each template and site attribute once."""

    def __init__(self, env: Environment, site: Any, cache: Store) -> None:
        self.env, self.site, self.cache = env, site, cache
        self._sources: dict[str, tuple[bytes, tuple[str, ...] | None, tuple[str, ...]]] = {}
        self._closures: dict[str, tuple[bytes, tuple[str, ...] | None]] = {}
        self._attrs: dict[str, bytes] = {}
        self.digest = Digests()

    def key(self, template: str, values: tuple[Any, ...]) -> bytes:
        """The key of a page rendered by template from values (and the site it reads)."""
        templates, attrs = self._closure(template)
        if attrs is ALL:
            attrs = tuple(vars(self.site))
        return digest(
            b"page", templates, self.digest(values), *(self._attr(name) for name in attrs)
        )

    def _attr(self, name: str) -> bytes:
        if name not in self._attrs:
            self._attrs[name] = self.digest(getattr(self.site, name))
        return self._attrs[name]

    def _closure(self, name: str) -> tuple[bytes, tuple[str, ...] | None]:
        """A hash of name and the templates it uses, and the site attributes they read."""
        if name not in self._closures:
            seen: list[str] = []
            todo = [name]
            attrs: set[str] | None = set()
            while todo:
                current = todo.pop()
                if current in seen:
                    continue
                seen.append(current)
                _, reads, uses = self._source(current)
                attrs = None if reads is ALL or attrs is None else attrs | set(reads)
                todo += uses
            parts = [self._source(n)[0] for n in sorted(seen)]
            self._closures[name] = (digest(*parts), None if attrs is None else tuple(sorted(attrs)))
        return self._closures[name]

    def _source(self, name: str) -> tuple[bytes, tuple[str, ...] | None, tuple[str, ...]]:
        """A template's source hash, the site attributes it reads and the templates it uses."""
        if name not in self._sources:
            source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
            hashed = digest(name.encode(), source.encode("utf-8"))
            found = self.cache.get("template reads", hashed)
            if found is None:
                found = _reads(self.env, source)
                self.cache.put("template reads", hashed, found)
            self._sources[name] = (hashed, *found)
        return self._sources[name]


def _reads(env: Environment, source: str) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """The `site.x` attributes a template reads (ALL if it uses `site` whole) and its templates."""
    tree = env.parse(source)
    names = sum(1 for n in tree.find_all(nodes.Name) if n.name == "site")
    reads = [
        n.attr
        for n in tree.find_all(nodes.Getattr)
        if isinstance(n.node, nodes.Name) and n.node.name == "site"
    ]
    uses = tuple(find_referenced_templates(tree))
    if None in uses:
        raise ValueError("a template names another template by a variable")  # not in this project
    # every use of `site` is `site.x`: the page reads only those; otherwise it reads all of it
    return (tuple(sorted(set(reads))) if names == len(reads) else ALL), uses  # type: ignore[return-value]
