"""Benchmark: `python bench/run.py [350 1000 5000 10000]` (run by hand, never a pass/fail test).

For each size it generates synthetic content (bench/generate.py), then times three builds in
separate processes, search index left out: cold, again with nothing changed, and after
editing one career. It prints each with the process's peak memory. There is no build cache
yet (issue #14), so the rebuilds cost what a cold build costs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import PROJECT, generate


def timed_build(root: Path) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(root / "site"),
         "--no-search", "--timings"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    total = re.search(r"total +(\d+) ms, peak memory (\d+) MB", done.stdout)
    return int(total.group(1)) / 1000, int(total.group(2))


def main(sizes: list[int]) -> None:
    print(
        f"{'careers':>8} {'cold s':>8} {'no change s':>12} {'one edit s':>11} {'s/career ms':>12} {'peak MB':>8}"
    )
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = generate(count, Path(folder) / "project")
            cold, peak = timed_build(root)
            again, _ = timed_build(root)
            career = next((root / "content/careers").glob("*/career-00000.md"))
            career.write_text(
                career.read_text(encoding="utf-8").replace(
                    "## What you'll do", "## What you'll do\n\nEdited.", 1
                ),
                encoding="utf-8",
            )
            edited, _ = timed_build(root)
            print(
                f"{count:>8} {cold:>8.2f} {again:>12.2f} {edited:>11.2f} {cold / count * 1000:>12.2f} {peak:>8}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [350, 1000, 5000, 10000])
