"""Finding a career: the start page's size, the finder's pages and order, family comparisons."""

from __future__ import annotations

import re

import pytest
from conftest import messages
from sitekit import APPLY_DIRECTLY, BASE, PAID_AFTER, TODAY, career, make_site

from careersite.pipeline import build


def many(count: int) -> dict[str, str]:
    """The base site with count extra careers in nursing."""
    files = {}
    for n in range(count):
        text = career(f"Nursing role {n:03d}").replace(
            "related: [healthcare-assistant, lab-assistant]",
            "related: [adult-nurse, lab-assistant]",
        )
        files[f"content/careers/nursing/role-{n:03d}.md"] = text
    return files


@pytest.fixture(scope="module")
def sizes(tmp_path_factory):
    out = {}
    for count in (10, 400):
        root = make_site(tmp_path_factory.mktemp(f"n{count}") / "project", many(count))
        result = build(root, None, today=TODAY)
        assert result.ok, messages(result)[:5]
        out[count] = result.files
    return out


def test_start_page_does_not_grow_with_the_number_of_careers(sizes):
    small, large = len(sizes[10]["index.html"]), len(sizes[400]["index.html"])
    assert abs(large - small) < 50  # only counts like "12 careers" change
    assert len(sizes[400]["careers/index.html"]) < 150_000  # every career, as compact rows
    assert sizes[400]["careers/index.html"].count(b'href="/careers/role-') == 400


def finder_site(tmp_path, run):
    files = {
        "content/data/entry-routes.yaml": BASE["content/data/entry-routes.yaml"]
        + APPLY_DIRECTLY
        + PAID_AFTER,
        "content/careers/nursing/porter.md": career("Porter")
        .replace("entry_routes: [degree]", "entry_routes: [apply-directly]")
        .replace("qualification_level: level-3", "qualification_level: gcse"),
        "content/careers/nursing/scientist.md": career("Scientist").replace(
            "entry_routes: [degree]", "entry_routes: [paid-after]"
        ),
    }
    root = make_site(tmp_path / "project", files)
    result = run(root, write=False)
    assert result.ok, messages(result)  # (the new careers are in no route: a warning only)
    return result


def rows(result, path: str) -> list[tuple[str, str]]:
    html = result.files[path].decode()
    return re.findall(
        r'<li><a href="/careers/([^/]+)/">.*?First step: <a href="[^"]+">([^<]+)</a>', html
    )


def test_finder_orders_by_cheapest_then_shortest_way_in(tmp_path, run_build):
    result = finder_site(tmp_path, run_build)
    # hand-worked: porter (paid job, no fees: 0, 0), healthcare assistant (apprenticeship: 0,
    # 1), adult nurse and lab assistant (student fees: 2, degree 2, +1 without A levels, then
    # A to Z); the scientist's only
    # way in needs a degree first, so it is not open from school
    assert rows(result, "finder/caring/at-school/index.html") == [
        ("porter", "Apply for a job with training"),
        ("healthcare-assistant", "Apprenticeship"),
        ("adult-nurse", "A levels or a T Level first, then: university degree"),
        ("lab-assistant", "A levels or a T Level first, then: university degree"),
    ]
    assert rows(result, "finder/caring/a-levels/index.html")[2] == (
        "adult-nurse",
        "University degree",
    )
    # with a degree, the paid training after it (0, 3) comes before the self-funded degree (2, 2)
    assert rows(result, "finder/caring/degree/index.html") == [
        ("porter", "Apply for a job with training"),
        ("healthcare-assistant", "Apprenticeship"),
        ("scientist", "Paid training after a degree"),
        ("adult-nurse", "University degree"),
        ("lab-assistant", "University degree"),
    ]


def test_every_finder_page_exists_links_onward_and_is_not_empty(built_real):
    finder = built_real.files["finder/index.html"].decode()
    interests = re.findall(r'href="/finder/([a-z-]+)/"', finder)
    assert len(interests) == 10
    for interest in interests:
        page = built_real.files[f"finder/{interest}/index.html"].decode()
        starts = re.findall(rf'href="/finder/{interest}/([a-z-]+)/"', page)
        assert starts == ["at-school", "gcses", "a-levels", "degree", "nhs-staff"]
        for start in starts:
            result = built_real.files[f"finder/{interest}/{start}/index.html"].decode()
            assert re.search(r'<li><a href="/careers/[^/]+/">', result), (interest, start)


def test_each_family_comparison_carries_every_career(built_real, real_docs):
    for family in {d.family for d in real_docs if d.kind == "family"}:
        html = built_real.files[f"families/{family}/compare/index.html"].decode()
        table = html.split("<tbody>")[1].split("</tbody>")[0]
        listed = set(re.findall(r'<th scope="row"><a href="/careers/([^/]+)/">', table))
        expected = {d.slug for d in real_docs if d.kind == "career" and d.family == family}
        assert listed == expected, family
        assert table.count("<tr>") == len(expected)
