"""Comparing careers with JavaScript, and axe on the finder, compare and start pages."""

from __future__ import annotations

import pytest

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def compared(page) -> list[str]:
    page.wait_for_selector("#compare-table table")
    return page.eval_on_selector_all("#compare-table thead th a", "a => a.map(x => x.pathname)")


def test_a_shared_comparison_address_shows_the_chosen_careers(browser, site_url):
    address = f"{site_url}/compare/?careers=porter,paramedic,dentist"
    first = browser.new_context().new_page()
    first.goto(address)
    assert compared(first) == ["/careers/porter/", "/careers/paramedic/", "/careers/dentist/"]
    text = first.text_content("#compare-table")
    assert "£24,465" in text and "Dentists are not on Agenda for Change" in text
    # the same address in a fresh browser (nothing stored) gives the same table
    other = browser.new_context().new_page()
    other.goto(address)
    assert compared(other) == compared(first)
    assert "Comparing 3 careers" in other.text_content("#compare-status")


def test_add_buttons_build_a_comparison_of_up_to_three(page, site_url):
    for slug in ("porter", "phlebotomist", "paramedic", "dentist"):
        page.goto(f"{site_url}/careers/{slug}/")
        page.click(f'[data-compare-add="{slug}"]')
        page.wait_for_url("**/compare/?careers=*")
    assert compared(page) == ["/careers/phlebotomist/", "/careers/paramedic/", "/careers/dentist/"]
    assert page.url.endswith("/compare/?careers=phlebotomist,paramedic,dentist")


def test_without_javascript_there_are_no_add_buttons_and_compare_links_to_tables(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/careers/porter/")
    assert page.is_hidden("[data-compare-add]")
    page.goto(f"{site_url}/compare/")
    assert page.is_hidden("#compare-app")
    assert page.locator('a[href$="/compare/"][href^="/families/"]').count() == 16
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/finder/",
        "/finder/caring/",
        "/finder/caring/at-school/",
        "/families/nursing/compare/",
        "/compare/?careers=porter,paramedic,dentist",
        "/careers/",
    ],
)
def test_finding_pages_have_no_axe_violations(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}{path}")
    if "careers=" in path:
        page.wait_for_selector("#compare-table table")
    results = Axe().run(page, options=WCAG)
    assert results.response["violations"] == [], results.generate_report()


def test_family_comparison_fits_a_phone_without_sideways_scrolling(browser, site_url):
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    page.goto(f"{site_url}/families/doctors/compare/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # the table scrolls inside its own region, which a keyboard can reach
    assert page.get_attribute(".table-wrap", "tabindex") == "0"
