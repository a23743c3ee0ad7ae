"""The build cache: a build from the cache is byte-identical to a clean build, whatever changed.

Each test builds once to fill the cache, changes one input, builds again from the cache and
builds the same input afresh with no cache, and compares the two sites file by file.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sitekit import FILLER, TODAY, make_site

from careersite import parallel
from careersite.cache import FILE, FOLDER
from careersite.pipeline import PROJECT, Result, build


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def own_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own cache secret, as another user or machine would."""
    home = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the templates and static files, free to change."""
    code = tmp_path / "code"
    for folder in ("templates", "static"):
        shutil.copytree(PROJECT / folder, code / folder)
    return code


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_site(tmp_path / "project")


def cached(root: Path, project: Path) -> Result:
    return build(root, root / "site", TODAY, project, cache=root / FOLDER)


def clean(root: Path, project: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "clean"
    shutil.rmtree(out, ignore_errors=True)
    result = build(root, out, TODAY, project)
    assert result.ok, result.problems
    return tree(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES = {
    "template": ("templates", "career.html", "<p class=\"caption\">", "<p class=\"caption changed\">"),
    "pay figure": ("content", "data/pay.yaml", "min: 31049", "min: 31500"),
    "related career's title": (
        "content", "careers/nursing/healthcare-assistant.md", "title: Healthcare assistant", "title: Care assistant",
    ),
    "route": ("content", "routes/hca-to-nurse.yaml", "note: Then train.", "note: Then train as a nurse on a degree."),
    "family introduction": ("content", "careers/nursing/_index.md", "Nursing is a big family.", "Nursing is the biggest family."),
    "static file": ("static", "assets/site.css", "", "/* changed */\n"),
    "site title": ("content", "site.yaml", "title: Test careers", "title: Careers for testing"),
}  # fmt: skip


@pytest.mark.parametrize("change", sorted(CHANGES), ids=str)
def test_a_cached_build_equals_a_clean_one(change, root, project, tmp_path):
    where, rel, old, new = CHANGES[change]
    first = cached(root, project)
    assert first.ok, first.problems
    base = {
        "content": root / "content",
        "templates": project / "templates",
        "static": project / "static",
    }
    path = base[where] / rel
    if old:
        edit(path, old, new)
    else:
        path.write_text(path.read_text(encoding="utf-8") + new, encoding="utf-8")
    again = cached(root, project)
    assert again.ok, again.problems
    assert not again.up_to_date
    assert tree(root / "site") == clean(root, project, tmp_path)
    if where != "static":  # the change reached some pages, and others came from the cache
        assert again.made.get("page", 0) >= 1
    if change != "site title":  # every page shows the site's title
        assert again.reused.get("page", 0) >= 1


def test_an_unchanged_page_is_neither_converted_nor_rendered(root, project, tmp_path):
    assert cached(root, project).ok
    edit(
        root / "content/careers/science/lab-assistant.md",
        "## What you'll do\n",
        "## What you'll do\n\nA new first line.\n",
    )
    again = cached(root, project)
    assert again.made.get("markdown") == 1  # that body only
    assert again.made.get("document") == 1  # that file only
    pages = again.made.get("page", 0)
    assert 1 <= pages < again.reused["page"]  # its own page and the lists it is on, not the rest
    assert "A new first line." in (root / "site/careers/lab-assistant/index.html").read_text()
    assert tree(root / "site") == clean(root, project, tmp_path)


def test_nothing_changed_leaves_the_site_alone(root, project):
    assert cached(root, project).ok
    before = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    again = cached(root, project)
    assert again.ok and again.up_to_date
    assert again.pages == len([p for p in before if p.suffix == ".html"])
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == before


def test_a_site_changed_by_hand_is_built_again(root, project, tmp_path):
    assert cached(root, project).ok
    page = root / "site/careers/adult-nurse/index.html"
    page.write_text("changed by hand")
    again = cached(root, project)
    assert not again.up_to_date
    assert tree(root / "site") == clean(root, project, tmp_path)


def test_a_later_day_is_not_up_to_date(root, project):
    assert cached(root, project).ok
    later = build(
        root, root / "site", TODAY.replace(day=TODAY.day + 1), project, cache=root / FOLDER
    )
    assert later.ok and not later.up_to_date


def damage_garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database" * 100)


def damage_value(db: Path) -> None:
    with sqlite3.connect(db) as con:
        con.execute("UPDATE entries SET value = ? WHERE kind = 'page'", (b"\x80\x04\x95evil",))


def damage_truncate(db: Path) -> None:
    db.write_bytes(db.read_bytes()[:5000])


@pytest.mark.parametrize(
    "damage", [damage_garbage, damage_value, damage_truncate], ids=lambda f: f.__name__
)
def test_a_damaged_cache_is_discarded(damage, root, project, tmp_path):
    assert cached(root, project).ok
    damage(root / FOLDER / FILE)
    edit(
        root / "content/careers/nursing/_index.md",
        "Nursing is a big family.",
        "Nursing is a family.",
    )
    again = cached(root, project)
    assert again.ok
    assert "discarded" in again.cache_note
    assert tree(root / "site") == clean(root, project, tmp_path)
    assert cached(root, project).up_to_date  # and a good cache was made in its place


def test_a_cache_from_elsewhere_is_not_trusted(root, project, tmp_path, monkeypatch):
    assert cached(root, project).ok
    # another user or machine: another secret; the cache file is the same
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    again = cached(root, project)
    assert not again.up_to_date
    assert "discarded" in again.cache_note
    assert not again.reused
    assert tree(root / "site") == clean(root, project, tmp_path)


def test_a_cache_for_another_checkout_is_not_trusted(root, project, tmp_path):
    assert cached(root, project).ok
    other = tmp_path / "other-checkout"
    shutil.copytree(root, other)
    result = cached(other, project)
    assert "discarded" in result.cache_note and not result.reused


def test_a_new_process_reuses_every_page(root, tmp_path):
    """Page keys do not depend on the process (string hashing differs between processes)."""
    command = [
        sys.executable,
        str(PROJECT / "build.py"),
        "--root",
        str(root),
        "--no-search",
        "--timings",
    ]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    (root / "site/robots.txt").write_text("changed by hand")  # so the next build is not skipped
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "made anew" not in done.stdout, done.stdout
    assert " page," in done.stdout


def test_shared_rendering_equals_rendering_here(built_real, monkeypatch, tmp_path):
    """The real site is big enough to be rendered by two processes; one gives the same."""
    assert parallel.workers() < 2 or len(built_real.files) > parallel.MIN_ITEMS
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    alone = build(PROJECT, None, today=date.today())
    assert alone.files == built_real.files


def test_a_body_with_a_problem_is_cached_with_its_problem(root, project):
    path = root / "content/careers/science/lab-assistant.md"
    edit(path, "## What you'll do\n", "## What you'll do\n\n<b>bold</b> " + FILLER[:40] + "\n")
    first = cached(root, project)
    second = cached(root, project)
    assert [str(p) for p in first.problems] == [str(p) for p in second.problems]
    assert any("raw HTML" in str(p) for p in second.problems)
    assert second.reused.get("markdown", 0) >= 1
