"""Shared fixtures: a tiny site per test, built with a fixed 'today'."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sitekit import TODAY, make_site

from careersite.pipeline import Result, build


@pytest.fixture
def site_factory(tmp_path: Path) -> Callable[..., Path]:
    """Make the base test site with changes: site_factory(files={...}, remove=(...))."""

    def factory(files: dict[str, str | bytes] | None = None, remove: tuple[str, ...] = ()) -> Path:
        return make_site(tmp_path / "project", files, remove)

    return factory


@pytest.fixture
def run_build() -> Callable[..., Result]:
    """Build a site root into root/site (or only check, with write=False) as of TODAY."""

    def run(root: Path, write: bool = True) -> Result:
        return build(root, root / "site" if write else None, today=TODAY)

    return run


def messages(result: Result) -> list[str]:
    """Every problem of a build as the editor sees it."""
    return [str(p) for p in result.problems]


@pytest.fixture(scope="session")
def built_real() -> Result:
    """The real content/, built in memory once for the session."""
    from datetime import date

    from careersite.pipeline import PROJECT

    result = build(PROJECT, None, today=date.today())
    assert result.ok, [str(p) for p in result.errors]
    return result


@pytest.fixture(scope="session")
def real_docs():
    from careersite.load import load_content
    from careersite.pipeline import PROJECT

    return load_content(PROJECT)[0]
