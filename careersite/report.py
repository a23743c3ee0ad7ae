"""Content health report for editors: what to fix first, worst first.

python -m careersite.report [--json] lists, for content that builds:

- careers last reviewed more than 12 months ago (validate.STALE_AFTER, as the build warns);
- careers hard to read: SMOG grade from quality.smog, reading age = SMOG grade + 5 (the usual
  UK conversion of a US school grade, quality.reading_age);
- careers whose body is outside validate.CAREER_WORDS (the build refuses these, so on content
  that builds there are none; the check is here so the report says so);
- careers in no progression route (the build's advice problems);
- careers with no `also_called`, which search needs for other names and misspellings;
- families with fewer careers than their floor (FAMILY_FLOORS);
- ambassadors whose consent has run out (validate.CONSENT_LASTS) or runs out within
  CONSENT_NOTICE;
- sample organisations with no yearly return for the last complete year. Returns are kept by
  calendar year and none may be for a year after this one, so the last complete year is last
  year; it is expected only from organisations that had made a commitment by then.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .load import load_content
from .markdown import word_count
from .problems import Problem
from .quality import SMOG_MAX, reading_age, smog
from .schema import AmbassadorMeta
from .validate import CAREER_WORDS, CONSENT_LASTS, STALE_AFTER, validate_content

# The NHS digital service manual's style guide aims for a reading age of 9 to 11 and, where
# medical information makes that hard, for something an 11 to 14-year-old will understand
# (https://service-manual.nhs.uk/content/how-we-write). Careers are full of medical words, so
# above 14 is advice; above the project's hard line, quality.SMOG_MAX (as tests/test_content.py
# and CONTENT-GUIDE.md use it), needs attention.
READING_AGE = 14
CONSENT_NOTICE = timedelta(days=60)  # consent running out this soon is reported
# Careers each family should have at least (the floors of the careers content issues, #6 to #8;
# tests/test_content.py holds the real content to them). Families not listed have no floor.
FAMILY_FLOORS = {
    "allied-health-professions": 28, "ambulance-service": 12, "dental": 20, "midwifery": 5,
    "nursing": 22, "healthcare-support-workers": 10, "pharmacy": 8,
    "medical-associate-professions": 4, "doctors": 78, "healthcare-science": 52,
    "psychological-professions": 16, "public-health": 10, "digital-data-informatics": 16,
    "estates-facilities": 20, "management": 14, "wider-healthcare-team": 36,
}  # fmt: skip

SEVERITIES = ("attention", "warning", "advice")  # worst first
# each kind of finding: its heading in the text report, in the order kinds are listed
KINDS = {
    "review": "Not reviewed for 12 months",
    "readability": "Hard to read",
    "words": "Word count out of range",
    "route": "In no progression route",
    "also_called": "No other names (also_called)",
    "family": "Families with few careers",
    "consent": "Ambassador consent running out",
    "returns": "Sample organisations with no recent return",
}
LOW, HIGH = CAREER_WORDS
HEADLINE = (
    ("careers", "Careers"),
    ("reviewed_over_12_months_ago", "Careers reviewed more than 12 months ago"),
    ("median_smog", "Median SMOG grade"),
    ("above_reading_age", f"Careers above reading age {READING_AGE}"),
    ("out_of_word_range", f"Careers outside {LOW} to {HIGH} words"),
    ("in_no_route", "Careers in no progression route"),
    ("without_also_called", "Careers without also_called"),
    ("families_below_floor", "Families below their floor"),
    (
        "consents_expiring_or_expired",
        f"Ambassador consents expired or ending within {CONSENT_NOTICE.days} days",
    ),
    ("sample_orgs_without_recent_return", "Sample organisations with no return for last year"),
)
_COUNTED = {
    "reviewed_over_12_months_ago": "review", "above_reading_age": "readability",
    "out_of_word_range": "words", "in_no_route": "route", "without_also_called": "also_called",
    "families_below_floor": "family", "consents_expiring_or_expired": "consent",
    "sample_orgs_without_recent_return": "returns",
}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One thing worth an editor's time, in one file."""

    severity: str  # one of SEVERITIES
    kind: str  # a key of KINDS
    path: str  # the file, relative to the project
    message: str

    def key(self) -> tuple[int, str, int, str]:
        """Sort key: worst first, then by path."""
        kind = list(KINDS).index(self.kind)
        return SEVERITIES.index(self.severity), self.path, kind, self.message


@dataclass(frozen=True)
class Report:
    """Findings worst first and headline numbers; or, if the content has errors, those."""

    today: date
    headline: dict[str, int | float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors that stopped the report


def collect(root: Path, today: date) -> Report:
    """Load and validate root/content as the build does, then look for what needs care."""
    docs, problems = load_content(root)
    content, found = validate_content(docs, today)
    errors = [p for p in problems + found if not p.warning]
    if content is None or errors:
        return Report(today, problems=errors)
    findings: list[Finding] = []
    grades: list[float] = []
    for entry in content.careers.values():
        path, meta = entry.doc.path, entry.meta
        if today - meta.reviewed > STALE_AFTER:
            message = f"last reviewed on {meta.reviewed}, {_months(meta.reviewed, today)} months ago: check the facts and update the date"
            findings.append(Finding("warning", "review", path, message))
        grades.append(grade := smog(entry.doc.body))
        findings += [f for f in (readability(path, grade), word_range(path, entry.doc.body)) if f]
        if not meta.also_called:
            message = "has no also_called: add other names and misspellings so search finds it"
            findings.append(Finding("warning", "also_called", path, message))
    findings += [Finding("advice", "route", p.path, p.message) for p in found if p.advice]
    count = Counter(entry.doc.family for entry in content.careers.values())
    for slug, family in content.families.items():
        floor = FAMILY_FLOORS.get(slug, 0)
        if count[slug] < floor:
            message = f"has {count[slug]} careers; the floor is {floor}"
            findings.append(Finding("warning", "family", family.doc.path, message))
    for doc in docs:  # every ambassador: content.ambassadors holds only those with consent
        if doc.kind == "ambassador":
            recorded = AmbassadorMeta.model_validate(doc.data).consent
            if finding := consent(doc.path, recorded, today):
                findings.append(finding)
    last = today.year - 1
    for org in content.organisations.values():
        meta = org.meta
        started = [c.committed.year for c in (meta.work_experience, meta.ambassadors) if c]
        years = sorted(r.year for r in meta.returns)
        if meta.sample and min(started) <= last and last not in years:
            latest = years[-1] if years else "none"
            message = f"no yearly return for {last}, the last complete year (latest: {latest})"
            findings.append(Finding("warning", "returns", org.doc.path, message))
    findings.sort(key=Finding.key)
    kinds = Counter(f.kind for f in findings)
    headline: dict[str, int | float] = {
        "careers": len(content.careers),
        "median_smog": round(statistics.median(grades), 2) if grades else 0.0,
        **{name: kinds[kind] for name, kind in _COUNTED.items()},
    }
    return Report(today, headline, findings)


def readability(path: str, grade: float) -> Finding | None:
    """A career's SMOG grade as a finding, if its reading age is above READING_AGE."""
    age = reading_age(grade)
    said = f"SMOG {grade:.1f}, reading age {age}"
    if grade > SMOG_MAX:
        message = f"{said}: above the most this site allows (SMOG {SMOG_MAX:g}); rewrite it first"
        return Finding("attention", "readability", path, message)
    if age > READING_AGE:
        message = f"{said}: above {READING_AGE}, the NHS's upper line for medical information; shorter sentences and everyday words help"
        return Finding("advice", "readability", path, message)
    return None


def word_range(path: str, body: str) -> Finding | None:
    """A career body's word count as a finding, if it is outside CAREER_WORDS."""
    words = word_count(body)
    if LOW <= words <= HIGH:
        return None
    return Finding("attention", "words", path, f"has {words} words; a career has {LOW} to {HIGH}")


def consent(path: str, recorded: date, today: date) -> Finding | None:
    """An ambassador's consent as a finding, if it has run out or runs out within CONSENT_NOTICE.

    Consent lasts CONSENT_LASTS: the profile is published up to recorded + CONSENT_LASTS.
    """
    until = recorded + CONSENT_LASTS
    if today > until:
        message = f"consent recorded on {recorded} ran out after {until}: the profile is not published until it is renewed"
        return Finding("attention", "consent", path, message)
    if until - today <= CONSENT_NOTICE:
        message = f"consent recorded on {recorded} runs out after {until}, in {(until - today).days} days: ask the ambassador to renew it"
        return Finding("warning", "consent", path, message)
    return None


def _months(earlier: date, later: date) -> int:
    """Whole months from earlier to later."""
    short = later.day < earlier.day  # the last month is not complete
    return (later.year - earlier.year) * 12 + later.month - earlier.month - short


def as_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: today, headline, findings (worst first) and problems."""
    return {
        "today": report.today.isoformat(),
        "headline": dict(report.headline),
        "findings": [asdict(f) for f in report.findings],
        "problems": [str(p) for p in report.problems],
    }


def as_json(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, sort_keys=True, ensure_ascii=False)


def as_text(report: Report) -> str:
    """Headline first, then findings grouped by kind: groups by their worst finding, then KINDS order."""
    lines = [f"Content health report, {report.today}", ""]
    if report.problems:
        count = len(report.problems)
        lines.append(f"The content has {count} problem{'s' if count != 1 else ''}; fix them first:")
        return "\n".join(lines + [str(p) for p in report.problems])
    lines += [f"{label}: {report.headline[key]}" for key, label in HEADLINE]
    groups: dict[str, list[Finding]] = {}
    for finding in report.findings:  # worst first within each group
        groups.setdefault(finding.kind, []).append(finding)
    order = sorted(groups, key=lambda k: (groups[k][0].key()[0], list(KINDS).index(k)))
    for kind in order:
        found = groups[kind]
        lines += ["", f"{KINDS[kind]} ({len(found)})"]
        lines += [f"{f.path}: {f.severity}: {f.message}" for f in found]
    return "\n".join(lines)


def main(root: Path, argv: list[str], today: date | None = None) -> int:
    """Print the report (--json: as JSON); 1 if the content has errors, printed to stderr."""
    cli = argparse.ArgumentParser(
        prog="build.py report", description="Content health report, worst first."
    )
    cli.add_argument("--json", action="store_true", help="print JSON instead of text")
    cli.add_argument("--root", type=Path, default=root, help="folder holding content/ (default: .)")
    args = cli.parse_args(argv)
    report = collect(args.root, today or date.today())
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        count = len(report.problems)
        print(f"Found {count} problem{'s' if count != 1 else ''}; no report made.", file=sys.stderr)
        return 1
    print(as_json(report) if args.json else as_text(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path("."), sys.argv[1:]))
