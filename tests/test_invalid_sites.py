"""Deliberately broken sites under tests/invalid/<case>/: each fails with its expected messages.

A case folder holds files laid over the base test site (tests/sitekit.py), an optional
remove.txt (paths to delete from it) and expected.txt (lines the build must print).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import messages

CASES = Path(__file__).parent / "invalid"
META = {"expected.txt", "remove.txt"}


def _case_files(case: Path) -> dict[str, str | bytes]:
    return {
        p.relative_to(case).as_posix(): p.read_bytes()
        for p in sorted(case.rglob("*"))
        if p.is_file() and p.name not in META
    }


def _lines(path: Path) -> list[str]:
    return (
        [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        if path.exists()
        else []
    )


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_broken_site_fails_with_expected_message(site_factory, run_build, case):
    folder = CASES / case
    root = site_factory(_case_files(folder), remove=tuple(_lines(folder / "remove.txt")))
    result = run_build(root)
    found = messages(result)
    for expected in _lines(folder / "expected.txt"):
        assert expected in found, "\n".join(found)
    assert not result.ok
    assert not (root / "site").exists(), "a failed build must write nothing"
