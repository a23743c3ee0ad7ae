"""Benchmark the live preview: `python bench/preview.py [ROUNDS]` (by hand, never a test).

It copies the real content into a temporary project, starts `build.py serve`'s Session on it
(search index on for the first build, as serve does), opens a career page in Debian's
chromium and, ROUNDS times, edits that career's summary and times from the save to the open
page showing the new text, reloaded by itself (timed to the reloaded page's
DOMContentLoaded, by the page's clock): first an edit to the body (the usual edit:
a handful of pages show it), then to the summary (shown on some 70 pages: lists, finder,
families). It prints each time, the medians and the rebuild times the server measured.
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
        session = Session(root, root / "site", 0, cache=root / FOLDER, say=lambda _: None)
        with session, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.set_default_timeout(20_000)
            page.goto(session.url + "careers/paramedic/")
            times: dict[str, list[float]] = {"body": [], "summary": []}
            for kind in times:
                for n in range(rounds):
                    now = path.read_text(encoding="utf-8")
                    if kind == "body":
                        shown = f"Edited {kind} {n}."
                        new = now.replace(
                            "## What you'll do\n", f"## What you'll do\n\n{shown}\n", 1
                        )
                        where = page.locator("article")
                    else:
                        shown = f"Edited {n} times, paramedics answer emergency calls."
                        line = next(x for x in now.splitlines() if x.startswith("summary:"))
                        new = now.replace(line, f"summary: {shown}", 1)
                        where = page.locator("p.lede")
                    saved = time.time()
                    path.write_text(new, encoding="utf-8")
                    expect(where).to_contain_text(shown)
                    # when the reloaded page had loaded, by the page's own clock (the same
                    # machine's), not when Playwright, polling, noticed it
                    loaded = page.evaluate("performance.timing.domContentLoadedEventEnd") / 1000
                    times[kind].append(loaded - saved)
                    print(
                        f"{kind} edit {n + 1}: save to reloaded page {times[kind][-1] * 1000:.0f} ms",
                        flush=True,
                    )
                    time.sleep(0.5)
            browser.close()
        for kind, took in times.items():
            print(
                f"median save to reloaded page, {kind} edit: {statistics.median(took) * 1000:.0f} ms"
            )
        print("rebuilds (ms): " + ", ".join(f"{s * 1000:.0f}" for s in session.rebuilds))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
