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
from typing import Any

from jinja2 import Environment, nodes
from jinja2.meta import find_referenced_templates
from pydantic import BaseModel

from . import model as model_module
from .cache import Store, digest

ALL = None  # a template that hands `site` on whole reads every attribute


# The objects many pages share, each hashed once a build and then stood in for by its hash;
# the rest (links, tags, pay) are small and pickled where they are.
SHARED = ("Career", "CareerCard", "Family", "Route", "WayIn", "Organisation", "OrgCard",
          "Ambassador", "AmbassadorCard", "CaseStudy", "Interest", "Diagram", "FinderResult")  # fmt: skip


class Digests:
    """Hashes of values and everything they hold, the same in every process.

    Pickle does the walk, in C. Its memo is off, so the bytes do not depend on which equal
    strings happen to be one object. Objects of the SHARED classes are hashed once, as their
    fields, and stand in by that hash wherever they recur, so a family shown on 600 careers'
    pages costs one hash, not 600. Validated models pickle as their fields alone (their set of
    fields given is ordered by string hashes). The model holds no sets: a test rebuilds in a
    new process and expects every page from the cache.
    """

    def __init__(self) -> None:
        self._done: dict[int, tuple[Any, bytes]] = {}  # id -> (the object, kept alive; hash)
        self._table: dict[type, Any] = {kind: _fields for kind in _models()}
        for module in (model_module,):
            for name in SHARED:
                self._table[getattr(module, name)] = self._stand_in

    def __call__(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = self._table
        pickler.fast = True
        pickler.dump(value)
        return digest(buffer.getvalue())

    def _stand_in(self, obj: Any) -> tuple[Any, ...]:
        found = self._done.get(id(obj))
        if found is None:
            own = self((type(obj).__qualname__, tuple(obj.__dict__.items())))
            found = self._done[id(obj)] = (obj, own)
        return _held, (found[1],)


def _held(hashed: bytes) -> None:  # pragma: no cover - stands for a hashed object; never called
    raise TypeError("a hash pickle is for hashing only")


def _fields(obj: BaseModel) -> tuple[Any, ...]:
    return type(obj), (), tuple(obj.__dict__.items())


def _models() -> list[type]:
    """Every validated model class."""
    found: list[type] = []
    todo = list(BaseModel.__subclasses__())
    while todo:
        kind = todo.pop()
        found.append(kind)
        todo += kind.__subclasses__()
    return found


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

    def attrs(self, names: tuple[str, ...]) -> bytes:
        """A hash of the site's attributes of these names."""
        return digest(*(self._attr(name) for name in names))

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
