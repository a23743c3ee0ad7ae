"""Write stage: rendered files -> a new directory, swapped into place only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

# written into every site a build makes, so a later build knows the folder is its own to replace
MARKER = ".careersite-build"
MARKER_TEXT = b"This folder was written by careersite's build.py; the next build replaces it.\n"


class UnsafeOutput(ValueError):
    """The output folder would replace sources, the project, or files a build did not make."""


SOURCES = ("content", "templates", "static", "careersite", "tests")


def unsafe_output(out: Path, root: Path, project: Path) -> str | None:
    """Say why out may not be written (replaced whole) by a build, or return None."""
    target, root, project = out.resolve(), root.resolve(), project.resolve()
    shown = str(out)
    homes = tuple(dict.fromkeys((root, project)))  # in this order, once each
    if target.exists() and not target.is_dir():
        return f"--out {shown} is a file, not a folder"
    for home in homes:
        if home.is_relative_to(target):
            what = "is" if home == target else "holds"
            return f"--out {shown} {what} the project folder {home}: the build replaces its output folder whole"
    for home in homes:
        for name in SOURCES:
            source = home / name
            if target.is_relative_to(source):
                where = "is" if target == source else "is inside"
                return f"--out {shown} {where} the source folder {source}: choose a folder of its own, like site/"
    default = root / "site"
    if (
        target != default
        and target.is_dir()
        and any(target.iterdir())
        and not made_by_build(target)
    ):
        return (
            f"--out {shown} already holds files that a build did not make, and a build replaces "
            "its output folder whole: choose a new or empty folder"
        )
    return None


def write_site(
    files: dict[str, bytes],
    target: Path,
    index: Callable[[Path], dict[str, bytes]] | None = None,
    same: Callable[[str], bool] | None = None,
) -> tuple[dict[str, bytes], threading.Thread | None]:
    """Write files into a fresh directory beside target, then swap it in for target.

    index, if given, runs on the fresh directory before the swap, adds files to it (the search
    index) and returns them; if it raises, nothing is swapped. same(path), if given, says target
    already holds exactly the new bytes at path: that file is linked, not written again.
    Returns the files index added and the thread removing the old tree (join it).
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        os.chmod(fresh, 0o755)
        _write_all(fresh, files, target, same)
        added = index(fresh) if index is not None else {}
        (fresh / MARKER).write_bytes(MARKER_TEXT)
        return added, _swap(fresh, target)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def _write_all(
    folder: Path, files: dict[str, bytes], target: Path, same: Callable[[str], bool] | None
) -> None:
    made: set[str] = set()
    for rel, data in sorted(files.items()):
        parent = os.path.dirname(rel)
        if parent not in made:
            os.makedirs(folder / parent, exist_ok=True)
            made.add(parent)
        if same is not None and same(rel):
            try:
                os.link(target / rel, folder / rel)
                continue
            except OSError:  # another file system, or links not allowed: write it
                pass
        (folder / rel).write_bytes(data)


def _swap(fresh: Path, target: Path) -> threading.Thread | None:
    """Replace target with fresh; the old tree is removed, in a thread, once fresh is in place."""
    if not target.exists():
        fresh.rename(target)
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        fresh.rename(target)
    except BaseException:
        old.rename(target)
        raise
    remover = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
    remover.start()
    return remover


def update_site(
    files: dict[str, bytes], target: Path, changed: Callable[[str], bool], keep: str
) -> None:
    """Bring target, as the last build left it, up to date in place: the live preview's way.

    Each changed file is written beside its old self and renamed over it, so a page is never
    half-written; files no longer made are removed, but nothing under keep (the search index).
    Quicker than writing a whole new site, but a reader may briefly see old and new pages
    together, so only the preview does it.
    """
    for rel, data in files.items():
        if changed(rel):
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f".{path.name}.part")
            part.write_bytes(data)
            os.replace(part, path)
    for folder, _, names in os.walk(target, topdown=False):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), target).replace(os.sep, "/")
            if rel not in files and rel != MARKER and not rel.startswith(f"{keep}/"):
                os.unlink(os.path.join(folder, name))
        if folder != str(target) and not os.listdir(folder):
            os.rmdir(folder)


def made_by_build(folder: Path) -> bool:
    """Did a build write this folder (so that a build may replace it)?"""
    marker = folder / MARKER
    return marker.is_file() and marker.read_bytes() == MARKER_TEXT
