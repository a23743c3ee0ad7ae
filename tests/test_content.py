"""The real content/ builds with zero problems and covers what the starter content promises."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from careersite.load import load_content
from careersite.pipeline import build
from careersite.quality import SMOG_MAX, SMOG_MEDIAN_MAX, career_texts, shared_sentences, smog
from careersite.report import FAMILY_FLOORS

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = {
    "allied-health-professions", "ambulance-service", "dental", "doctors", "healthcare-science",
    "digital-data-informatics", "estates-facilities", "healthcare-support-workers", "management",
    "medical-associate-professions", "midwifery", "nursing", "pharmacy", "psychological-professions",
    "public-health", "wider-healthcare-team",
}  # fmt: skip


@pytest.fixture(scope="module")
def result():
    return build(ROOT, None, today=date.today())


@pytest.fixture(scope="module")
def docs():
    return load_content(ROOT)[0]


# warnings that appear as time passes (a review or a consent getting old) are the build's to
# report to editors; they must not turn CI red for a change that has nothing to do with them
AGEING = ("more than 12 months ago", "more than three years ago")


def test_real_content_has_zero_problems(result):
    assert [str(p) for p in result.errors] == []
    assert [
        str(p) for p in result.problems if not p.advice and not any(a in p.message for a in AGEING)
    ] == []


# the floors of the careers content issues (#6, #7, #8), which the health report also uses
FLOORS = FAMILY_FLOORS
PART_TOTALS = (  # each issue's families together
    ({"allied-health-professions", "ambulance-service", "dental", "midwifery", "nursing",
      "healthcare-support-workers", "pharmacy", "medical-associate-professions"}, 110),
    ({"doctors", "healthcare-science"}, 130),
    ({"psychological-professions", "public-health", "digital-data-informatics",
      "estates-facilities", "management", "wider-healthcare-team"}, 112),
)  # fmt: skip


def test_all_sixteen_families_meet_their_floors(docs):
    families = {d.family for d in docs if d.kind == "family"}
    assert families == FAMILIES == set(FLOORS)
    count = Counter(d.family for d in docs if d.kind == "career")
    short = {f: (count[f], floor) for f, floor in FLOORS.items() if count[f] < floor}
    assert short == {}, "family: (careers, floor)"
    for part, total in PART_TOTALS:
        assert sum(count[f] for f in part) >= total, sorted(part)


def test_no_sentence_of_twelve_words_on_two_career_pages(docs):
    careers = [d for d in docs if d.kind == "career"]
    shared = shared_sentences({d.slug: career_texts(d) for d in careers})
    assert shared == {}


def test_careers_are_plain_english(docs):
    grades = {d.slug: smog(d.body) for d in docs if d.kind == "career"}
    too_hard = {slug: round(g, 1) for slug, g in grades.items() if g > SMOG_MAX}
    assert too_hard == {}
    assert statistics.median(grades.values()) <= SMOG_MEDIAN_MAX


def test_every_career_has_other_names_for_search(docs):
    missing = [d.slug for d in docs if d.kind == "career" and not d.data.get("also_called")]
    assert missing == []


def test_starter_content_covers_every_page_type(docs, result):
    count = {
        kind: sum(1 for d in docs if d.kind == kind)
        for kind in ("way_in", "route", "organisation", "ambassador")
    }
    assert count["way_in"] >= 3 and count["route"] >= 2
    assert count["organisation"] >= 2 and count["ambassador"] >= 3
    assert {d.slug for d in docs if d.kind == "page"} >= {"about", "accessibility", "privacy"}
    for path in (
        "ways-in/apprenticeships/index.html",
        "routes/healthcare-assistant-to-nurse/index.html",
    ):
        assert path in result.files


def test_shipped_organisations_are_marked_sample(docs):
    for doc in docs:
        if doc.kind == "organisation":
            assert doc.data.get("sample") is True, doc.path


def test_pay_table_is_agenda_for_change_2025_26(docs):
    pay = next(d for d in docs if d.kind == "data" and d.slug == "pay").data
    assert pay["year"] == "2025/26"
    assert pay["bands"]["2"] == {"min": 24465, "max": 24465}
    assert pay["bands"]["5"] == {"min": 31049, "max": 37796}
    assert pay["bands"]["9"] == {"min": 109179, "max": 125637}
    assert list(pay["bands"]) == ["2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9"]


def test_career_page_is_light(result):
    css = len(result.files["assets/site.css"])
    for path, data in result.files.items():
        if path.startswith("careers/") and path.count("/") == 2:
            assert len(data) + css < 50_000, f"{path} and its CSS weigh {len(data) + css} bytes"


# --- ways in, routes and honest labels (issue #9) ---------------------------------------

PINNED_LABELS = {
    "healthcare-assistant": ["No degree needed", "Earn while you learn"],
    "pharmacy-technician": ["No degree needed", "Earn while you learn"],
    "paramedic": ["Earn while you learn", "Degree apprenticeship"],
    "adult-nurse": ["Earn while you learn", "Degree apprenticeship"],
    "gp": ["Paid training after your degree"],
    "clinical-psychologist": ["Paid training after your degree"],
}


def test_labels_of_real_careers_are_honest(result):
    data = {c["slug"]: c for c in json.loads(result.files["data/careers.json"])["careers"]}
    assert {slug: data[slug]["labels"] for slug in PINNED_LABELS} == PINNED_LABELS
    for slug in ("gp", "anaesthetist", "dentist", "clinical-psychologist"):
        assert not data[slug]["earn_while_you_learn"] and not data[slug]["no_degree_needed"]
    for slug, labels in PINNED_LABELS.items():
        header = result.files[f"careers/{slug}/index.html"].decode().split('id="at-a-glance"')[0]
        shown = re.findall(r'<li class="flag flag--[\w-]+">([^<]+)</li>', header)
        assert shown == labels, slug


def test_at_least_thirty_routes_covering_every_family(docs):
    routes = [d for d in docs if d.kind == "route"]
    assert len(routes) >= 30
    family_of = {d.slug: d.family for d in docs if d.kind == "career"}
    covered = {family_of[s["career"]] for r in routes for s in r.data["steps"]}
    assert covered == FAMILIES
    audiences = {a for r in routes for a in r.data["for"]}
    assert audiences == {"school-leavers", "career-changers", "current-staff", "returners"}


def test_every_entry_route_has_its_own_ways_in_page(docs):
    ways = [d for d in docs if d.kind == "way_in"]
    assert len(ways) >= 14
    keys = set(next(d for d in docs if d.kind == "data" and d.slug == "entry-routes").data)
    assert {d.data["entry_route"] for d in ways} == keys


def test_careers_in_no_route_are_listed_as_advice(result, docs):
    in_routes = {s["career"] for d in docs if d.kind == "route" for s in d.data["steps"]}
    advice = {p.path.rsplit("/", 1)[1][:-3] for p in result.problems if p.advice}
    careers = {d.slug for d in docs if d.kind == "career"}
    assert advice == careers - in_routes


# --- commitments (issue #10) ---------------------------------------------------------------


def test_sample_commitments_cover_every_region_and_both_outcomes(docs, result):
    orgs = [d for d in docs if d.kind == "organisation"]
    assert len(orgs) >= 21
    by_region = Counter(d.data["region"] for d in orgs)
    assert all(by_region[r] >= 3 for r in by_region) and len(by_region) == 7
    kinds = {d.data["kind"] for d in orgs}
    assert {"acute-trust", "mental-health-trust", "community-trust", "ambulance-trust"} <= kinds
    assert {"gp-practice", "university"} <= kinds
    ambassadors = [d for d in docs if d.kind == "ambassador"]
    assert len(ambassadors) >= 40 and len({d.data["career"] for d in ambassadors}) >= 20
    data = json.loads(result.files["data/organisations.json"])
    meets = [o["ambassadors"]["meets_minimums"] for o in data["organisations"] if o["ambassadors"]]
    assert True in meets and False in meets
    assert len(data["totals"]["england"]) >= 2  # year on year
    assert "for-employers/index.html" in result.files
