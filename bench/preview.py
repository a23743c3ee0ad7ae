"""Benchmark the live preview: `python bench/preview.py [ROUNDS]` (by hand, never a test).

It copies the real content into a temporary project, starts `build.py serve`'s Session on it
(search index on for the first build, as serve does), opens a career page in Debian's
chromium and, ROUNDS times, edits that career's summary and times from the save to the open
page showing the new text, reloaded by itself. It prints each time, the median and the
rebuild times the server measured.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "tests"))

from browser.conftest import ARGS, CHROMIUM  # noqa: E402

from careersite.cache import FOLDER  # noqa: E402
from careersite.serve import Session  # noqa: E402


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        shutil.copytree(PROJECT / "content", root / "content")
        path = next((root / "content/careers").glob("*/paramedic.md"))
        text = path.read_text(encoding="utf-8")
        summary = next(line for line in text.splitlines() if line.startswith("summary:"))
        session = Session(root, root / "site", 0, cache=root / FOLDER, say=lambda _: None)
        with session, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(session.url + "careers/paramedic/")
            times = []
            for n in range(rounds):
                new = f"summary: Edited {n} times, paramedics answer emergency calls."
                started = time.perf_counter()
                path.write_text(text.replace(summary, new, 1), encoding="utf-8")
                expect(page.locator("p.lede")).to_have_text(new.removeprefix("summary: "))
                times.append(time.perf_counter() - started)
                print(f"round {n + 1}: save to reloaded page {times[-1] * 1000:.0f} ms", flush=True)
                time.sleep(0.5)
            browser.close()
        rebuilds = ", ".join(f"{s * 1000:.0f}" for s in session.rebuilds)
        print(f"median save to reloaded page: {statistics.median(times) * 1000:.0f} ms")
        print(f"rebuilds (ms): {rebuilds}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
