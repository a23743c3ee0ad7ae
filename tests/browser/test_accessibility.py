"""Accessibility, valid HTML and print, in a real browser (issue #13).

axe-core runs with the WCAG 2.0, 2.1 and 2.2 A and AA rules on every page of the test site and
on a real page of every page type. Rules axe cannot decide ("incomplete") are allowed only
where the reason is written down below.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from careersite.pipeline import PROJECT

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}

# axe's "incomplete" results: what it could not decide, and why each is fine here
UNDECIDED = {
    # text over a background axe cannot compute (the SVG charts and diagrams, text inside
    # absolutely placed or clipped elements): their colours are the site's own dark text on
    # white, checked by hand at 4.5:1 or more
    "color-contrast": "SVG text and clipped elements: the site's dark text on white",
    # an element axe cannot see because it is hidden until JavaScript shows it
    "target-size": "elements hidden until JavaScript shows them",
    # the table-wrap regions scroll only when the table is wider than the screen
    "scrollable-region-focusable": "table regions that scroll are focusable (tabindex=0)",
    "aria-allowed-role": "role=region on a focusable table wrapper",
}

# one real page of every page type
REAL_PAGES = [
    "/", "/careers/", "/careers/paramedic/", "/families/nursing/", "/families/nursing/compare/",
    "/interests/caring/", "/ways-in/", "/ways-in/apprenticeships/", "/routes/",
    "/routes/healthcare-science-assistant-to-clinical-scientist/", "/work-experience/",
    "/organisations/northbrook-hospitals/", "/ambassadors/", "/ambassadors/amira-northbrook/",
    "/commitments/", "/case-studies/", "/teachers/", "/print/pharmacy/", "/search/?q=nurse",
    "/finder/", "/finder/caring/", "/finder/caring/gcses/", "/compare/?careers=porter,dentist",
    "/careers/labels/no-degree/", "/about/", "/for-employers/", "/404.html",
]  # fmt: skip


def axe_check(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG)
    assert results.response["violations"] == [], results.generate_report()
    undecided = {r["id"] for r in results.response["incomplete"]}
    assert undecided <= set(UNDECIDED), undecided - set(UNDECIDED)


def test_every_page_of_the_test_site_passes_axe(browser, test_site):
    url, out = test_site
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) >= 40
    page = browser.new_context().new_page()
    for rel in pages:
        path = "/" + rel.removesuffix("index.html")
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        axe_check(page)


@pytest.mark.parametrize("path", REAL_PAGES)
def test_a_real_page_of_every_type_passes_axe(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    axe_check(page)


# --- valid HTML ---------------------------------------------------------------------------

VNU = PROJECT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_built_page_is_valid_html(site_url, test_site, tmp_path):
    if not VNU.is_file() or shutil.which("java") is None:
        message = "the Nu HTML Checker needs Java and vnu-jar: `make test` installs them"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from careersite.pipeline import build

    real = tmp_path / "real"
    assert build(PROJECT, real).ok
    for folder in (real, test_site[1]):
        done = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(folder)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        messages = json.loads(done.stderr or '{"messages": []}')["messages"]
        errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
        assert errors == [], "\n".join(errors[:20])


# --- keyboard -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/careers/paramedic/"])
def test_keyboard_reaches_everything_with_a_visible_focus(page, site_url, path):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    first = page.evaluate(
        "[document.activeElement.className, document.activeElement.getAttribute('href')]"
    )
    assert first == ["skip-link", "#maincontent"]
    assert (
        page.evaluate("document.activeElement.getBoundingClientRect().height") > 0
    )  # shown on focus
    page.keyboard.press("Enter")
    assert page.url.endswith("#maincontent")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('maincontent').contains(document.activeElement)")
    # every interactive element is reached in order, each with a focus indicator
    page.goto(site_url + path)
    wanted = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, summary, [tabindex="0"]')]
             .filter(e => e.offsetParent !== null || e.getClientRects().length).length"""
    )
    seen = 0
    for _ in range(wanted + 5):
        page.keyboard.press("Tab")
        style = page.evaluate(
            """() => { const e = document.activeElement; if (e === document.body) return null;
                 const s = getComputedStyle(e);
                 return [s.outlineStyle, s.outlineWidth, s.boxShadow, e.tagName]; }"""
        )
        if style is None:
            break
        outline, width, shadow, tag = style
        visible = (outline != "none" and width != "0px") or shadow != "none"
        assert visible, f"{tag} has no visible focus indicator"
        seen += 1
    assert seen >= wanted


# --- reflow and zoom ----------------------------------------------------------------------

REFLOW_PAGES = [
    "/", "/careers/", "/careers/paramedic/", "/families/doctors/compare/", "/print/nursing/",
    "/routes/medical-student-to-general-surgeon/", "/commitments/", "/work-experience/",
    "/search/?q=nurse", "/finder/caring/at-school/", "/case-studies/",
]  # fmt: skip


@pytest.mark.parametrize("zoom", ["320px", "200% text"])
def test_pages_reflow_at_320px_and_200_percent_text(browser, site_url, zoom):
    width = 320 if zoom == "320px" else 1280
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    for path in REFLOW_PAGES:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        if zoom != "320px":
            page.add_style_tag(content="html { font-size: 200% !important; }")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        # nothing sticks out of the page: every box ends inside the viewport, except inside
        # regions that scroll on purpose (wide tables)
        outside = page.evaluate(
            """(width) => [...document.querySelectorAll('main *, header *, footer *')]
                 .filter(e => !e.closest('.table-wrap') && e.getClientRects().length)
                 .filter(e => e.getBoundingClientRect().right > width + 1)
                 .map(e => e.tagName + '.' + e.className).slice(0, 5)""",
            width,
        )
        assert outside == [], f"{path}: {outside}"


# --- print --------------------------------------------------------------------------------


def pdf_pages(page, url: str) -> tuple[int, str]:
    from pypdf import PdfReader

    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    data = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def longest(paths: list[Path]) -> str:
    return max(paths, key=lambda p: p.stat().st_size).stem


def test_the_longest_career_prints_on_two_pages_with_its_address_and_review_date(page, site_url):
    slug = longest(list((PROJECT / "content/careers").glob("*/[!_]*.md")))
    count, text = pdf_pages(page, f"{site_url}/careers/{slug}/")
    assert count <= 2, slug
    assert f"/careers/{slug}/" in text and "Last reviewed" in text
    assert "Skip to main content" not in text and "Search careers" not in text  # chrome hidden
    assert "No cookies, no tracking" not in text  # footer hidden


def test_the_longest_route_prints_on_one_page(page, site_url):
    slug = max(
        (PROJECT / "content/routes").glob("*.yaml"),
        key=lambda p: (p.read_text().count("- career:"), p.stat().st_size),
    ).stem
    count, text = pdf_pages(page, f"{site_url}/routes/{slug}/")
    assert count == 1, slug
    assert "Step 1" in text


def test_print_pack_has_a_cover_contents_and_a_page_per_career(page, site_url, built_real):
    html = built_real.files["print/pharmacy/index.html"].decode()
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))  # unique ids
    careers = html.count('<article class="print-career"')
    count, text = pdf_pages(page, f"{site_url}/print/pharmacy/")
    assert count >= careers + 1 and "Contents" in text
    starts = page.evaluate(
        "[...document.querySelectorAll('.print-career')].map(e => getComputedStyle(e).breakBefore)"
    )
    assert set(starts) == {"page"}


def test_external_links_print_their_address_and_backgrounds_are_dropped(page, site_url):
    page.goto(f"{site_url}/careers/paramedic/")
    page.emulate_media(media="print")
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.sources a[href^=\"http\"]'), '::after').content"
    )
    assert "http" in after
    backgrounds = page.evaluate(
        """[...document.querySelectorAll('main *')].map(e => getComputedStyle(e).backgroundColor)
             .filter(c => c !== 'rgba(0, 0, 0, 0)' && c !== 'rgb(255, 255, 255)')"""
    )
    assert backgrounds == []


def test_print_button_appears_only_with_javascript(browser, site_url):
    on = browser.new_context().new_page()
    on.goto(f"{site_url}/careers/porter/")
    assert on.is_visible("[data-print]")
    off = browser.new_context(java_script_enabled=False).new_page()
    off.goto(f"{site_url}/careers/porter/")
    assert off.is_hidden("[data-print]")


def test_no_page_asks_for_a_missing_favicon(page, site_url):
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    page.goto(f"{site_url}/careers/porter/")
    page.wait_for_load_state("networkidle")
    assert missing == []
