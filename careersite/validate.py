"""Validate stage: documents -> checked content, with every problem found in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Generic, TypeVar

from .cache import Store
from .load import SLUG, Document, Loc
from .markdown import MarkdownRenderer, line_of, word_count
from .problems import Problem, did_you_mean, field_name
from .schema import (
    AMBASSADOR_FIGURES,
    DATA_MODELS,
    WORK_EXPERIENCE_FIGURES,
    AmbassadorMeta,
    CareerMeta,
    EntryRouteTerm,
    FamilyMeta,
    OrganisationMeta,
    OutreachActivity,
    PageMeta,
    PayTable,
    Regulator,
    RouteMeta,
    SiteMeta,
    Term,
    WayInMeta,
    validate,
)

M = TypeVar("M")

CAREER_WORDS = (250, 700)
AMBASSADOR_WORDS = 200
FIRST_HEADING = "## What you'll do"
STALE_AFTER = timedelta(days=365)
CONSENT_LASTS = timedelta(days=3 * 365)
# top-level URLs that general pages may not take
RESERVED = {
    "careers", "families", "interests", "ways-in", "routes", "work-experience", "organisations",
    "case-studies", "finder", "compare",
    "ambassadors", "commitments", "teachers", "print", "search", "data", "assets", "pagefind",
    "sitemap.xml", "robots.txt", "404", "404.html",
}  # fmt: skip
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"(?<![\w-])(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\d)")


@dataclass(frozen=True)
class Entry(Generic[M]):
    """A content file that passed its own checks: where it came from, its keys, its body."""

    doc: Document
    meta: M
    html: str = ""
    markdown: dict[str, str] = field(default_factory=dict)  # other Markdown keys, rendered


@dataclass(frozen=True)
class Vocabularies:
    """The shared vocabularies of content/data/."""

    pay: PayTable
    entry_routes: dict[str, EntryRouteTerm]
    qualification_levels: dict[str, Term]
    regulators: dict[str, Regulator]
    interests: dict[str, Term]
    regions: dict[str, Term]
    priority_groups: dict[str, Term]
    organisation_kinds: dict[str, Term]
    activities: dict[str, Term]
    audiences: dict[str, Term]
    outreach_activities: dict[str, OutreachActivity]


@dataclass(frozen=True)
class Content:
    """Everything the content says, checked against the content model."""

    site: SiteMeta
    data: Vocabularies
    families: dict[str, Entry[FamilyMeta]]
    careers: dict[str, Entry[CareerMeta]]
    ways_in: dict[str, Entry[WayInMeta]]
    routes: dict[str, Entry[RouteMeta]]
    organisations: dict[str, Entry[OrganisationMeta]]
    ambassadors: dict[str, Entry[AmbassadorMeta]]  # only those whose consent is current
    pages: dict[str, Entry[PageMeta]]


@dataclass
class _Report:
    """Collects problems; one per (file, line, field, message)."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, doc: Document, loc: Loc, message: str, warning: bool = False) -> None:
        self.problems.append(
            Problem(doc.path, doc.lines.of(loc), field_name(loc), message, warning)
        )

    def at(self, doc: Document, line: int, fieldname: str, message: str) -> None:
        self.problems.append(Problem(doc.path, line, fieldname, message))


def validate_content(
    docs: list[Document], today: date, cache: Store | None = None
) -> tuple[Content | None, list[Problem]]:
    """Check every document and every cross-reference; return content only if all is well.

    cache: where Markdown converted by earlier builds is kept.
    """
    report = _Report()
    entries, names = _check_documents(docs, report, cache)
    site = entries["site"].get("site")
    data = _vocabularies(entries["data"], names["data"], report)
    if "site" not in names["site"]:
        report.problems.append(
            Problem("content/site.yaml", 0, "", "is missing: it holds the site's title and address")
        )
    content = None
    if data is not None and site is not None:
        ambassadors = _current_ambassadors(entries["ambassador"], today, report)
        content = Content(
            site=site.meta,
            data=data,
            families=entries["family"],
            careers=entries["career"],
            ways_in=entries["way_in"],
            routes=entries["route"],
            organisations=entries["organisation"],
            ambassadors=ambassadors,
            pages=entries["page"],
        )
        _cross_references(content, names, entries["ambassador"], report, today)
    problems = sorted(set(report.problems))
    if any(not p.warning for p in problems):
        return None, problems
    return content, problems


# --- one document at a time ----------------------------------------------------------


def _check_documents(
    docs: list[Document], report: _Report, cache: Store | None
) -> tuple[dict[str, dict[str, Entry[Any]]], dict[str, set[str]]]:
    """Check each document on its own; return the good ones and the names of all that exist."""
    renderer = MarkdownRenderer(cache)
    entries: dict[str, dict[str, Entry[Any]]] = {kind: {} for kind in _KINDS}
    seen: dict[tuple[str, str], list[Document]] = {}
    for doc in docs:
        name = _check_name(doc, report)
        if name is None:
            continue
        seen.setdefault((doc.kind, name), []).append(doc)
        if not doc.readable:
            continue
        todos = list(_placeholders(doc))
        for line, where in todos:
            report.at(doc, line, where, "is still a placeholder starting 'TODO': fill it in")
        if todos:  # a scaffold not yet filled in: its placeholders are all there is to say
            continue
        meta, errors = validate(doc.kind, doc.slug, doc.data)
        for loc, message in errors:
            report.add(doc, loc, message)
        html = _check_body(doc, renderer, report)
        rendered: dict[str, str] = {}
        if isinstance(meta, OrganisationMeta):
            for loc, text in _markdown_keys(meta):
                rendered[field_name(loc)] = _check_markdown(doc, loc, text, renderer, report)
            html = rendered.get("work_experience.how_to_apply", "")
        if meta is not None:
            entries[doc.kind][name] = Entry(doc, meta, html, rendered)
    for (kind, name), same in seen.items():
        if len(same) > 1:
            where = ", ".join(d.path for d in same)
            for doc in same:
                report.at(
                    doc, 0, "", f"the {_NOUNS[kind]} '{name}' is defined more than once: {where}"
                )
                entries[kind].pop(name, None)
    names: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    for kind, name in seen:
        names[kind].add(name)
    return entries, names


_KINDS = (
    "site",
    "data",
    "family",
    "career",
    "way_in",
    "route",
    "organisation",
    "ambassador",
    "page",
)
_NOUNS = {
    "site": "site settings", "data": "vocabulary", "family": "family", "career": "career",
    "way_in": "way in", "route": "route", "organisation": "organisation",
    "ambassador": "ambassador", "page": "page",
}  # fmt: skip


PLACEHOLDER = "TODO"  # how the placeholders of `build.py new` start


def _placeholders(doc: Document) -> Iterable[tuple[int, str]]:
    """The line and field of each text in a document that starts 'TODO', body lines included."""
    if PLACEHOLDER not in doc.text:
        return
    stack: list[tuple[Loc, Any]] = [((), doc.data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack += [((*loc, key), item) for key, item in value.items()]
        elif isinstance(value, list):
            stack += [((*loc, index), item) for index, item in enumerate(value)]
        elif isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
            yield doc.lines.of(loc), field_name(loc)
    for number, line in enumerate(doc.body.splitlines(), start=doc.body_line):
        if line.lstrip().startswith(PLACEHOLDER):
            yield number, "body"


def _check_name(doc: Document, report: _Report) -> str | None:
    """Return the document's slug (a family's folder name) if it is a good one."""
    if doc.kind == "site":
        return "site"
    if doc.kind == "data":
        if doc.slug not in DATA_MODELS:
            known = sorted(DATA_MODELS)
            hint = did_you_mean(doc.slug, known) or f" Known ones: {', '.join(known)}."
            report.at(doc, 0, "", f"'{doc.slug}.yaml' is not a known vocabulary.{hint}")
            return None
        return doc.slug
    name = doc.family if doc.kind == "family" else doc.slug
    if doc.kind == "career" and not SLUG.match(doc.family):
        report.at(
            doc, 0, "", f"the family folder '{doc.family}' should be {_slug_advice(doc.family)}"
        )
        return None
    if not SLUG.match(name):
        report.at(doc, 0, "", f"the file name '{name}' should be {_slug_advice(name)}")
        return None
    if doc.kind == "page" and name in RESERVED:
        report.at(
            doc,
            0,
            "",
            f"the page name '{name}' is taken by the site's own /{name}/: choose another",
        )
        return None
    return name


def _slug_advice(name: str) -> str:
    better = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"lowercase letters, digits and hyphens only, like '{better or 'my-page'}'"


def _check_body(doc: Document, renderer: MarkdownRenderer, report: _Report) -> str:
    if not doc.body_line:
        return ""
    html, findings = renderer.render(doc.body)
    for finding in findings:
        report.at(doc, line_of(finding.snippet, doc.body, doc.body_line), "body", finding.message)
    words = word_count(doc.body)
    first = doc.body_line + len(doc.body) - len(doc.body.lstrip("\n"))  # first line of text
    if doc.kind == "career":
        if not doc.body.lstrip().startswith(FIRST_HEADING):
            report.at(doc, first, "body", f"should start with the heading '{FIRST_HEADING}'")
        low, high = CAREER_WORDS
        if not low <= words <= high:
            report.at(doc, first, "body", f"has {words} words; a career has {low} to {high}")
    elif doc.kind == "ambassador":
        if words > AMBASSADOR_WORDS:
            report.at(doc, first, "body", f"has {words} words; the most is {AMBASSADOR_WORDS}")
    elif not words:
        report.at(doc, first, "body", "is empty: write the page under the front matter")
    return html


def _markdown_keys(meta: OrganisationMeta) -> Iterable[tuple[Loc, str]]:
    """The keys of an organisation that hold Markdown."""
    if meta.work_experience is not None:
        yield ("work_experience", "how_to_apply"), meta.work_experience.how_to_apply
    if meta.ambassadors is not None:
        for i, study in enumerate(meta.ambassadors.case_studies):
            if study.story is not None:
                yield ("ambassadors", "case_studies", i, "story"), study.story


def _check_markdown(
    doc: Document, loc: Loc, text: str, renderer: MarkdownRenderer, report: _Report
) -> str:
    """Render Markdown held in a key (not a body), reporting at that key's line."""
    html, findings = renderer.render(text)
    for finding in findings:
        report.add(doc, loc, finding.message)
    return html


def _vocabularies(
    found: dict[str, Entry[Any]], present: set[str], report: _Report
) -> Vocabularies | None:
    missing = set(DATA_MODELS) - present
    for name in sorted(missing):
        report.problems.append(
            Problem(f"content/data/{name}.yaml", 0, "", "is missing: the content model needs it")
        )
    for entry in found.values():
        if isinstance(entry.meta, dict):
            for key in entry.meta:
                if not SLUG.match(key):
                    report.add(entry.doc, (key,), f"the key '{key}' should be {_slug_advice(key)}")
    if set(DATA_MODELS) - set(found):  # missing, or present but broken
        return None
    return Vocabularies(**{name.replace("-", "_"): entry.meta for name, entry in found.items()})


def _current_ambassadors(
    found: dict[str, Entry[AmbassadorMeta]], today: date, report: _Report
) -> dict[str, Entry[AmbassadorMeta]]:
    current = {}
    for slug, entry in found.items():
        consent = entry.meta.consent
        if consent > today:
            report.add(
                entry.doc,
                ("consent",),
                f"{consent} is in the future: give the date consent was recorded",
            )
        elif today - consent > CONSENT_LASTS:
            report.add(
                entry.doc, ("consent",),
                f"consent was recorded on {consent}, more than three years ago: this profile "
                "is not published until consent is renewed", warning=True,
            )  # fmt: skip
        else:
            current[slug] = entry
    return current


# --- across documents ----------------------------------------------------------------


def _cross_references(
    content: Content,
    names: dict[str, set[str]],
    all_ambassadors: dict[str, Entry[AmbassadorMeta]],
    report: _Report,
    today: date,
) -> None:
    # references are checked against every file that exists, so one broken file gives one message
    for doc, loc, values, known, what in _references(content, names, all_ambassadors):
        _keys(report, doc, loc, values, known, what)
    for entry in content.careers.values():
        _check_career_facts(entry, names, report, today)
    for entry in all_ambassadors.values():
        _check_ambassador(entry, content, report)
    for entry in content.routes.values():
        _check_route(entry, report)
    for entry in content.organisations.values():
        _check_returns(entry, report, today)
    for entry in content.ways_in.values():
        term = content.data.entry_routes.get(entry.meta.entry_route)
        if term is not None and term.paid != entry.meta.pay_while_training:
            said = "true" if entry.meta.pay_while_training else "false"
            fact = "is paid" if term.paid else "is not paid"
            message = f"is {said}, but the entry route '{entry.meta.entry_route}' {fact} (data/entry-routes.yaml): make them agree"
            report.add(entry.doc, ("pay_while_training",), message)
    in_routes = {step.career for e in content.routes.values() for step in e.meta.steps}
    for slug, entry in sorted(content.careers.items()):
        if slug not in in_routes:
            report.problems.append(
                Problem(
                    entry.doc.path, 0, "",
                    "is in no progression route: add it to one in content/routes/ so readers see how people get here and where it leads",
                    warning=True, advice=True,
                )
            )  # fmt: skip


def _check_returns(entry: Entry[OrganisationMeta], report: _Report, today: date) -> None:
    """Each yearly return covers a year since a commitment, once, with figures that add up."""
    meta = entry.meta
    covered = {
        "work experience": (meta.work_experience, WORK_EXPERIENCE_FIGURES),
        "ambassador": (meta.ambassadors, AMBASSADOR_FIGURES),
    }
    starts = [c.committed.year for c, _ in covered.values() if c is not None]
    seen: set[int] = set()
    for i, ret in enumerate(meta.returns):
        loc = ("returns", i)
        if ret.year in seen:
            report.add(entry.doc, (*loc, "year"), f"there is already a return for {ret.year}")
        seen.add(ret.year)
        if starts and ret.year < min(starts):
            first = min(c.committed for c, _ in covered.values() if c is not None)
            message = f"{ret.year} is before the first commitment ({first}): returns start in the year an organisation commits"
            report.add(entry.doc, (*loc, "year"), message)
        if ret.year > today.year:
            report.add(entry.doc, (*loc, "year"), f"{ret.year} has not happened yet")
        for what, (commitment, figures) in covered.items():
            for key in figures:
                given = getattr(ret, key) is not None
                if commitment is None and given:
                    message = f"counts {what} activity, but this organisation has not made the {what} commitment"
                    report.add(entry.doc, (*loc, key), message)
                elif commitment is not None and not given:
                    report.add(
                        entry.doc,
                        loc,
                        f"'{key}' is required: the {what} commitment reports it every year",
                    )
        _at_most(report, entry.doc, loc, ret, "placements_taken", "placements_offered")
        _at_most(report, entry.doc, loc, ret, "priority_group_placements", "placements_taken")
        _at_most(report, entry.doc, loc, ret, "kept_in_touch", "placements_taken")


def _at_most(report: _Report, doc: Document, loc: Loc, ret: Any, part: str, whole: str) -> None:
    low, high = getattr(ret, part), getattr(ret, whole)
    if low is not None and high is not None and low > high:
        words = {"placements_taken": "placements taken", "placements_offered": "placements offered",
                 "priority_group_placements": "placements for priority groups",
                 "kept_in_touch": "participants kept in touch with"}  # fmt: skip
        message = f"{low} {words[part]} is more than the {high} {words[whole]}"
        report.add(doc, (*loc, part), message)


def _check_route(entry: Entry[RouteMeta], report: _Report) -> None:
    first: dict[str, int] = {}
    for index, step in enumerate(entry.meta.steps):
        if step.career in first:
            message = f"'{step.career}' is already step {first[step.career] + 1}: a career appears once in a route"
            report.add(entry.doc, ("steps", index, "career"), message)
        else:
            first[step.career] = index


Reference = tuple[Document, Loc, list[str], Any, str]


def _references(
    content: Content, names: dict[str, set[str]], ambassadors: dict[str, Entry[AmbassadorMeta]]
) -> Iterable[Reference]:
    """List every key that must name something: (file, where, values, known names, what)."""
    data, careers = content.data, names["career"]
    for e in content.careers.values():
        doc, meta = e.doc, e.meta
        yield (
            doc,
            ("pay", "bands"),
            meta.pay.bands,
            data.pay.bands,
            "an Agenda for Change band in data/pay.yaml",
        )
        yield doc, ("entry_routes",), meta.entry_routes, data.entry_routes, "an entry route"
        yield (
            doc,
            ("qualification_level",),
            [meta.qualification_level],
            data.qualification_levels,
            "a qualification level",
        )
        if meta.registration is not None:
            yield (
                doc,
                ("registration",),
                [meta.registration],
                data.regulators,
                "a regulator in data/regulators.yaml",
            )
        yield doc, ("interests",), meta.interests, data.interests, "an interest"
        yield doc, ("related",), meta.related, careers, "a career"
    for e in content.ways_in.values():
        yield e.doc, ("entry_route",), [e.meta.entry_route], data.entry_routes, "an entry route"
    for e in content.routes.values():
        yield (
            e.doc,
            ("for",),
            e.meta.audiences,
            data.audiences,
            "an audience in data/audiences.yaml",
        )
        for i, step in enumerate(e.meta.steps):
            yield e.doc, ("steps", i, "career"), [step.career], careers, "a career"
            yield e.doc, ("steps", i, "route"), [step.route], data.entry_routes, "an entry route"
    for e in content.organisations.values():
        yield e.doc, ("kind",), [e.meta.kind], data.organisation_kinds, "a kind of organisation"
        yield e.doc, ("region",), [e.meta.region], data.regions, "a region"
        if (we := e.meta.work_experience) is not None:
            where = ("work_experience", "priority_groups")
            yield e.doc, where, we.priority_groups, data.priority_groups, "a priority group"
            yield (
                e.doc,
                ("work_experience", "families"),
                we.families,
                names["family"],
                "a career family",
            )
        if (amb := e.meta.ambassadors) is not None:
            for i, study in enumerate(amb.case_studies):
                yield (
                    e.doc,
                    ("ambassadors", "case_studies", i, "activity"),
                    [study.activity],
                    data.outreach_activities,
                    "a kind of activity in data/outreach-activities.yaml",
                )
    for e in ambassadors.values():
        yield e.doc, ("career",), [e.meta.career], careers, "a career"
        yield (
            e.doc,
            ("organisation",),
            [e.meta.organisation],
            names["organisation"],
            "an organisation",
        )
        yield (
            e.doc,
            ("activities",),
            e.meta.activities,
            data.activities,
            "an activity in data/activities.yaml",
        )


def _check_career_facts(
    entry: Entry[CareerMeta], names: dict[str, set[str]], report: _Report, today: date
) -> None:
    doc, meta = entry.doc, entry.meta
    if doc.family not in names["family"]:
        message = f"the family '{doc.family}' has no _index.md: add content/careers/{doc.family}/_index.md"
        report.at(doc, 0, "", message)
    if doc.slug in meta.related:
        report.add(doc, ("related",), "a career should not list itself as related")
    if meta.reviewed > today:
        report.add(
            doc,
            ("reviewed",),
            f"{meta.reviewed} is in the future: give the date the facts were checked",
        )
    elif today - meta.reviewed > STALE_AFTER:
        message = f"last reviewed on {meta.reviewed}, more than 12 months ago: check the facts and update the date"
        report.add(doc, ("reviewed",), message, warning=True)


def _check_ambassador(entry: Entry[AmbassadorMeta], content: Content, report: _Report) -> None:
    doc, meta = entry.doc, entry.meta
    org = content.organisations.get(meta.organisation)
    if org is not None and org.meta.ambassadors is None:
        message = f"'{meta.organisation}' has not made the ambassador commitment: add 'ambassadors:' to its file first"
        report.add(doc, ("organisation",), message)
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if EMAIL.search(line):
            report.at(
                doc, number, "privacy", f"an ambassador file must not hold an email address: {_ASK}"
            )
        if PHONE.search(line):
            report.at(
                doc, number, "privacy", f"an ambassador file must not hold a phone number: {_ASK}"
            )


_ASK = "schools write to the organisation's coordinator"


def _keys(
    report: _Report, doc: Document, loc: Loc, values: list[str], known: Any, what: str
) -> None:
    """Report every value that is not among known, with the closest one."""
    single = loc[-1] not in _LISTS
    for index, value in enumerate(values):
        if value not in known:
            where = loc if single else (*loc, index)
            report.add(
                doc, where, f"'{value}' is not {what}.{did_you_mean(value, known)}".rstrip(".")
            )


# keys whose value is a list: problems name the item
_LISTS = {
    "bands",
    "entry_routes",
    "interests",
    "related",
    "for",
    "priority_groups",
    "families",
    "activities",
}
