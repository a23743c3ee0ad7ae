"""The content health report: hand-worked figures on a small site, and sanity on the real one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sitekit import FILLER, TODAY, career

from careersite.load import load_content
from careersite.pipeline import PROJECT
from careersite.quality import smog
from careersite.report import as_dict, as_json, as_text, collect, main, word_range

HEADING = "## What you'll do\n\n"
# 12 words, 6 polysyllables (document, observations, understand, important, hospital, medication)
HARD = "You document observations and understand important hospital medication in the ward today. "
EASY = "You help people every day and explain what happens next to them. "  # 12 words, none
# 10 words, 1 polysyllable (hospital); FILLER's sentences have 10 words and none
SOME = "You help people in hospital every day and explain things. "
ONE_FILLER = FILLER[: len(FILLER) // 30]


def _reviewed(text: str, day: str) -> str:
    return text.replace("reviewed: 2026-10-01", f"reviewed: {day}")


def _also(text: str, names: str) -> str:
    return text.replace("summary:", f"also_called: [{names}]\nsummary:", 1)


def _ambassador(name: str, consent: str) -> str:
    return f"---\nname: {name.title()}\ncareer: adult-nurse\norganisation: northwood\nactivities: [school-talks]\nlanguages: [English]\nconsent: {consent}\n---\n\nI talk to schools.\n"


def _organisation(name: str, sample: str, committed: str, returns: str) -> str:
    return f"""name: {name.title()} Trust
kind: acute-trust
region: midlands
website: https://www.example.org/{name}
sample: {sample}
work_experience:
  committed: {committed}
  priority_groups: [free-school-meals]
  placements_per_year: 10
  minimum_age: 16
  families: [nursing]
  travel_expenses: true
  pre_placement_information: true
  keeps_in_touch: true
  how_to_apply: Write to us.
  apply_url: https://www.example.org/{name}/apply
  contact: {{role: Coordinator, email: we@example.org, phone: 01632 960002}}
returns: {returns}
"""


RETURN_2024 = "\n  - {year: 2024, placements_offered: 10, applications: 20, placements_taken: 8, priority_group_placements: 4, kept_in_touch: 3}"

# TODAY is 2026-11-22. Careers: adult-nurse and healthcare-assistant (nursing), lab-assistant and
# phlebotomist (science).
FILES = {
    # reviewed 2025-10-22: 396 days (13 months) ago, over validate.STALE_AFTER (365 days).
    # 20 HARD + 5 EASY sentences: 300 words (303 with the heading), 25 sentences, 120 polysyllables:
    # SMOG = 1.043 * sqrt(120 * 30 / 25) + 3.1291 = 1.043 * 12 + 3.1291 = 15.6451 (> 13: attention),
    # reading age round(20.6451) = 21
    "content/careers/nursing/adult-nurse.md": _also(
        _reviewed(career("Adult nurse", body=HEADING + HARD * 20 + EASY * 5), "2025-10-22"),
        "Nurse, RN",
    ),
    # reviewed 2026-10-22, a month ago. FILLER plus "See adult nursing.": 31 sentences, no
    # polysyllables: SMOG 3.1291, reading age 8
    "content/careers/nursing/healthcare-assistant.md": _also(
        _reviewed(
            career(
                "Healthcare assistant",
                body=HEADING + "See [adult nursing](/careers/adult-nurse/#what-youll-do).\n\n" + FILLER,
            ),
            "2026-10-22",
        )
        .replace("entry_routes: [degree]", "entry_routes: [apprenticeship]")
        .replace("related: [healthcare-assistant, lab-assistant]", "related: [adult-nurse, lab-assistant]"),
        "HCA",
    ),
    # no also_called. 8 HARD + 1 SOME + 21 FILLER sentences: 316 words, 30 sentences, 49
    # polysyllables: SMOG = 1.043 * sqrt(49 * 30 / 30) + 3.1291 = 1.043 * 7 + 3.1291 = 10.4301,
    # reading age round(15.4301) = 15 (> 14: advice)
    "content/careers/science/lab-assistant.md": career(
        "Lab assistant", body=HEADING + HARD * 8 + SOME + ONE_FILLER * 21
    ).replace(
        "related: [healthcare-assistant, lab-assistant]",
        "related: [adult-nurse, healthcare-assistant]",
    ),
    # in no route; FILLER: SMOG 3.1291
    "content/careers/science/phlebotomist.md": _also(
        career("Phlebotomist").replace(
            "related: [healthcare-assistant, lab-assistant]", "related: [adult-nurse, lab-assistant]"
        ),
        "Blood taker",
    ),
    # consent lasts 3 * 365 = 1095 days: 2023-12-23 + 1095 days = 2026-12-22, 30 days from TODAY
    "content/ambassadors/kim.md": _ambassador("kim", "2023-12-23"),
    # 2023-06-01 + 1095 days = 2026-05-31, before TODAY: ran out (sam's 2026-01-10 is fine)
    "content/ambassadors/lee.md": _ambassador("lee", "2023-06-01"),
    # the last complete year is 2025: southfield committed in 2024 and sent only 2024's return;
    # eastgate committed in 2026, so owes none yet; westbrook owes one but is not a sample
    "content/organisations/southfield.yaml": _organisation("southfield", "true", "2024-03-01", RETURN_2024),
    "content/organisations/eastgate.yaml": _organisation("eastgate", "true", "2026-02-01", "[]"),
    "content/organisations/westbrook.yaml": _organisation("westbrook", "false", "2023-01-01", "[]"),
}  # fmt: skip

# Worked by hand from the comments above. SMOG grades sorted: 3.1291, 3.1291, 10.4301, 15.6451;
# median (3.1291 + 10.4301) / 2 = 6.7796 -> 6.78. Nursing has 2 careers, its floor is 22; science
# has no floor.
HEADLINE = {
    "careers": 4,
    "reviewed_over_12_months_ago": 1,  # adult-nurse
    "median_smog": 6.78,
    "above_reading_age": 2,  # adult-nurse (21), lab-assistant (15)
    "out_of_word_range": 0,  # the build refuses these: see test_words_out_of_range_stop_the_report
    "in_no_route": 1,  # phlebotomist
    "without_also_called": 1,  # lab-assistant
    "families_below_floor": 1,  # nursing
    "consents_expiring_or_expired": 2,  # kim (30 days left), lee (ran out)
    "sample_orgs_without_recent_return": 1,  # southfield
}
WORST_FIRST = [  # severity, then path, then kind in report.KINDS order
    ("attention", "consent", "content/ambassadors/lee.md"),
    ("attention", "readability", "content/careers/nursing/adult-nurse.md"),
    ("warning", "consent", "content/ambassadors/kim.md"),
    ("warning", "family", "content/careers/nursing/_index.md"),
    ("warning", "review", "content/careers/nursing/adult-nurse.md"),
    ("warning", "also_called", "content/careers/science/lab-assistant.md"),
    ("warning", "returns", "content/organisations/southfield.yaml"),
    ("advice", "readability", "content/careers/science/lab-assistant.md"),
    ("advice", "route", "content/careers/science/phlebotomist.md"),
]


@pytest.fixture
def report(site_factory):
    return collect(site_factory(FILES), TODAY)


def test_smog_of_a_fixed_text_is_worked_by_hand():
    # 10 sentences; polysyllables: hospital, important, together (3 syllables each), no others
    text = (
        "You work in a hospital. It is important. We work together. You help people. "
        "They feel safe. You talk to them. You listen well. You stay calm. You write notes. "
        "You go home."
    )
    # 1.043 * sqrt(3 * 30 / 10) + 3.1291 = 1.043 * 3 + 3.1291 = 6.2581
    assert smog(text) == pytest.approx(6.2581, abs=1e-9)


def test_headline_numbers_are_worked_by_hand(report):
    assert report.problems == []
    assert report.headline == HEADLINE


def test_findings_come_worst_first_then_by_path(report):
    assert [(f.severity, f.kind, f.path) for f in report.findings] == WORST_FIRST


def test_messages_say_what_and_why(report):
    said = {(f.kind, f.path): f.message for f in report.findings}
    assert said["review", "content/careers/nursing/adult-nurse.md"].startswith(
        "last reviewed on 2025-10-22, 13 months ago"
    )
    assert said["readability", "content/careers/nursing/adult-nurse.md"].startswith(
        "SMOG 15.6, reading age 21: above the most this site allows (SMOG 13)"
    )
    assert said["readability", "content/careers/science/lab-assistant.md"].startswith(
        "SMOG 10.4, reading age 15: above 14, the NHS's upper line for medical information"
    )
    assert said["family", "content/careers/nursing/_index.md"] == "has 2 careers; the floor is 22"
    assert "runs out after 2026-12-22, in 30 days" in said["consent", "content/ambassadors/kim.md"]
    assert "ran out after 2026-05-31" in said["consent", "content/ambassadors/lee.md"]
    assert said["returns", "content/organisations/southfield.yaml"] == (
        "no yearly return for 2025, the last complete year (latest: 2024)"
    )


def test_json_shape_is_stable(report):
    data = json.loads(as_json(report))
    assert data == as_dict(report)
    assert set(data) == {"today", "headline", "findings", "problems"}
    assert data["today"] == "2026-11-22" and data["headline"] == HEADLINE
    assert all(set(f) == {"severity", "kind", "path", "message"} for f in data["findings"])
    assert [(f["severity"], f["kind"], f["path"]) for f in data["findings"]] == WORST_FIRST
    assert as_json(report) == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)


def test_text_puts_the_headline_first_then_groups_worst_first(report):
    lines = as_text(report).splitlines()
    assert lines[2:5] == [
        "Careers: 4",
        "Careers reviewed more than 12 months ago: 1",
        "Median SMOG grade: 6.78",
    ]
    groups = [line for line in lines if line.endswith(")") and ": " not in line]
    assert groups == [
        "Hard to read (2)",
        "Ambassador consent running out (2)",
        "Not reviewed for 12 months (1)",
        "No other names (also_called) (1)",
        "Families with few careers (1)",
        "Sample organisations with no recent return (1)",
        "In no progression route (1)",
    ]
    hard = lines.index("Hard to read (2)")
    assert lines[hard + 1].startswith(
        "content/careers/nursing/adult-nurse.md: attention: SMOG 15.6"
    )
    assert lines[hard + 2].startswith("content/careers/science/lab-assistant.md: advice: SMOG 10.4")


def test_main_prints_text_or_json(site_factory, capsys):
    root = site_factory(FILES)
    assert main(root, [], today=TODAY) == 0
    assert capsys.readouterr().out.startswith("Content health report, 2026-11-22\n\nCareers: 4\n")
    assert main(root, ["--json"], today=TODAY) == 0
    assert json.loads(capsys.readouterr().out)["headline"] == HEADLINE


def test_word_range_follows_the_build():
    # word_count counts the heading's 3 words too
    assert word_range("a.md", HEADING + "word " * 247) is None  # 250
    assert word_range("a.md", HEADING + "word " * 697) is None  # 700
    short = word_range("a.md", HEADING + "word " * 246)
    assert short is not None and short.message == "has 249 words; a career has 250 to 700"
    assert word_range("a.md", HEADING + "word " * 698).message == "has 701 words; a career has 250 to 700"  # fmt: skip


def test_words_out_of_range_stop_the_report(site_factory, capsys):
    # 10 FILLER sentences: 100 words, 103 with the heading; the build refuses the file, naming
    # line 19, where the body starts (16 lines of front matter between two ---, a blank line)
    short = career("Lab assistant", body=HEADING + ONE_FILLER * 10).replace(
        "related: [healthcare-assistant, lab-assistant]",
        "related: [adult-nurse, healthcare-assistant]",
    )
    root = site_factory({**FILES, "content/careers/science/lab-assistant.md": short})
    report = collect(root, TODAY)
    assert report.findings == [] and report.headline == {}
    assert [str(p) for p in report.problems] == [
        "content/careers/science/lab-assistant.md:19: body: has 103 words; a career has 250 to 700"
    ]
    assert main(root, [], today=TODAY) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "content/careers/science/lab-assistant.md:19: body: has 103 words; a career has 250 to 700",
        "Found 1 problem; no report made.",
    ]


def test_real_content_report_is_sane():
    report = collect(PROJECT, date.today())
    assert [str(p) for p in report.problems] == []
    careers = [p for p in (PROJECT / "content/careers").glob("*/*.md") if p.name != "_index.md"]
    head = report.headline
    assert head["careers"] == len(careers) > 300
    counted = {k: v for k, v in head.items() if k not in ("careers", "median_smog")}
    assert all(0 <= v <= head["careers"] for v in counted.values()), counted
    assert 3.1291 < head["median_smog"] <= 13
    assert report.findings == sorted(report.findings, key=lambda f: f.key())
    assert all((PROJECT / f.path).is_file() for f in report.findings)  # paths from the project
    # one readability finding per career at most, and every career in no route is listed
    readability = [f.path for f in report.findings if f.kind == "readability"]
    assert len(readability) == len(set(readability)) == head["above_reading_age"]
    docs = load_content(PROJECT)[0]
    in_routes = {s["career"] for d in docs if d.kind == "route" for s in d.data["steps"]}
    no_route = {f.path for f in report.findings if f.kind == "route"}
    assert no_route == {d.path for d in docs if d.kind == "career" and d.slug not in in_routes}
    assert head["in_no_route"] == len(no_route)
    assert json.loads(as_json(report))["headline"] == head
    assert all(Path(f.path).parts[0] == "content" for f in report.findings)
