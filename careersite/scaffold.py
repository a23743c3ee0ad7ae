"""Start a new content file with every required key and placeholders the build refuses.

    python -m careersite.scaffold career theatre-nurse --family nursing
    python -m careersite.scaffold route porter-to-nurse

Each placeholder is text starting "TODO" where a date, a number, true or false, a web address
or a vocabulary key belongs, so `python build.py check` fails until it is filled in. Comments
list the vocabulary keys there are now.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import date
from pathlib import Path

from .load import SLUG
from .schemas import vocabularies

KINDS = ("career", "route", "organisation", "ambassador", "way-in")
NEXT_STEP = "fill in every TODO, then run: python build.py check"


class Refused(Exception):
    """Why a file was not written."""


def new(root: Path, kind: str, slug: str, *, family: str | None = None, today: date) -> Path:
    """Write a new kind of content file called slug under root/content; return its path."""
    content = root / "content"
    if kind not in KINDS:
        raise Refused(f"'{kind}' is not a kind of content file: choose one of {', '.join(KINDS)}")
    if not content.is_dir():
        raise Refused(f"there is no content/ folder in {root}")
    if not SLUG.match(slug):
        raise Refused(
            f"'{slug}' is not a good file name: use lowercase letters, digits and single "
            "hyphens, like 'theatre-nurse'"
        )
    vocab = vocabularies(root)
    known = f"Known families: {', '.join(vocab['families']) or 'none yet'}"
    if kind != "career" and family is not None:
        raise Refused("only careers take --family")
    if kind == "career" and family is None:
        raise Refused(f"a career needs --family. {known}")
    if family is not None and family not in vocab["families"]:
        raise Refused(f"'{family}' is not a career family. {known}")
    folder = {"career": f"careers/{family}", "way-in": "ways-in"}.get(kind, f"{kind}s")
    suffix = ".yaml" if kind in ("route", "organisation") else ".md"
    path = content / folder / f"{slug}{suffix}"
    others = list(content.glob(f"careers/*/{slug}.md")) if kind == "career" else []
    for existing in [path, *others]:
        if existing.exists() or existing.is_symlink():
            raise Refused(f"{existing.relative_to(root).as_posix()} already exists")
    text = _TEMPLATES[kind](vocab, today, _careers_in(content, family))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # never replace a file made meanwhile
        out.write(text)
    return path


def _careers_in(content: Path, family: str | None) -> list[str]:
    if family is None:
        return []
    found = (content / "careers" / family).glob("*.md")
    return sorted(p.stem for p in found if p.name != "_index.md")[:5]


def _choices(what: str, values: list[str]) -> str:
    """A comment listing a vocabulary's keys, wrapped."""
    line = f"# {what}: {', '.join(values) or '(the vocabulary is empty)'}"
    return "\n".join(textwrap.wrap(line, 96, subsequent_indent="#   ", break_on_hyphens=False))


def _career(v: dict[str, list[str]], today: date, careers: list[str]) -> str:
    examples = f", like {', '.join(careers)}" if careers else ""
    return f"""---
title: "TODO: the job as people say it, like Paramedic"
# also_called: [other names, common misspellings]  (optional: helps search find it)
summary: "TODO: one or two plain sentences, at most 200 characters"
pay:
{textwrap.indent(_choices("Agenda for Change bands", v["pay"]), "  ")}
  # roles off Agenda for Change (doctors, dentists) give a note instead of bands or as well:
  # note: Paid on the doctors' pay scale
  bands: ["TODO: a band, like 5"]
hours: "TODO: like 37.5 hours a week, on shifts that include nights and weekends"
{_choices("one or more of", v["entry-routes"])}
entry_routes: ["TODO: an entry route"]
{_choices("the usual lowest starting point, one of", v["qualification-levels"])}
qualification_level: "TODO: a qualification level"
entry_requirements: "TODO: what you usually need to start, in plain words"
{_choices("registration: only where the job title is protected by law, one of", v["regulators"])}
{_choices("one or more of", v["interests"])}
interests: ["TODO: an interest"]
skills: ["TODO: a skill", "TODO: another skill", "TODO: a third skill"]  # 3 to 8 short phrases
# at least 2 careers, each by its file name without .md{examples}
related: ["TODO: a related career", "TODO: another related career"]
reviewed: "TODO: the date you checked the facts, like {today.isoformat()}"
sources:
  - title: "TODO: the name of the page where you checked the facts"
    url: "TODO: its web address, starting https://"
---

## What you'll do

TODO: what a day in this job is like. The page needs 250 to 700 words in all.

## Training and development

TODO: how people train for it, how long it takes and who pays.

## Where it can lead

TODO: the jobs people move on to.
"""


def _way_in(v: dict[str, list[str]], today: date, careers: list[str]) -> str:
    return f"""---
title: "TODO: the way in, like Apprenticeships"
summary: "TODO: one or two plain sentences, at most 200 characters"
{_choices("the entry route this page explains, one of", v["entry-routes"])}
entry_route: "TODO: an entry route"
who_for: ["TODO: who it suits, like People leaving school at 16 or 18"]
# true if people are paid while they train, as data/entry-routes.yaml says for the route
pay_while_training: "TODO: true or false"
duration: "TODO: how long it takes, like 1 to 4 years"
sources:
  - title: "TODO: the name of the page where you checked the facts"
    url: "TODO: its web address, starting https://"
---

TODO: explain this way in: who it is for, what it costs, how long it takes and how to apply.
"""


def _route(v: dict[str, list[str]], today: date, careers: list[str]) -> str:
    return f"""# A progression route: at least two steps, in order, each career once.
title: "TODO: From the first job to the last, like From porter to nurse"
summary: "TODO: one or two plain sentences, at most 200 characters"
{_choices("one or more of", v["audiences"])}
for: ["TODO: who the route is for"]
# career: a career's file name without .md
{_choices("route: how people get into that step, one of", v["entry-routes"])}
steps:
  - career: "TODO: the first career"
    route: "TODO: the entry route into the first step"
    note: "TODO: what happens in the first step, in plain words"
    duration: "TODO: how long the first step takes, like 1 to 2 years"
  - career: "TODO: the next career"
    route: "TODO: the entry route into the next step"
    note: "TODO: what happens in the next step"
    duration: "TODO: how long the next step takes"
"""


def _organisation(v: dict[str, list[str]], today: date, careers: list[str]) -> str:
    day = today.isoformat()
    return f"""# An organisation and its commitments: keep work_experience, ambassadors or both.
name: "TODO: the organisation's full name"
{_choices("one of", v["organisation-kinds"])}
kind: "TODO: the kind of organisation"
{_choices("one of", v["regions"])}
region: "TODO: the NHS England region"
website: "TODO: the web address of its home page, starting https://"
sample: "TODO: true for an illustrative record, false for a real organisation"
work_experience:
  committed: "TODO: the date it made the work experience commitment, like {day}"
{textwrap.indent(_choices("one or more of", v["priority-groups"]), "  ")}
  priority_groups: ["TODO: a priority group"]
  placements_per_year: "TODO: the number of placements a year"
  minimum_age: "TODO: the youngest age it takes, like 16"
{textwrap.indent(_choices("where placements are offered, one or more of", v["families"]), "  ")}
  families: ["TODO: a career family"]
  travel_expenses: "TODO: true if it pays travel expenses, otherwise false"
  pre_placement_information: "TODO: true if it sends information before a placement"
  keeps_in_touch: "TODO: true if it keeps in touch afterwards"
  how_to_apply: "TODO: the steps to apply, in Markdown"
  apply_url: "TODO: where to apply, starting https:// or mailto:"
  contact:
    role: "TODO: a role, not a person's name, like Work experience coordinator"
    email: "TODO: the contact's email address"
    phone: "TODO: the contact's phone number"
ambassadors:
  committed: "TODO: the date it made the ambassador commitment, like {day}"
  senior_champion: "TODO: a board-level role, not a person's name, like Chief Nurse"
  coordinator:
    role: "TODO: a role, like Ambassador coordinator"
    email: "TODO: the coordinator's email address"
  protected_hours_per_year: "TODO: hours a year each ambassador has for this"
  events_per_year: "TODO: the number of events a year"
  # case_studies: one a year, each {{title, year, activity, summary, story}}
# returns: one entry a year, from the year of the first commitment
"""


def _ambassador(v: dict[str, list[str]], today: date, careers: list[str]) -> str:
    return f"""---
name: "TODO: their first or chosen name only"
career: "TODO: their job, as a career's file name without .md"
# an organisation's file name without .yaml; it must have made the ambassador commitment
organisation: "TODO: their organisation"
{_choices("one or more of", v["activities"])}
activities: ["TODO: an activity"]
languages: ["TODO: a language they speak, like English"]
consent: "TODO: the date their consent to publish was recorded, like {today.isoformat()}"
---

TODO: their story in their own words, at most 200 words. Never a surname, an email address or a phone number.
"""


_TEMPLATES = {
    "career": _career,
    "way-in": _way_in,
    "route": _route,
    "organisation": _organisation,
    "ambassador": _ambassador,
}


def main(root: Path, argv: list[str], today: date | None = None) -> int:
    """Run `KIND SLUG [--family F]`: 0 written, 1 refused, 2 a wrong command."""
    parser = argparse.ArgumentParser(
        prog="build.py new",
        description="Start a new content file with placeholders to fill in.",
    )
    parser.add_argument("kind", choices=KINDS, help="the kind of file")
    parser.add_argument("slug", help="its file name without extension, like theatre-nurse")
    parser.add_argument("--family", help="the career family folder (careers only)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a wrong command (argparse said why)
        return int(stop.code or 0)
    try:
        path = new(root, args.kind, args.slug, family=args.family, today=today or date.today())
    except Refused as why:
        print(f"build.py new: {why}. Nothing was written.", file=sys.stderr)
        return 1
    print(f"Wrote {path.relative_to(root).as_posix()}")
    print(f"Next: {NEXT_STEP}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path.cwd(), sys.argv[1:]))
