"""Search in a real browser: queries, filters, sorting, misspellings, no JavaScript, weight, axe."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest

from browser.misspellings import QUERIES
from careersite.load import load_content
from careersite.pipeline import PROJECT

RESULTS = "#search-results li.search-result"


def slugs(page) -> list[str]:
    """Career slugs of the result links, in order (other pages as their URL)."""
    hrefs = page.eval_on_selector_all(f"{RESULTS} h2 a", "links => links.map(a => a.pathname)")
    return [m.group(1) if (m := re.match(r"^/careers/([^/]+)/$", h)) else h for h in hrefs]


def search(page, site_url: str, query: str = "", **params: str) -> None:
    url = f"{site_url}/search/?" + urllib.parse.urlencode({"q": query, **params})
    page.goto(url)
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")


def count(page) -> int:
    text = page.text_content("#search-status")
    if text.startswith("No results"):
        return 0
    return int(re.match(r"(\d+) results?", text).group(1))


@pytest.fixture(scope="module")
def data(site_url):
    with urllib.request.urlopen(f"{site_url}/data/careers.json") as r:
        careers = {c["slug"]: c for c in json.load(r)["careers"]}
    with urllib.request.urlopen(f"{site_url}/data/organisations.json") as r:
        orgs = {o["slug"]: o for o in json.load(r)["organisations"]}
    return careers, orgs


@pytest.fixture(scope="module")
def names():
    """Vocabulary names (what filters show) -> keys (what open data holds)."""
    docs, _ = load_content(PROJECT)
    vocab = {d.slug: d.data for d in docs if d.kind == "data"}
    families = {d.data["title"]: d.family for d in docs if d.kind == "family"}
    return {
        "family": families,
        "level": {v["name"]: k for k, v in vocab["qualification-levels"].items()},
        "route": {v["name"]: k for k, v in vocab["entry-routes"].items()},
        "interest": {v["name"]: k for k, v in vocab["interests"].items()},
        "region": {v["name"]: k for k, v in vocab["regions"].items()},
    }


def test_a_real_query_finds_the_career_with_its_summary(page, site_url):
    search(page, site_url, "paramedic")
    assert "paramedic" in slugs(page)[:3]
    first = page.locator(RESULTS).first
    assert first.locator("h2 a").is_visible()
    assert len(first.locator("p").first.text_content()) > 20  # the summary
    assert re.match(r"\d+ results? for “paramedic”", page.text_content("#search-status"))
    assert page.get_attribute("#search-status", "aria-live") == "polite"


def test_the_address_keeps_the_query_and_the_form_updates_it(page, site_url):
    search(page, site_url, "porter")
    assert "porter" in slugs(page)[:3]
    page.fill("#search-input", "midwife")
    page.press("#search-input", "Enter")
    page.wait_for_function(
        "document.getElementById('search-status').textContent.includes('midwife')"
    )
    assert "q=midwife" in page.url
    assert page.evaluate("document.activeElement.id") == "search-input"  # focus stays put


def test_header_search_box_reaches_the_search_page(page, site_url):
    page.goto(f"{site_url}/careers/")
    page.fill("#site-search", "dentist")
    page.press("#site-search", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=dentist"))
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    assert "dentist" in slugs(page)[:3]


@pytest.mark.parametrize(
    "facet,value",
    [
        ("kind", "Career"),
        ("kind", "Way in"),
        ("kind", "Organisation"),
        ("family", "Dental team"),
        ("level", "No formal qualifications"),
        ("route", "Apprenticeship"),
        ("interest", "I like numbers and data"),
        ("label", "No degree needed"),
        ("label", "Earn while you learn"),
        ("region", "London"),
    ],
)
def test_each_filter_narrows_to_matching_pages(page, site_url, data, names, facet, value):
    careers, orgs = data
    search(page, site_url, "nhs")
    before = count(page)
    status = page.text_content("#search-status")
    page.click("#search-filters summary")
    page.check(f'#search-filters input[name="{facet}"][value="{value}"]')
    page.wait_for_function(
        f"document.getElementById('search-status').textContent !== {json.dumps(status)}"
    )
    after = count(page)
    assert 0 < after < before
    assert f"{facet}={urllib.parse.quote_plus(value)}" in page.url  # shareable
    found = slugs(page)
    for slug in found:
        if facet == "kind":
            prefix = {"Career": None, "Way in": "/ways-in/", "Organisation": "/organisations/"}[
                value
            ]
            assert (slug in careers) if prefix is None else slug.startswith(prefix), slug
        elif facet == "region":
            assert orgs[slug.split("/")[2]]["region"] == names["region"][value], slug
        else:
            career = careers[slug]
            key = names[facet][value] if facet in names else None
            if facet == "family":
                assert career["family"] == key
            elif facet == "level":
                assert career["qualification_level"] == key
            elif facet == "route":
                assert key in career["entry_routes"]
            elif facet == "interest":
                assert key in career["interests"]
            else:
                assert value in career["labels"]


def starting_pay(career: dict) -> float:
    found = re.search(r"£([\d,]+)", career["pay"])
    return float(found.group(1).replace(",", "")) if found else float("inf")


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_careers_sort_by_starting_pay(page, site_url, data, order):
    careers, _ = data
    search(page, site_url, "", kind="Career", sort=f"pay:{order}")
    pays = [starting_pay(careers[s]) for s in slugs(page)]
    assert len(pays) == 5
    expected = sorted(pays, reverse=order == "desc")
    assert pays == expected
    if order == "asc":
        assert pays[0] == min(starting_pay(c) for c in careers.values())


def test_careers_sort_by_title(page, site_url, data):
    careers, _ = data
    search(page, site_url, "", kind="Career", sort="title:asc")
    titles = [careers[s]["title"] for s in slugs(page)]
    assert titles == sorted(titles, key=str.lower) and titles[0] == min(
        (c["title"] for c in careers.values()), key=str.lower
    )


def test_misspellings_and_everyday_words_find_the_career(page, site_url, record_property):
    assert len(QUERIES) >= 60
    misses = []
    for query, wanted in QUERIES:
        search(page, site_url, query)
        top = slugs(page)[:3]
        if not wanted & set(top):
            misses.append((query, top))
    rate = 1 - len(misses) / len(QUERIES)
    record_property("top3_hit_rate", rate)
    print(f"\nmisspelling top-3 hit rate: {rate:.1%} over {len(QUERIES)} queries; misses: {misses}")
    assert rate >= 0.95, misses


def test_did_you_mean_offers_close_job_titles(page, site_url):
    search(page, site_url, "fisiotherapy")
    links = page.eval_on_selector_all("#search-suggest a", "a => a.map(x => x.pathname)")
    assert "/careers/physiotherapist/" in links
    assert "Did you mean" in page.text_content("#search-status")


def test_without_javascript_the_page_says_so_and_offers_the_a_to_z(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/search/?q=nurse")
    notice = page.locator("noscript").inner_html()
    assert "Search needs JavaScript" in notice and 'href="/careers/"' in notice
    assert page.is_hidden("#search-app")
    assert page.locator("#browse-families + ul a").count() == 16
    # the A to Z page carries every title and other name, so find-in-page works
    page.goto(f"{site_url}/careers/")
    text = page.text_content("main")
    assert "Phlebotomist" in text and "Physio" in text
    context.close()


def test_first_search_downloads_at_most_150_kb(browser, site_url, record_property):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/search/")
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = {}

    def seen(response):
        if re.search(r"/(pagefind|assets/search|data/terms)", response.url):
            # bytes on the wire, as a static host sends them (the test server gzips text)
            sizes[response.url] = response.request.sizes()["responseBodySize"]

    page.on("response", seen)
    with urllib.request.urlopen(
        urllib.request.Request(f"{site_url}/assets/search.js", headers={"Accept-Encoding": "gzip"})
    ) as r:
        sizes[f"{site_url}/assets/search.js"] = len(r.read())  # loaded with the page
    page.fill("#search-input", "nurse")
    page.press("#search-input", "Enter")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('nurse')")
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    record_property("first_search_bytes", total)
    print(
        f"\nfirst search downloads {total:,} bytes: {sorted((v, k.split('/')[-1]) for k, v in sizes.items())}"
    )
    assert total <= 150 * 1024
    context.close()


def test_search_page_with_results_and_filters_has_no_axe_violations(page, site_url):
    from axe_playwright_python.sync_playwright import Axe

    search(page, site_url, "nurse")
    page.click("#search-filters summary")
    page.check('#search-filters input[name="kind"][value="Career"]')
    page.wait_for_timeout(500)
    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    assert results.response["violations"] == [], results.generate_report()


def test_filters_work_by_keyboard_and_keep_focus(page, site_url):
    search(page, site_url, "nurse")
    page.focus("#search-filters summary")
    page.keyboard.press("Enter")  # open the filters
    page.keyboard.press("Tab")  # the sort select
    page.keyboard.press("Tab")  # the first filter box
    focused = page.evaluate("document.activeElement.name")
    before = page.text_content("#search-status")
    page.keyboard.press("Space")
    page.wait_for_function(
        f"document.getElementById('search-status').textContent !== {json.dumps(before)}"
    )
    assert page.evaluate("document.activeElement.name") == focused
    assert page.evaluate("document.activeElement.checked") is True


def test_sound_keys_agree_between_the_build_and_the_browser(page, site_url):
    from careersite.render import sound_key

    source = (PROJECT / "static/assets/search.js").read_text(encoding="utf-8")
    function = re.search(r"function soundKey\(name\) \{.*?\n\}\n", source, re.S).group(0)
    names = ["Physiotherapist", "fisio", "Knee surgeon", "wrist", "Psychologist", "gnome",
             "Eye doctor", "yoga", "Kidney", "Quality manager", "Zoo", "999 call handler", "x-ray"]  # fmt: skip
    page.goto(f"{site_url}/search/")
    browser_keys = page.evaluate(f"(names) => {{ {function}; return names.map(soundKey); }}", names)
    assert browser_keys == [sound_key(n) for n in names]
