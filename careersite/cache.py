"""The build cache: what earlier builds worked out, kept in ROOT/.cache/build/ (git-ignored).

It holds parsed content files, Markdown converted to HTML, rendered pages, the link facts of
each page and Jinja's compiled templates, each under a key made from everything the value
depends on (see pipeline.py and render.py), so a hit is exactly what a clean build would make.

A cache is never trusted: every value carries a keyed hash (BLAKE2b) made with a secret that
lives outside the project, in the user's own cache folder. A cache copied from another machine
or checkout, committed by someone, or damaged on disk fails that check and is thrown away.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import secrets
import sqlite3
import sys
from pathlib import Path
from typing import Any, Protocol

FOLDER = ".cache/build"  # under the project root
FILE = "cache.sqlite"
FORMAT = 1  # bump when what is stored changes shape
_MAC_BYTES = 16
RAW = frozenset({"page"})  # kinds whose values are bytes, stored as they are (no pickled copy)


class Store(Protocol):
    """What the build stages need of a cache."""

    def get(self, kind: str, key: bytes) -> Any | None: ...

    def put(self, kind: str, key: bytes, value: Any) -> None: ...


def digest(*parts: bytes) -> bytes:
    """A short hash of parts, kept apart so ('ab', 'c') differs from ('a', 'bc')."""
    return hashlib.blake2b(_joined(parts), digest_size=20).digest()


def _joined(parts: tuple[bytes, ...]) -> bytes:
    return b"".join(b for part in parts for b in (len(part).to_bytes(8, "little"), part))


def code_version(package: Path | None = None) -> bytes:
    """Everything about the code that could change an output: its source and its libraries.

    The libraries are known by the names of the installed distributions, which carry their
    versions (jinja2-3.1.6.dist-info): cheaper than asking importlib.metadata for each.
    """
    package = package or Path(__file__).parent
    parts = [f"{FORMAT} {sys.version}".encode()]
    for folder in sys.path:
        if folder.endswith("-packages") and os.path.isdir(folder):
            parts += sorted(n.encode() for n in os.listdir(folder) if n.endswith(".dist-info"))
    for path in sorted(package.glob("*.py")):
        parts += [path.name.encode(), path.read_bytes()]
    return digest(*parts)


def secret_path() -> Path:
    """Where this user's cache secret lives: never inside a project."""
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "careersite" / "secret"


def _secret() -> bytes | None:
    path = secret_path()
    try:
        return path.read_bytes()[:32] or None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(32))
        return path.read_bytes()[:32]
    except FileExistsError:  # another build made it a moment ago
        return path.read_bytes()[:32] or None
    except OSError:
        return None


# Values already read and checked in this process, by (kind, key), for the one cache file they
# came from: a live preview's rebuilds take them from here, not from the file. Forgotten when
# another cache is opened or this one is discarded.
_SEEN: dict[tuple[str, bytes], Any] = {}
REMEMBER = [False]  # keep _SEEN at all: set by the live preview; a one-off build needs no memory
_SEEN_FOR: list[Any] = [b"", None]  # the cache _SEEN belongs to, and its file as last saved


class BuildCache:
    """Signed key-value stores, one per kind of value, in one SQLite file.

    get() verifies the value's signature before unpickling it; a bad signature discards the
    whole file. Nothing is written until save(), which also drops what this build did not use.
    """

    def __init__(self, folder: Path, root: Path, code: bytes) -> None:
        self.path = folder / FILE
        self.note = ""  # why an old cache was discarded, for --timings
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}
        self._key = _secret()
        self._owner = b""
        self._rows: dict[str, dict[bytes, tuple[bytes, bytes]]] = {}
        self._new: dict[str, dict[bytes, Any]] = {}
        self._used: dict[str, set[bytes]] = {}
        self._db: sqlite3.Connection | None = None
        self._folder = folder
        if self._key is None:
            self.note = f"the build cache is off: could not read or make {secret_path()}"
            return
        self._owner = self._mac(b"owner", str(root.resolve()).encode(), code)
        self._open(folder)

    @property
    def on(self) -> bool:
        return self._db is not None

    def _mac(self, *parts: bytes) -> bytes:
        return hashlib.blake2b(
            _joined(parts), key=self._key or b"", digest_size=_MAC_BYTES
        ).digest()

    def _open(self, folder: Path) -> None:
        """Open the store; start a new one if it is missing, foreign or damaged."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            self.note = f"the build cache is off: could not make {folder} ({err.strerror})"
            return
        for _ in range(2):
            db = None
            try:
                db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (kind TEXT, key BLOB, value BLOB,"
                    " mac BLOB, PRIMARY KEY (kind, key)) WITHOUT ROWID"
                )
                row = db.execute("SELECT value FROM entries WHERE kind = 'owner'").fetchone()
                if row is None and db.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is None:
                    db.execute("INSERT INTO entries VALUES ('owner', x'', ?, x'')", (self._owner,))
                    row = (self._owner,)
                    _SEEN.clear()  # a new cache: nothing is known yet
                if row is not None and row[0] == self._owner:
                    self._db = db
                    mine = self._owner + str(self.path).encode()
                    if [mine, self._stat()] != _SEEN_FOR:  # another cache, or changed since
                        _SEEN.clear()
                        _SEEN_FOR[:] = [mine, None]
                    return
                self.note = "the build cache was made by other code, on another machine or for another checkout, so it was discarded"
            except sqlite3.Error as err:
                self.note = f"the build cache could not be read ({err}), so it was discarded"
            if db is not None:
                db.close()
            self._remove()

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_size, info.st_mtime_ns

    def _discard(self, why: str) -> None:
        self.note = why
        _SEEN.clear()
        if self._db is not None:
            self._db.close()
            self._db = None
        self._remove()
        self._rows.clear()

    def _remove(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _load(self, kind: str) -> dict[bytes, tuple[bytes, bytes]]:
        rows = self._rows.get(kind)
        if rows is None:
            rows = {}
            if self._db is not None:
                try:
                    query = "SELECT key, value, mac FROM entries WHERE kind = ?"
                    rows = {k: (v, m) for k, v, m in self._db.execute(query, (kind,))}
                except sqlite3.Error as err:
                    self._discard(f"the build cache could not be read ({err}), so it was discarded")
            self._rows[kind] = rows
        return rows

    def get(self, kind: str, key: bytes) -> Any | None:
        """The value stored under key, or None; a value that fails its check empties the cache."""
        self._used.setdefault(kind, set()).add(key)
        if key in self._new.get(kind, {}):
            return self._new[kind][key]
        seen = _SEEN.get((kind, key))
        if seen is not None and self._db is not None:
            self.hits[kind] = self.hits.get(kind, 0) + 1
            return seen
        row = self._load(kind).get(key)
        if row is None:
            self.misses[kind] = self.misses.get(kind, 0) + 1
            return None
        value, mac = row
        if self._mac(kind.encode(), key, value) != mac:
            self._discard(
                "the build cache failed its check (changed or damaged), so it was discarded"
            )
            return None
        self.hits[kind] = self.hits.get(kind, 0) + 1
        found = value if kind in RAW else pickle.loads(value)
        if REMEMBER[0]:
            _SEEN[kind, key] = found
        return found

    def put(self, kind: str, key: bytes, value: Any) -> None:
        """Store value under key when the cache is saved."""
        self._used.setdefault(kind, set()).add(key)
        self._new.setdefault(kind, {})[key] = value  # pickled as it is saved, one at a time
        if REMEMBER[0]:
            _SEEN[kind, key] = value

    def save(self, prune: bool) -> None:
        """Write what this build added; prune: also drop what it did not use."""
        if self._db is None and self._key is not None:  # discarded during the build: start anew
            self._open(self._folder)
        if self._db is None:
            return
        try:
            self._db.execute("BEGIN")
            for kind, new in self._new.items():
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)",
                    (self._row(kind, k, v) for k, v in new.items()),
                )
            if prune:
                for kind, used in self._used.items():
                    for gone in [k for k in _SEEN if k[0] == kind and k[1] not in used]:
                        del _SEEN[gone]
                    stale = self._load(kind).keys() - used
                    self._db.executemany(
                        "DELETE FROM entries WHERE kind = ? AND key = ?",
                        ((kind, k) for k in stale),
                    )
            self._db.execute("COMMIT")
            _SEEN_FOR[1] = self._stat()
        except sqlite3.Error as err:
            self._discard(f"the build cache could not be saved ({err}), so it was discarded")
        finally:
            self._new.clear()

    def _row(self, kind: str, key: bytes, value: Any) -> tuple[str, bytes, bytes, bytes]:
        data = value if kind in RAW else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return kind, key, data, self._mac(kind.encode(), key, data)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
