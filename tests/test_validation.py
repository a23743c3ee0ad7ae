"""Each content rule, broken once, gives the editor one exact message naming file, line and field."""

from __future__ import annotations

import pytest
from conftest import messages
from sitekit import BASE, FILLER, career

NURSE = "content/careers/nursing/adult-nurse.md"
ORG = "content/organisations/northwood.yaml"
AMB = "content/ambassadors/sam.md"
ROUTE = "content/routes/hca-to-nurse.yaml"
WAY = "content/ways-in/apprenticeships.md"


def edit(path: str, old: str, new: str) -> dict[str, str]:
    """Replace old with new in one base file (old must be there)."""
    assert old in BASE[path], f"{old!r} not in {path}"
    return {path: BASE[path].replace(old, new, 1)}


CASES: list[tuple[str, dict[str, str], str]] = [
    # careers: keys and types
    ("unknown key", edit(NURSE, "hours:", "hoursx: 1\nhours:"),
     f"{NURSE}:6: hoursx: 'hoursx' is not a known key. Did you mean 'hours'?"),
    ("required key", edit(NURSE, "hours: 37.5 hours a week\n", ""),
     f"{NURSE}:2: hours: is required"),
    ("text expected", edit(NURSE, "hours: 37.5 hours a week", "hours: 37.5"),
     f"{NURSE}:6: hours: should be text"),
    ("list expected", edit(NURSE, "skills: [listening, staying calm, teamwork]", "skills: listening"),
     f"{NURSE}:11: skills: should be a list, like [a, b]"),
    ("summary too long", edit(NURSE, "summary: A short plain summary of the job.", "summary: " + "x" * 201),
     f"{NURSE}:3: summary: is 201 characters long; the most is 200"),
    ("too few skills", edit(NURSE, "[listening, staying calm, teamwork]", "[listening]"),
     f"{NURSE}:11: skills: needs at least 3 items"),
    ("too many skills", edit(NURSE, "[listening, staying calm, teamwork]", "[a, b, c, d, e, f, g, h, i]"),
     f"{NURSE}:11: skills: has 9 items; the most is 8"),
    ("pay needs a mapping", edit(NURSE, 'pay:\n  bands: ["5", "6"]', "pay: five"),
     f"{NURSE}:4: pay: should be a set of 'key: value' lines"),
    ("pay empty", edit(NURSE, 'pay:\n  bands: ["5", "6"]', "pay:\n  bands: []"),
     f"{NURSE}:4: pay: give 'bands', a 'note', or both"),
    ("bad date", edit(NURSE, "reviewed: 2026-10-01", "reviewed: 1st October"),
     f"{NURSE}:13: reviewed: should be a date written like 2026-11-01"),
    ("impossible date", edit(NURSE, "reviewed: 2026-10-01", "reviewed: 2026-02-30"),
     f"{NURSE}:13: reviewed: '2026-02-30' could not be read: day is out of range for month"),
    ("unsafe source url", edit(NURSE, "url: https://www.healthcareers.nhs.uk/", "url: javascript:alert(1)"),
     f"{NURSE}:16: sources[1].url: 'javascript:alert(1)' should be a web address starting with https://"),
    ("no sources", edit(NURSE, "sources:\n  - title: NHS Health Careers\n    url: https://www.healthcareers.nhs.uk/", "sources: []"),
     f"{NURSE}:14: sources: needs at least 1 item"),
    # careers: vocabularies and cross-references
    ("entry route", edit(NURSE, "entry_routes: [degree]", "entry_routes: [degree, aprenticeship]"),
     f"{NURSE}:7: entry_routes[2]: 'aprenticeship' is not an entry route. Did you mean 'apprenticeship'?"),
    ("pay band", edit(NURSE, 'bands: ["5", "6"]', 'bands: ["5", "8a"]'),
     f"{NURSE}:5: pay.bands[2]: '8a' is not an Agenda for Change band in data/pay.yaml"),
    ("qualification level", edit(NURSE, "qualification_level: level-3", "qualification_level: level3"),
     f"{NURSE}:8: qualification_level: 'level3' is not a qualification level. Did you mean 'level-3'?"),
    ("regulator", edit(NURSE, "registration: nmc", "registration: nmcc"),
     f"{NURSE}:17: registration: 'nmcc' is not a regulator in data/regulators.yaml. Did you mean 'nmc'?"),
    ("interest", edit(NURSE, "interests: [caring]", "interests: [carring]"),
     f"{NURSE}:10: interests[1]: 'carring' is not an interest. Did you mean 'caring'?"),
    ("related career", edit(NURSE, "related: [healthcare-assistant, lab-assistant]", "related: [healthcare-asistant, lab-assistant]"),
     f"{NURSE}:12: related[1]: 'healthcare-asistant' is not a career. Did you mean 'healthcare-assistant'?"),
    ("related needs two", edit(NURSE, "related: [healthcare-assistant, lab-assistant]", "related: [lab-assistant]"),
     f"{NURSE}:12: related: needs at least 2 items"),
    ("related self", edit(NURSE, "related: [healthcare-assistant, lab-assistant]", "related: [adult-nurse, lab-assistant]"),
     f"{NURSE}:12: related: a career should not list itself as related"),
    ("reviewed in future", edit(NURSE, "reviewed: 2026-10-01", "reviewed: 2027-01-01"),
     f"{NURSE}:13: reviewed: 2027-01-01 is in the future: give the date the facts were checked"),
    ("stale review warns", edit(NURSE, "reviewed: 2026-10-01", "reviewed: 2025-01-01"),
     f"{NURSE}:13: warning: reviewed: last reviewed on 2025-01-01, more than 12 months ago: check the facts and update the date"),
    # careers: body
    ("first heading", {NURSE: career("Adult nurse", body="## What you do\n\n" + FILLER)},
     f"{NURSE}:19: body: should start with the heading '## What you'll do'"),
    ("too few words", {NURSE: career("Adult nurse", body="## What you'll do\n\nShort.")},
     f"{NURSE}:19: body: has 4 words; a career has 250 to 700"),
    ("too many words", {NURSE: career("Adult nurse", body="## What you'll do\n\n" + FILLER * 3)},
     f"{NURSE}:19: body: has 903 words; a career has 250 to 700"),
    ("raw html", {NURSE: career("Adult nurse", body="## What you'll do\n\nHello <script>alert(1)</script>\n\n" + FILLER)},
     f"{NURSE}:21: body: raw HTML '<script>' is not allowed: write it in Markdown"),
    ("unsafe link", {NURSE: career("Adult nurse", body="## What you'll do\n\n[Click](javascript:alert(1))\n\n" + FILLER)},
     f"{NURSE}:21: body: the link 'javascript:alert(1)' is not allowed: use https://, mailto: or tel: links, or /site/paths/"),
    ("relative link", {NURSE: career("Adult nurse", body="## What you'll do\n\n[Nurse](careers/x/)\n\n" + FILLER)},
     f"{NURSE}:21: body: the link 'careers/x/' should start with / (like /careers/paramedic/) or https://"),
    ("second top heading", {NURSE: career("Adult nurse", body="## What you'll do\n\n" + FILLER + "\n\n# Big\n")},
     f"{NURSE}:23: body: use '##' headings: the page title is the only top heading"),
    # slugs and files
    ("duplicate slug", {"content/careers/science/adult-nurse.md": career("Nurse again")},
     f"{NURSE}: the career 'adult-nurse' is defined more than once: content/careers/nursing/adult-nurse.md, content/careers/science/adult-nurse.md"),
    ("bad slug", {"content/careers/nursing/Adult Nurse.md": career("Adult nurse")},
     "content/careers/nursing/Adult Nurse.md: the file name 'Adult Nurse' should be lowercase letters, digits and hyphens only, like 'adult-nurse'"),
    ("family without index", {"content/careers/dental/dentist.md": career("Dentist")},
     "content/careers/dental/dentist.md: the family 'dental' has no _index.md: add content/careers/dental/_index.md"),
    ("reserved page name", {"content/pages/careers.md": "---\ntitle: Careers\n---\n\nText.\n"},
     "content/pages/careers.md: the page name 'careers' is taken by the site's own /careers/: choose another"),
    ("not a content file", {"content/careers/nursing/notes.txt": "hello"},
     "content/careers/nursing/notes.txt: is not a content file: a career is careers/<family>/<slug>.md and a family is careers/<family>/_index.md"),
    ("unknown vocabulary", {"content/data/colours.yaml": "red: {name: Red}\n"},
     "content/data/colours.yaml: 'colours.yaml' is not a known vocabulary. Known ones: activities, audiences, entry-routes, interests, organisation-kinds, outreach-activities, pay, priority-groups, qualification-levels, regions, regulators."),
    ("vocabulary key", edit("content/data/interests.yaml", "science:", "Science:"),
     "content/data/interests.yaml:2: Science: the key 'Science' should be lowercase letters, digits and hyphens only, like 'science'"),
    ("pay band order", edit("content/data/pay.yaml", '"3": {min: 24937, max: 26598}', '"3": {min: 26598, max: 24937}'),
     "content/data/pay.yaml:5: bands.3: 'min' should not be more than 'max'"),
    # families, ways in, routes, pages
    ("family order", {"content/careers/nursing/_index.md": "---\ntitle: Nursing\nsummary: S.\norder: first\n---\n\nText.\n"},
     "content/careers/nursing/_index.md:4: order: should be a whole number"),
    ("way in route", edit(WAY, "entry_route: apprenticeship", "entry_route: apprentice"),
     f"{WAY}:4: entry_route: 'apprentice' is not an entry route. Did you mean 'apprenticeship'?"),
    ("way in bool", edit(WAY, "pay_while_training: true", "pay_while_training: yes please"),
     f"{WAY}:6: pay_while_training: should be true or false"),
    ("route step career", edit(ROUTE, "career: adult-nurse", "career: adult-nurses"),
     f"{ROUTE}:6: steps[2].career: 'adult-nurses' is not a career. Did you mean 'adult-nurse'?"),
    ("route step route", edit(ROUTE, "route: degree", "route: degre"),
     f"{ROUTE}:6: steps[2].route: 'degre' is not an entry route. Did you mean 'degree'?"),
    ("route audience", edit(ROUTE, "for: [school-leavers]", "for: [school-leaver]"),
     f"{ROUTE}:3: for[1]: 'school-leaver' is not an audience in data/audiences.yaml. Did you mean 'school-leavers'?"),
    ("route needs two steps", edit(ROUTE, "  - {career: adult-nurse, route: degree, note: Then train., duration: 3 years}\n", ""),
     f"{ROUTE}:4: steps: needs at least 2 items"),
    ("route step key", edit(ROUTE, "duration: 1 year}", "duraton: 1 year}"),
     f"{ROUTE}:5: steps[1].duraton: 'duraton' is not a known key. Did you mean 'duration'?"),
    ("career twice in a route", edit(ROUTE, "career: adult-nurse", "career: healthcare-assistant"),
     f"{ROUTE}:6: steps[2].career: 'healthcare-assistant' is already step 1: a career appears once in a route"),
    ("way in pay disagrees with its route", edit(WAY, "pay_while_training: true", "pay_while_training: false"),
     f"{WAY}:6: pay_while_training: is false, but the entry route 'apprenticeship' is paid (data/entry-routes.yaml): make them agree"),
    ("entry route fact missing", edit("content/data/entry-routes.yaml", "  awards_degree: false\n", ""),
     "content/data/entry-routes.yaml:1: apprenticeship.awards_degree: is required"),
    ("entry route fees", edit("content/data/entry-routes.yaml", "fees: employer", "fees: employers"),
     "content/data/entry-routes.yaml:5: apprenticeship.fees: 'employers' is not allowed here. Did you mean 'employer'?"),
    ("entry route fact type", edit("content/data/entry-routes.yaml", "enters_job: true", "enters_job: sometimes"),
     "content/data/entry-routes.yaml:9: apprenticeship.enters_job: should be true or false"),
    ("page body empty", {"content/pages/about.md": "---\ntitle: About\n---\n"},
     "content/pages/about.md:4: body: is empty: write the page under the front matter"),
    # organisations
    ("org kind", edit(ORG, "kind: acute-trust", "kind: acute"),
     f"{ORG}:2: kind: 'acute' is not a kind of organisation. Did you mean 'acute-trust'?"),
    ("org region", edit(ORG, "region: london", "region: Londn"),
     f"{ORG}:3: region: 'Londn' is not a region. Did you mean 'london'?"),
    ("org website", edit(ORG, "website: https://www.example.org/northwood", "website: www.example.org"),
     f"{ORG}:4: website: 'www.example.org' should be a web address starting with https://"),
    ("org sample bool", edit(ORG, "sample: true", "sample: maybe"),
     f"{ORG}:5: sample: should be true or false"),
    ("org priority group", edit(ORG, "priority_groups: [free-school-meals]", "priority_groups: [free-school-meal]"),
     f"{ORG}:8: work_experience.priority_groups[1]: 'free-school-meal' is not a priority group. Did you mean 'free-school-meals'?"),
    ("org family", edit(ORG, "families: [nursing]", "families: [nurses]"),
     f"{ORG}:11: work_experience.families[1]: 'nurses' is not a career family. Did you mean 'nursing'?"),
    ("org count", edit(ORG, "placements_per_year: 40", "placements_per_year: lots"),
     f"{ORG}:9: work_experience.placements_per_year: should be a whole number"),
    ("org negative count", edit(ORG, "events_per_year: 6", "events_per_year: -1"),
     f"{ORG}:23: ambassadors.events_per_year: should be at least 0"),
    ("org email", edit(ORG, "email: we@example.org", "email: we-at-example"),
     f"{ORG}:17: work_experience.contact.email: 'we-at-example' should be an email address like name@example.org"),
    ("org apply url", edit(ORG, "apply_url: https://www.example.org/apply", "apply_url: javascript:apply()"),
     f"{ORG}:16: work_experience.apply_url: 'javascript:apply()' should start with https://, mailto: or tel:"),
    ("org how to apply html", edit(ORG, "Fill in the **form**.", "Fill in the <b>form</b>."),
     f"{ORG}:15: work_experience.how_to_apply: raw HTML '<b>' is not allowed: write it in Markdown"),
    ("org no commitment", {ORG: "name: N\nkind: acute-trust\nregion: london\nwebsite: https://www.example.org/\n"},
     f"{ORG}:1: give at least one commitment: 'work_experience' or 'ambassadors'"),
    # organisations: yearly returns
    ("return before the commitment", edit(ORG, "  - {year: 2025, placements_offered", "  - {year: 2024, placements_offered"),
     f"{ORG}:27: returns[1].year: 2024 is before the first commitment (2025-01-01): returns start in the year an organisation commits"),
    ("more taken than offered", edit(ORG, "placements_offered: 40, applications: 100, placements_taken: 30", "placements_offered: 40, applications: 100, placements_taken: 41"),
     f"{ORG}:27: returns[1].placements_taken: 41 placements taken is more than the 40 placements offered"),
    ("more for priority groups than taken", edit(ORG, "priority_group_placements: 12", "priority_group_placements: 31"),
     f"{ORG}:27: returns[1].priority_group_placements: 31 placements for priority groups is more than the 30 placements taken"),
    ("return twice for a year", edit(ORG, "  - {year: 2026, placements_offered", "  - {year: 2025, placements_offered"),
     f"{ORG}:28: returns[2].year: there is already a return for 2025"),
    ("return in the future", edit(ORG, "  - {year: 2026, placements_offered", "  - {year: 2027, placements_offered"),
     f"{ORG}:28: returns[2].year: 2027 has not happened yet"),
    ("return missing a figure", edit(ORG, " kept_in_touch: 9,", ""),
     f"{ORG}:27: returns[1]: 'kept_in_touch' is required: the work experience commitment reports it every year"),
    ("return figure without its commitment", {ORG: BASE[ORG].split("ambassadors:")[0] + "returns:\n  - {year: 2025, placements_offered: 40, applications: 100, placements_taken: 30, priority_group_placements: 12, kept_in_touch: 9, events_held: 5}\n"},
     f"{ORG}:19: returns[1].events_held: counts ambassador activity, but this organisation has not made the ambassador commitment"),
    ("case study activity", edit(ORG, "activity: visits-and-tours", "activity: visits"),
     f"{ORG}:25: ambassadors.case_studies[1].activity: 'visits' is not a kind of activity in data/outreach-activities.yaml"),
    ("org region unknown", edit(ORG, "region: london", "region: wales"),
     f"{ORG}:3: region: 'wales' is not a region"),
    # ambassadors: privacy and consent
    ("ambassador surname", edit(AMB, "name: Sam", "name: Sam Jones"),
     f"{AMB}:2: name: 'Sam Jones' should be one word: a first or chosen name only, no surname"),
    ("ambassador email", edit(AMB, "I started as an apprentice.", "Write to sam.jones@nhs.net."),
     f"{AMB}:10: privacy: an ambassador file must not hold an email address: schools write to the organisation's coordinator"),
    ("ambassador phone", edit(AMB, "I started as an apprentice.", "Call me on 07700 900123."),
     f"{AMB}:10: privacy: an ambassador file must not hold a phone number: schools write to the organisation's coordinator"),
    ("ambassador consent required", edit(AMB, "consent: 2026-01-10\n", ""),
     f"{AMB}:2: consent: is required"),
    ("ambassador consent old", edit(AMB, "consent: 2026-01-10", "consent: 2023-01-10"),
     f"{AMB}:7: warning: consent: consent was recorded on 2023-01-10, more than three years ago: this profile is not published until consent is renewed"),
    ("ambassador consent future", edit(AMB, "consent: 2026-01-10", "consent: 2027-01-10"),
     f"{AMB}:7: consent: 2027-01-10 is in the future: give the date consent was recorded"),
    ("ambassador career", edit(AMB, "career: healthcare-assistant", "career: hca"),
     f"{AMB}:3: career: 'hca' is not a career"),
    ("ambassador organisation", edit(AMB, "organisation: northwood", "organisation: northwod"),
     f"{AMB}:4: organisation: 'northwod' is not an organisation. Did you mean 'northwood'?"),
    ("ambassador activity", edit(AMB, "activities: [school-talks]", "activities: [school-talk]"),
     f"{AMB}:5: activities[1]: 'school-talk' is not an activity in data/activities.yaml. Did you mean 'school-talks'?"),
    ("ambassador story length", edit(AMB, "I started as an apprentice.", FILLER),
     f"{AMB}:10: body: has 300 words; the most is 200"),
    # site settings
    ("site url", edit("content/site.yaml", "base_url: https://test.example.org/", "base_url: test.example.org"),
     "content/site.yaml:3: base_url: 'test.example.org' should be a web address starting with https://"),
]  # fmt: skip


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_gives_exact_message(site_factory, run_build, files, expected):
    result = run_build(site_factory(files), write=False)
    assert expected in messages(result), "\n".join(messages(result))


def test_base_site_has_no_problems(site_factory, run_build):
    result = run_build(site_factory(), write=False)
    assert messages(result) == []


def test_every_problem_is_reported_in_one_run(site_factory, run_build):
    files = {
        **edit(NURSE, "interests: [caring]", "interests: [carring]"),
        **edit(ORG, "region: london", "region: Londn"),
        **edit(AMB, "name: Sam", "name: Sam Jones"),
    }
    result = run_build(site_factory(files), write=False)
    assert len(result.errors) == 3
    assert {p.path for p in result.errors} == {NURSE, ORG, AMB}


def test_stale_review_is_a_warning_not_a_failure(site_factory, run_build):
    result = run_build(site_factory(edit(NURSE, "reviewed: 2026-10-01", "reviewed: 2025-01-01")))
    assert result.ok
    assert "careers/adult-nurse/index.html" in result.files


def test_ambassador_without_current_consent_is_not_published(site_factory, run_build):
    result = run_build(site_factory(edit(AMB, "consent: 2026-01-10", "consent: 2023-01-10")))
    assert result.ok
    assert "ambassadors/sam/index.html" not in result.files
    assert b"/ambassadors/sam/" not in result.files["careers/healthcare-assistant/index.html"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("content/site.yaml", "title: [unclosed\n"),
        ("content/data/regions.yaml", "london: {name: London\n"),
        (NURSE, "---\ntitle: [unclosed\n---\n"),
    ],
)
def test_an_unreadable_file_gives_one_message_not_a_cascade(site_factory, run_build, path, text):
    result = run_build(site_factory({path: text}), write=False)
    assert [p.path for p in result.problems] == [path], "\n".join(messages(result))
