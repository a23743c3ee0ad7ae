"""The live preview in a real browser: a saved edit reloads the open page by itself."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect
from sitekit import make_site

from careersite.cache import FOLDER
from careersite.serve import Session


def test_a_saved_edit_reloads_the_open_page(browser, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = make_site(tmp_path / "project")
    path = root / "content/careers/nursing/adult-nurse.md"
    good = path.read_text(encoding="utf-8")
    with Session(
        root, root / "site", 0, search=False, cache=root / FOLDER, say=lambda _: None
    ) as s:
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(s.url + "careers/adult-nurse/")
        expect(page.locator("h1")).to_have_text("Adult nurse")
        started = time.perf_counter()
        path.write_text(good.replace("title: Adult nurse", "title: Ward nurse"), encoding="utf-8")
        expect(page.locator("h1")).to_have_text("Ward nurse")  # no one pressed reload
        print(f"save to reloaded page: {(time.perf_counter() - started) * 1000:.0f} ms")
        path.write_text(
            good.replace("entry_routes: [degree]", "entry_routes: [degre]"), encoding="utf-8"
        )
        expect(page.locator("h1")).to_have_text("1 problem to fix")
        expect(page.locator("li").first).to_have_text(
            re.compile(r"content/careers/nursing/adult-nurse\.md:7: entry_routes\[1\]: 'degre'")
        )
        path.write_text(good, encoding="utf-8")
        expect(page.locator("h1")).to_have_text("Adult nurse")
        context.close()
