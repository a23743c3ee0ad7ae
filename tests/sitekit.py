"""A tiny valid site for tests: every kind of content file, small enough to read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 22)

# 10 words a sentence, 30 sentences: 300 words, inside a career's 250 to 700
FILLER = "You help people every day and explain what happens next. " * 30


def career(title: str, extra: str = "", body: str = "") -> str:
    """Return a valid career file; extra replaces or adds keys (later keys win in tests)."""
    return f"""---
title: {title}
summary: A short plain summary of the job.
pay:
  bands: ["5", "6"]
hours: 37.5 hours a week
entry_routes: [degree]
qualification_level: level-3
entry_requirements: Two A levels for a degree.
interests: [caring]
skills: [listening, staying calm, teamwork]
related: [healthcare-assistant, lab-assistant]
reviewed: 2026-10-01
sources:
  - title: NHS Health Careers
    url: https://www.healthcareers.nhs.uk/
{extra}---

{body or "## What you'll do" + chr(10) * 2 + FILLER}
"""


BASE: dict[str, str] = {
    "content/site.yaml": """title: Test careers
description: A test site.
base_url: https://test.example.org/
contact: team@example.org
sample_notice: This is a sample.
""",
    "content/data/pay.yaml": """year: 2025/26
source: {title: Pay, url: "https://www.nhsemployers.org/"}
bands:
  "2": {min: 24465, max: 24465}
  "3": {min: 24937, max: 26598}
  "5": {min: 31049, max: 37796}
  "6": {min: 38682, max: 46580}
""",
    "content/data/entry-routes.yaml": """apprenticeship:
  name: Apprenticeship
  description: A paid job with training.
  paid: true
  fees: employer
  needs_degree_first: false
  awards_degree: false
  open_to_school_leavers: true
  enters_job: true
degree:
  name: University degree
  description: A course at university.
  paid: false
  fees: student
  needs_degree_first: false
  awards_degree: true
  open_to_school_leavers: true
  enters_job: true
""",
    "content/data/qualification-levels.yaml": "gcse: {name: GCSEs}\nlevel-3: {name: A levels}\n",
    "content/data/regulators.yaml": "nmc: {name: Nursing and Midwifery Council, url: 'https://www.nmc.org.uk/'}\n",
    "content/data/interests.yaml": "caring: {name: I like caring, description: Caring jobs.}\nscience: {name: I like science}\n",
    "content/data/regions.yaml": "london: {name: London}\nmidlands: {name: Midlands}\n",
    "content/data/priority-groups.yaml": "free-school-meals: {name: Free school meals}\ncareer-changers: {name: Career changers}\n",
    "content/data/organisation-kinds.yaml": "acute-trust: {name: Hospital trust}\n",
    "content/data/activities.yaml": "school-talks: {name: School talks}\nmentoring: {name: Mentoring}\n",
    "content/data/audiences.yaml": "school-leavers: {name: School leavers}\n",
    "content/data/outreach-activities.yaml": "visits-and-tours: {name: Visits and tours, ages: Primary and years 7 to 9}\ntaster-days: {name: Taster days, ages: Years 10 and 11}\n",
    "content/careers/nursing/_index.md": "---\ntitle: Nursing\nsummary: Nurses care.\norder: 1\n---\n\nNursing is a big family.\n",
    "content/careers/science/_index.md": "---\ntitle: Science\nsummary: Scientists test.\norder: 2\n---\n\nScience in the lab.\n",
    "content/careers/nursing/adult-nurse.md": career("Adult nurse", "registration: nmc\n"),
    "content/careers/nursing/healthcare-assistant.md": career(
        "Healthcare assistant",
        body="## What you'll do\n\nSee [adult nursing](/careers/adult-nurse/#what-youll-do).\n\n"
        + FILLER,
    )
    .replace("entry_routes: [degree]", "entry_routes: [apprenticeship]")
    .replace('bands: ["5", "6"]', 'bands: ["2", "3"]')
    .replace(
        "related: [healthcare-assistant, lab-assistant]", "related: [adult-nurse, lab-assistant]"
    ),
    "content/careers/science/lab-assistant.md": career("Lab assistant").replace(
        "related: [healthcare-assistant, lab-assistant]",
        "related: [adult-nurse, healthcare-assistant]",
    ),
    "content/ways-in/apprenticeships.md": """---
title: Apprenticeships
summary: Paid jobs with training.
entry_route: apprenticeship
who_for: [School leavers]
pay_while_training: true
duration: 1 to 4 years
sources:
  - {title: Apprenticeships, url: "https://www.gov.uk/apprenticeships-guide"}
---

## What it is

A job with training.
""",
    "content/routes/hca-to-nurse.yaml": """title: From healthcare assistant to nurse
summary: Start as an assistant, then train.
for: [school-leavers]
steps:
  - {career: healthcare-assistant, route: apprenticeship, note: Start here., duration: 1 year}
  - {career: adult-nurse, route: degree, note: Then train., duration: 3 years}
""",
    "content/routes/lab-to-nurse.yaml": """title: From the lab to the ward
summary: Start in a lab, then train as a nurse.
for: [school-leavers]
steps:
  - {career: lab-assistant, route: apprenticeship, note: Start in the lab., duration: 1 year}
  - {career: adult-nurse, route: degree, note: Then train as a nurse., duration: 3 years}
""",
    "content/organisations/northwood.yaml": """name: Northwood Trust
kind: acute-trust
region: london
website: https://www.example.org/northwood
sample: true
work_experience:
  committed: 2025-01-01
  priority_groups: [free-school-meals]
  placements_per_year: 40
  minimum_age: 16
  families: [nursing]
  travel_expenses: true
  pre_placement_information: true
  keeps_in_touch: false
  how_to_apply: Fill in the **form**.
  apply_url: https://www.example.org/apply
  contact: {role: Coordinator, email: we@example.org, phone: 01632 960001}
ambassadors:
  committed: 2025-01-01
  senior_champion: Chief Nurse
  coordinator: {role: Ambassador coordinator, email: amb@example.org}
  protected_hours_per_year: 10
  events_per_year: 6
  case_studies:
    - {title: A school visit, year: 2026, activity: visits-and-tours, summary: We visited a school.}
returns:
  - {year: 2025, placements_offered: 40, applications: 100, placements_taken: 30, priority_group_placements: 12, kept_in_touch: 9, ambassadors_active: 4, events_held: 5, young_people_reached: 300}
  - {year: 2026, placements_offered: 50, applications: 150, placements_taken: 40, priority_group_placements: 20, kept_in_touch: 10, ambassadors_active: 5, events_held: 7, young_people_reached: 420}
""",
    "content/ambassadors/sam.md": """---
name: Sam
career: healthcare-assistant
organisation: northwood
activities: [school-talks]
languages: [English]
consent: 2026-01-10
---

I started as an apprentice.
""",
    "content/pages/about.md": "---\ntitle: About\n---\n\nAbout this test site.\n",
}


def entry_route(key: str, name: str, **facts: object) -> str:
    """An extra entry route for data/entry-routes.yaml, with every fact the labels need."""
    lines = [f"{key}:", f"  name: {name}", f"  description: {name}."]
    for fact, value in facts.items():
        lines.append(f"  {fact}: {str(value).lower() if isinstance(value, bool) else value}")
    return "\n".join(lines) + "\n"


PAID_AFTER = entry_route(
    "paid-after", "Paid training after a degree", paid=True, fees="employer",
    needs_degree_first=True, awards_degree=False, open_to_school_leavers=False, enters_job=True,
)  # fmt: skip
DEGREE_APPRENTICESHIP = entry_route(
    "degree-apprenticeship", "Degree apprenticeship", paid=True, fees="employer",
    needs_degree_first=False, awards_degree=True, open_to_school_leavers=True, enters_job=True,
)  # fmt: skip
APPLY_DIRECTLY = entry_route(
    "apply-directly", "Apply for a job with training", paid=True, fees="none",
    needs_degree_first=False, awards_degree=False, open_to_school_leavers=True, enters_job=True,
)  # fmt: skip


def make_site(
    root: Path, files: dict[str, str | bytes] | None = None, remove: tuple[str, ...] = ()
) -> Path:
    """Write the base site under root with files added or replaced and some removed."""
    merged: dict[str, str | bytes] = {**BASE, **(files or {})}
    for path in remove:
        merged.pop(path)
    for rel, text in merged.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root
