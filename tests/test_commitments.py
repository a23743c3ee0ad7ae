"""Work experience, ambassadors, case studies and monitoring, against hand-worked figures.

The fixture adds two organisations to the base test site:
- northwood (London, both commitments, 1 ambassador: short of the minimums), returns 2025-26;
- southfield (Midlands, ambassadors only, 5 ambassadors in 3 roles: meets every minimum);
- eastgate (Midlands, work experience only, committed in 2026).
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import messages

SOUTHFIELD = """name: Southfield Community Trust
kind: acute-trust
region: midlands
website: https://www.example.org/southfield
sample: true
ambassadors:
  committed: 2026-01-05
  senior_champion: Director of Nursing
  coordinator: {role: Outreach lead, email: outreach@example.org}
  protected_hours_per_year: 12
  events_per_year: 6
  case_studies:
    - {title: Taster day for year 10, year: 2026, activity: taster-days, summary: Pupils tried the lab., story: "We ran **three** stations."}
returns:
  - {year: 2026, ambassadors_active: 5, events_held: 6, young_people_reached: 200}
"""
EASTGATE = """name: Eastgate Practice
kind: acute-trust
region: midlands
website: https://www.example.org/eastgate
sample: true
work_experience:
  committed: 2026-02-01
  priority_groups: [career-changers]
  placements_per_year: 10
  minimum_age: 18
  families: [science]
  travel_expenses: false
  pre_placement_information: true
  keeps_in_touch: true
  how_to_apply: Email us.
  apply_url: mailto:we@example.org
  contact: {role: Practice manager, email: pm@example.org, phone: 0121 496 0000}
returns:
  - {year: 2026, placements_offered: 10, applications: 50, placements_taken: 10, priority_group_placements: 8, kept_in_touch: 10}
"""


def ambassador(name: str, career: str) -> str:
    return f"""---
name: {name}
career: {career}
organisation: southfield
activities: [school-talks]
languages: [English]
consent: 2026-03-01
---

I like my job and I talk about it in schools.
"""


FILES = {
    "content/organisations/southfield.yaml": SOUTHFIELD,
    "content/organisations/eastgate.yaml": EASTGATE,
    **{
        f"content/ambassadors/{n.lower()}.md": ambassador(n, c)
        for n, c in [
            ("Ana", "adult-nurse"),
            ("Ben", "adult-nurse"),
            ("Cy", "healthcare-assistant"),
            ("Dee", "lab-assistant"),
            ("Eli", "lab-assistant"),
        ]
    },
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import TODAY, make_site

    from careersite.pipeline import build

    root = make_site(tmp_path_factory.mktemp("commitments") / "project", FILES)
    result = build(root, None, today=TODAY)
    assert result.ok, messages(result)
    return result


def page(result, path: str) -> str:
    return result.files[path].decode("utf-8")


def section(html: str, anchor: str) -> str:
    """The HTML from the element with id=anchor to the end of its section."""
    return html.split(f'id="{anchor}"')[1].split("</section>")[0]


def test_directory_groups_organisations_by_region(built):
    html = page(built, "work-experience/index.html")
    nav = section(html, "regions-nav")
    assert 'href="/work-experience/#london"' in nav and 'href="/work-experience/#midlands"' in nav
    assert 'href="/organisations/northwood/"' in section(html, "london")
    midlands = section(html, "midlands")
    assert 'href="/organisations/eastgate/"' in midlands
    assert "/organisations/northwood/" not in midlands
    assert "/organisations/southfield/" not in html  # no work experience commitment
    card = midlands.split('href="/organisations/eastgate/"')[1]
    assert "from age 18" in card and "Career changers" in card and "<dd>No</dd>" in card


def test_guide_says_what_the_commitment_does_not_promise(built):
    guide = section(page(built, "work-experience/index.html"), "guide")
    assert "does not give you a place on a course or a job" in guide
    assert 'id="free-school-meals"' in guide  # who gets priority, from the vocabulary


def test_minimums_are_checked_per_organisation(built):
    html = page(built, "commitments/index.html")
    table = section(html, "ambassador-minimums")

    def row(slug: str) -> list[str]:
        cells = table.split(f'href="/organisations/{slug}/"')[1].split("</tr>")[0]
        return re.findall(r"<td>(.*?)</td>", cells)

    # named ambassadors, roles, events, case studies, meets every minimum
    assert row("northwood") == [
        "London",
        "1 <strong>(short)</strong>",
        "1 <strong>(short)</strong>",
        "6",
        "1",
        "No",
    ]
    assert row("southfield") == ["Midlands", "5", "3", "6", "1", "Yes"]
    totals = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert re.findall(r"<td>(\d+)</td>", totals) == ["2", "2", "1"]


def test_year_on_year_figures_match_hand_worked_values(built):
    totals = json.loads(built.files["data/organisations.json"])["totals"]
    england = {f["year"]: f for f in totals["england"]}
    assert england[2025] == {
        "year": 2025, "returns": 1, "placements_offered": 40, "applications": 100,
        "placements_taken": 30, "priority_group_placements": 12, "kept_in_touch": 9,
        "ambassadors_active": 4, "events_held": 5, "young_people_reached": 300,
        "applications_per_placement": 2.5, "take_up": 0.75, "priority_share": 0.4,
        "kept_in_touch_share": 0.3,
    }  # fmt: skip
    e26 = england[2026]
    assert (e26["returns"], e26["placements_offered"], e26["applications"]) == (3, 60, 200)
    assert (e26["placements_taken"], e26["priority_group_placements"], e26["kept_in_touch"]) == (
        50,
        28,
        20,
    )
    assert (e26["ambassadors_active"], e26["events_held"], e26["young_people_reached"]) == (
        10,
        13,
        620,
    )
    assert (e26["applications_per_placement"], e26["take_up"]) == (3.3333, 0.8333)
    assert (e26["priority_share"], e26["kept_in_touch_share"]) == (0.56, 0.4)
    midlands = totals["regions"]["midlands"]
    assert [f["year"] for f in midlands] == [2026]
    assert midlands[0]["priority_share"] == 0.8 and midlands[0]["applications_per_placement"] == 5.0
    html = page(built, "commitments/index.html")
    national = html.split('id="national-figures"')[1].split("</table>")[0]
    row = national.split('<th scope="row">2026</th>')[1].split("</tr>")[0]
    assert re.findall(r"<td>(.*?)</td>", row) == [
        "3", "60", "200", "3.3", "50", "83%", "28 (56%)", "20 (40%)", "10", "13", "620",
    ]  # fmt: skip


def test_returns_csv_and_organisations_csv_carry_the_same_figures(built):
    rows = built.files["data/returns.csv"].decode().splitlines()
    assert rows[0].startswith("organisation,region,sample,year,placements_offered")
    assert "northwood,london,True,2026,50,150,40,20,10,5,7,420" in rows
    assert "southfield,midlands,True,2026,,,,,,5,6,200" in rows  # uncovered figures left blank
    orgs = built.files["data/organisations.csv"].decode()
    assert "southfield,Southfield Community Trust" in orgs and ",True\n" in orgs


def test_every_chart_is_described_and_has_its_data_table(built):
    html = page(built, "commitments/index.html")
    figures = re.findall(r'<figure class="chart".*?</figure>', html, re.S)
    assert len(figures) >= 5
    for figure in figures:
        svg_tag = figure.split("<svg")[1].split(">")[0]
        assert 'role="img"' in svg_tag and "aria-labelledby" in svg_tag
        assert "<title" in figure and "<desc" in figure
        table = re.search(r'href="#([\w-]+)">The figures as a table', figure).group(1)
        assert f'<table id="{table}"' in html
    reach = next(f for f in figures if "Young people reached" in f)
    assert "2025: 300, 2026: 620." in reach  # the description reads the figures out


def test_case_studies_have_pages_listed_by_activity_region_and_year(built):
    html = page(built, "case-studies/index.html")
    assert 'href="/case-studies/southfield-taster-day-for-year-10/"' in section(html, "taster-days")
    assert 'href="/case-studies/northwood-a-school-visit/"' in section(html, "visits-and-tours")
    table = html.split('id="by-region-caption"')[1].split("</table>")[0]
    assert table.index("London") < table.index("Midlands")
    study = page(built, "case-studies/southfield-taster-day-for-year-10/index.html")
    assert "<strong>three</strong>" in study and 'href="/organisations/southfield/"' in study
    assert 'href="/case-studies/southfield-taster-day-for-year-10/"' in page(
        built, "organisations/southfield/index.html"
    )


def test_schools_ask_through_coordinators_never_ambassadors(built):
    html = page(built, "ambassadors/index.html")
    midlands = html.split('id="coordinators-midlands"')[1].split("<h3")[0]
    assert "outreach@example.org" in midlands
    for path, data in built.files.items():
        if path.startswith("ambassadors/") and path.count("/") == 2:
            text = data.decode()
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), path
            assert not re.search(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b", text), path
            assert "#ask-for-an-ambassador" in text


def test_career_pages_show_ambassadors_and_work_experience(built):
    html = page(built, "careers/lab-assistant/index.html")
    assert 'href="/ambassadors/dee/"' in html and 'href="/organisations/eastgate/"' in html
    assert 'href="/organisations/northwood/"' not in html  # no placements in science


def test_unknown_references_are_reported(site_factory, run_build):
    files = dict(FILES)
    files["content/ambassadors/ana.md"] = ambassador("Ana", "astronaut")
    files["content/organisations/eastgate.yaml"] = EASTGATE.replace("[science]", "[space]")
    result = run_build(site_factory(files), write=False)
    found = messages(result)
    assert "content/ambassadors/ana.md:3: career: 'astronaut' is not a career" in found
    assert (
        "content/organisations/eastgate.yaml:11: work_experience.families[1]: 'space' is not a career family"
        in found
    )


def test_a_career_page_names_ten_organisations_then_points_to_the_directory(
    site_factory, run_build
):
    # Eastgate offers science placements; eleven more like it make twelve
    more = {
        f"content/organisations/eastgate-{n}.yaml": EASTGATE.replace(
            "name: Eastgate Practice", f"name: Eastgate Practice {n}"
        ).replace("example.org/eastgate", f"example.org/eastgate-{n}")
        for n in range(11)
    }
    result = run_build(site_factory({**FILES, **more}), write=False)
    assert result.ok, messages(result)
    html = page(result, "careers/lab-assistant/index.html")
    try_it = html[html.index('id="try-it"') : html.index('id="related"')]
    assert len(re.findall(r'href="/organisations/eastgate', try_it)) == 10
    assert "And 2 more: " in try_it and 'href="/work-experience/#by-region"' in try_it
