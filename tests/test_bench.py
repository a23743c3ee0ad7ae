"""The benchmark's content generator makes valid content (timings live in bench/, not here)."""

from __future__ import annotations

import sys
from pathlib import Path

from careersite.pipeline import PROJECT, build

sys.path.insert(0, str(PROJECT / "bench"))
from generate import generate  # noqa: E402


def test_generated_content_builds_clean(tmp_path: Path):
    root = generate(40, tmp_path / "project")
    result = build(root, None)
    assert result.errors == []
    careers = [p for p in result.files if p.startswith("careers/career-")]
    assert len(careers) == 40
