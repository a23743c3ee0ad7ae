"""Browser tests: Playwright driving Debian's chromium against the real site, built once.

In CI (CI=true) a missing browser is a failure, never a skip: `make test` installs it.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from careersite.pipeline import PROJECT, build
from careersite.serve import make_server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chrome
        chrome.close()


@pytest.fixture(scope="session")
def site_url(tmp_path_factory) -> Iterator[str]:
    """Build the real content, search index included, and serve it on 127.0.0.1."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = build(PROJECT, out, search=True)
    assert result.ok, [str(p) for p in result.errors]
    server = make_server(out, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def test_site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The small test site (tests/sitekit.py), built with its search index and served."""
    from sitekit import TODAY, make_site

    root = make_site(tmp_path_factory.mktemp("kit") / "project")
    out = root / "site"
    result = build(root, out, today=TODAY, search=True)
    assert result.ok, [str(p) for p in result.errors]
    server = make_server(out, 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()
    server.server_close()
