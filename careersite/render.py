"""Render stage: Site -> {output path: bytes}, through Jinja templates, touching no disk but templates."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from .cache import Store, digest
from .fingerprint import PageKeys
from .model import Career, Link, Site
from .monitoring import COUNTS, Figures, percent, times
from .parallel import pmap
from .schema import AMBASSADOR_FIGURES, WORK_EXPERIENCE_FIGURES

Output = dict[str, bytes]
HOME = Link("Home", "/")
CAREERS = Link("Careers", "/careers/")


@dataclass(frozen=True)
class PageSpec:
    """One HTML page to render: where it goes, which template, with what."""

    url: str
    template: str
    title: str
    description: str = ""
    crumbs: tuple[Link, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)


def make_environment(templates: Path, cache: Store | None = None) -> Environment:
    """Create the Jinja environment: autoescaped, strict about undefined names.

    cache: where templates compiled by earlier builds are kept.
    """
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=_Compiled(cache) if cache is not None else None,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(percent=percent, times=times)
    return env


class _Compiled(BytecodeCache):
    """Jinja's compiled templates, kept in the build cache (and checked like all of it)."""

    def __init__(self, cache: Store) -> None:
        self.cache = cache

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.cache.get("template", digest(bucket.key.encode(), bucket.checksum.encode()))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = digest(bucket.key.encode(), bucket.checksum.encode())
        self.cache.put("template", key, bucket.bytecode_to_string())


def render_site(
    site: Site, env: Environment, static: list[tuple[str, Path]], cache: Store | None = None
) -> Output:
    """Render every page and file of the site; pages whose inputs are unchanged come from cache."""
    specs = list(page_specs(site))
    out: Output = dict.fromkeys((output_path(spec.url) for spec in specs), b"")
    keys = PageKeys(env, site, cache) if cache is not None else None
    todo: list[tuple[PageSpec, bytes]] = []
    for spec in specs:
        key = b""
        if keys is not None and cache is not None:
            values = (spec.url, spec.title, spec.description, spec.crumbs, spec.context)
            key = keys.key(spec.template, values)
            html = cache.get("page", key)
            if html is not None:
                out[output_path(spec.url)] = html
                continue
        todo.append((spec, key))
    if todo:  # compile (or load) every template once, before any worker starts
        for name in env.list_templates():
            env.get_template(name)
    global _SITE
    _SITE = (site, env)
    try:
        rendered = pmap(_render_page, [spec for spec, _ in todo])
    finally:
        _SITE = None
    for (spec, key), html in zip(todo, rendered, strict=True):
        out[output_path(spec.url)] = html
        if cache is not None:
            cache.put("page", key, html)
    base = site.meta.base_url.rstrip("/")
    urls = sorted(spec.url for spec in specs if spec.url != "/404.html")
    out["sitemap.xml"] = (
        env.get_template("sitemap.xml").render(base=base, urls=urls).encode("utf-8")
    )
    out["robots.txt"] = env.get_template("robots.txt").render(base=base).encode("utf-8")
    for name, make in DATA_FILES:
        out |= _data(name, make, site, keys, cache)
    for rel, path in static:
        out[rel] = path.read_bytes()
    return out


# The open data files: each a function of the site to {path: bytes}
DATA_FILES: tuple[tuple[str, Callable[[Site], Output]], ...] = (
    ("careers.json", lambda site: {"data/careers.json": careers_json(site)}),
    ("careers.csv", lambda site: {"data/careers.csv": careers_csv(site)}),
    ("search terms", lambda site: search_terms(site)),
    ("organisations.json", lambda site: {"data/organisations.json": organisations_json(site)}),
    ("organisations.csv", lambda site: {"data/organisations.csv": organisations_csv(site)}),
    ("returns.csv", lambda site: {"data/returns.csv": returns_csv(site)}),
)


def _data(
    name: str,
    make: Callable[[Site], Output],
    site: Site,
    keys: PageKeys | None,
    cache: Store | None,
) -> Output:
    """Make a data file, or take it from the cache if the parts of the site it read are unchanged.

    The parts it reads are found by watching it run: the same parts, unchanged, make the same
    file, and a change to them is seen before it could take another path.
    """
    if keys is None or cache is None:
        return make(site)
    key = digest(b"data", name.encode())
    found = cache.get("data file", key)
    if found is not None:
        reads, hashed, files = found
        if keys.attrs(reads) == hashed:
            return files  # type: ignore[no-any-return]
    watched = _Watched(site)
    files = make(watched)  # type: ignore[arg-type]
    reads = tuple(sorted(watched.read))
    cache.put("data file", key, (reads, keys.attrs(reads), files))
    return files


class _Watched:
    """A site that notes which of its attributes are read."""

    def __init__(self, site: Site) -> None:
        self._site, self.read = site, set[str]()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._site, name)


_SITE: tuple[Site, Environment] | None = None  # what workers render from (see parallel.py)


def _render_page(spec: PageSpec) -> bytes:
    assert _SITE is not None
    site, env = _SITE
    html = env.get_template(spec.template).render(
        site=site,
        url=spec.url,
        title=spec.title,
        description=spec.description,
        crumbs=spec.crumbs,
        **spec.context,
    )
    return html.encode("utf-8")


def output_path(url: str) -> str:
    """Map a URL to the file that serves it: /a/b/ -> a/b/index.html."""
    path = url.lstrip("/")
    return path + "index.html" if url.endswith("/") else path


def page_specs(site: Site) -> Iterator[PageSpec]:
    """List every HTML page of the site, in a stable order."""
    yield PageSpec("/", "home.html", site.meta.title, site.meta.description)
    yield PageSpec(
        "/careers/", "careers.html", "Careers from A to Z", "Every NHS career, with filters."
    )
    for career in site.careers:
        family = career.card.family
        crumbs = (HOME, CAREERS, Link(family.name, family.url))
        yield PageSpec(
            career.url, "career.html", career.title, career.card.summary, crumbs, {"career": career}
        )
    for family in site.families:
        yield PageSpec(
            family.url,
            "family.html",
            family.title,
            family.summary,
            (HOME, CAREERS),
            {"family": family},
        )
        yield PageSpec(
            family.print_url,
            "print.html",
            f"{family.title}: printable pack",
            family.summary,
            (),
            {"family": family},
        )
    intros = {
        "no-degree": "You can start each of these jobs without a degree.",
        "earn": "A school leaver can train for each of these while paid, with no course fees.",
        "degree-apprenticeship": "Each needs a degree, and a degree apprenticeship gives it with no fees.",
        "paid-after-degree": "Each has paid training, but only once you have a degree you funded.",
    }
    for key, name, url, cards in site.label_lists:
        yield PageSpec(url, "label_list.html", name, intros[key], (HOME, CAREERS),
                       {"name": name, "cards": cards, "intro": intros[key]})  # fmt: skip
    for family, rows in site.compare:
        yield PageSpec(
            f"{family.url}compare/", "compare_family.html", f"Compare {family.title.lower()} careers",
            f"Every {family.title.lower()} career in one table.",
            (HOME, CAREERS, Link(family.title, family.url)), {"family": family, "rows": rows},
        )  # fmt: skip
    yield PageSpec("/compare/", "compare.html", "Compare careers", "Careers side by side.")
    finder = Link("Career finder", "/finder/")
    yield PageSpec("/finder/", "finder.html", "Career finder", "Find a career in two clicks.")
    for item in site.finder:
        yield PageSpec(item.tag.url, "finder_interest.html", f"Career finder: {item.tag.name}",
                       "Where are you starting from?", (HOME, finder), {"item": item})  # fmt: skip
        for result in item.results:
            title = f"Careers for “{item.tag.name.lower()}”, {result.start.name.lower()}"
            yield PageSpec(result.url, "finder_result.html", title, "Careers you could start.",
                           (HOME, finder, Link(item.tag.name, item.tag.url)), {"result": result})  # fmt: skip
    for interest in site.interests:
        yield PageSpec(
            interest.tag.url,
            "interest.html",
            interest.tag.name,
            interest.tag.description,
            (HOME, CAREERS),
            {"interest": interest},
        )
    yield PageSpec(
        "/ways-in/",
        "ways_in.html",
        "Ways in",
        "Apprenticeships, T Levels, degrees and other ways into NHS careers.",
    )
    for way in site.ways_in:
        yield PageSpec(
            way.url,
            "way_in.html",
            way.title,
            way.summary,
            (HOME, Link("Ways in", "/ways-in/")),
            {"way": way},
        )
    yield PageSpec(
        "/routes/",
        "routes.html",
        "Step-by-step routes",
        "How people move from one NHS job to another.",
    )
    for route in site.routes:
        yield PageSpec(
            route.url,
            "route.html",
            route.title,
            route.summary,
            (HOME, Link("Routes", "/routes/")),
            {"route": route},
        )
    yield PageSpec(
        "/work-experience/", "work_experience.html", "Find work experience", "Organisations offering fair work experience.",
        context={"priority_groups": site.priority_groups},
    )  # fmt: skip
    for org in site.organisations:
        crumbs = (HOME, Link("Work experience", "/work-experience/"))
        yield PageSpec(
            org.url,
            "organisation.html",
            org.name,
            f"What {org.name} has committed to.",
            crumbs,
            {"org": org},
        )
    yield PageSpec(
        "/ambassadors/", "ambassadors.html", "Health ambassadors", "NHS staff who visit schools."
    )
    for amb in site.ambassadors:
        crumbs = (HOME, Link("Ambassadors", "/ambassadors/"))
        title = f"{amb.card.name}, {amb.card.career.title.lower()}"
        yield PageSpec(
            amb.card.url,
            "ambassador.html",
            title,
            f"A health ambassador at {amb.organisation.name}.",
            crumbs,
            {"amb": amb},
        )
    yield PageSpec(
        "/commitments/",
        "commitments.html",
        "Commitments",
        "Who has committed, by region, against the minimums.",
    )
    yield PageSpec(
        "/case-studies/",
        "case_studies.html",
        "Case studies: what works",
        "What ambassador organisations did with schools and young people, by kind of activity, region and year.",
        (HOME, Link("Ambassadors", "/ambassadors/")),
    )
    for study in site.case_studies:
        crumbs = (HOME, Link("Case studies", "/case-studies/"))
        yield PageSpec(
            study.url, "case_study.html", study.title, study.summary, crumbs, {"study": study}
        )
    yield PageSpec(
        "/teachers/",
        "teachers.html",
        "For teachers and careers advisers",
        "Printable packs and ambassador visits.",
    )
    yield PageSpec("/search/", "search.html", "Search", "Search NHS careers.")
    for page in site.pages:
        yield PageSpec(page.url, "page.html", page.title, page.summary, (), {"page": page})
    yield PageSpec("/404.html", "404.html", "Page not found")


def _career_record(site: Site, career: Career) -> dict[str, Any]:
    card = career.card
    return {
        "slug": card.slug,
        "url": site.meta.base_url.rstrip("/") + card.url,
        "title": card.title,
        "also_called": list(career.also_called),
        "summary": card.summary,
        "family": card.family.key,
        "pay_bands": list(card.pay.bands),
        "pay": card.pay.text,
        "pay_note": card.pay.note,
        "hours": career.hours,
        "entry_routes": [r.key for r in career.entry_routes],
        "entry_route_names": [r.name for r in career.entry_routes],
        "qualification_level": career.qualification.key,
        "registration": career.regulator.text if career.regulator else "",
        "interests": [t.key for t in career.interests],
        "skills": list(career.skills),
        "labels": [text for _, text in card.label_texts],
        "no_degree_needed": card.no_degree_needed,
        "earn_while_you_learn": card.earn_while_you_learn,
        "degree_apprenticeship": "degree-apprenticeship" in card.labels,
        "paid_training_after_degree": "paid-after-degree" in card.labels,
        "reviewed": career.reviewed_on.isoformat(),
        "sources": [{"title": s.text, "url": s.url} for s in career.sources],
    }


def careers_json(site: Site) -> bytes:
    """Every career as open data (JSON)."""
    records = [_career_record(site, c) for c in site.careers]
    return (
        json.dumps({"pay_year": site.pay_year, "careers": records}, indent=1, ensure_ascii=False)
        + "\n"
    ).encode("utf-8")


def sound_key(name: str) -> str:
    """The shard a name goes in: its first sound, so 'physio' and 'fisio' land together.

    static/assets/search.js has the same function; a browser test checks that they agree.
    """
    word = re.sub(r"^[^a-z0-9]+", "", name.lower())
    for start, key in (("ph", "f"), ("kn", "n"), ("wr", "r"), ("ps", "s"), ("gn", "n")):
        if word.startswith(start):
            return key
    first = word[:1]
    if not first or not first.isalpha():
        return "0"
    return {"y": "i", "k": "c", "q": "c", "z": "s"}.get(first, first)


def search_terms(site: Site) -> dict[str, bytes]:
    """Career titles and other names in small shards by first sound, for "did you mean".

    data/terms/<key>.json is [[slug, title, other name if any], ...]: the search page fetches
    the shard of each word of a query, and only when Pagefind finds little.
    """
    shards: dict[str, list[list[str]]] = {}
    for career in site.careers:
        for name in dict.fromkeys((career.title, *career.also_called)):
            row = [career.card.slug, career.title] + ([name] if name != career.title else [])
            shards.setdefault(sound_key(name), []).append(row)
    return {
        f"data/terms/{key}.json": (
            json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"
        ).encode("utf-8")
        for key, rows in sorted(shards.items())
    }


def careers_csv(site: Site) -> bytes:
    """Every career as open data (CSV, lists joined with '; ')."""
    records = [_career_record(site, c) for c in site.careers]
    columns = [k for k in records[0] if k != "sources"] if records else ["slug"]
    rows = [
        ["; ".join(v) if isinstance(v, list) else v for v in (record[k] for k in columns)]
        for record in records
    ]
    return _csv(columns, rows)


def _cell(value: Any) -> Any:
    """Keep a spreadsheet from running a cell as a formula (CSV injection): quote it as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def organisations_json(site: Site) -> bytes:
    """Every organisation and what it committed to (JSON)."""
    records = []
    for org in site.organisations:
        we, scheme = org.work_experience, org.scheme
        records.append({
            "slug": org.card.slug,
            "name": org.name,
            "kind": org.card.kind,
            "region": org.card.region.key,
            "sample": org.card.sample,
            "work_experience": None if we is None else {
                "placements_per_year": we.placements_per_year,
                "minimum_age": we.minimum_age,
                "families": [f.key for f in we.families],
                "priority_groups": [g.key for g in we.priority_groups],
                "travel_expenses": we.travel_expenses,
                "apply_url": we.apply_url,
            },
            "ambassadors": None if scheme is None else {
                "named": len(org.ambassadors),
                "roles": len({a.career.slug for a in org.ambassadors}),
                "events_per_year": scheme.events_per_year,
                "case_studies": [{"title": c.title, "year": c.year, "activity": c.activity.key, "url": c.url} for c in scheme.case_studies],
                "checks": {c.label: {"value": c.value, "met": c.met} for c in scheme.checks},
                "meets_minimums": scheme.all_met,
            },
            "returns": [_figures_record(f, _covered(org)) for f in org.returns],
        })  # fmt: skip
    monitoring = site.monitoring
    totals = {
        "england": [_figures_record(f) for f in monitoring.national.years],
        "regions": {a.key: [_figures_record(f) for f in a.years] for a in monitoring.regions},
    }
    data = {"organisations": records, "totals": totals}
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _covered(org: Any) -> tuple[str, ...]:
    """The figures an organisation's commitments cover (the others are not zero but not asked)."""
    return (WORK_EXPERIENCE_FIGURES if org.work_experience else ()) + (
        AMBASSADOR_FIGURES if org.scheme else ()
    )


def _figures_record(f: Figures, covered: tuple[str, ...] = COUNTS) -> dict[str, Any]:
    """A year's figures with the rates worked out (None where there is nothing to divide by)."""
    record: dict[str, Any] = {"year": f.year, "returns": f.returns}
    record |= {key: getattr(f, key) if key in covered else None for key in COUNTS}
    rates = ("applications_per_placement", "take_up", "priority_share", "kept_in_touch_share")
    record |= {key: None if (v := getattr(f, key)) is None else round(v, 4) for key in rates}
    return record


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def organisations_csv(site: Site) -> bytes:
    """One row an organisation: its commitments and whether its scheme meets the minimums."""
    header = ["slug", "name", "kind", "region", "sample", "work_experience", "placements_per_year",
              "minimum_age", "travel_expenses", "keeps_in_touch", "ambassadors", "named_ambassadors",
              "events_per_year", "case_studies", "meets_minimums"]  # fmt: skip
    rows = []
    for org in site.organisations:
        we, scheme = org.work_experience, org.scheme
        rows.append([
            org.card.slug, org.name, org.card.kind, org.card.region.key, org.card.sample,
            we is not None, we.placements_per_year if we else "", we.minimum_age if we else "",
            we.travel_expenses if we else "", we.keeps_in_touch if we else "",
            scheme is not None, len(org.ambassadors) if scheme else "",
            scheme.events_per_year if scheme else "", len(scheme.case_studies) if scheme else "",
            scheme.all_met if scheme else "",
        ])  # fmt: skip
    return _csv(header, rows)


def returns_csv(site: Site) -> bytes:
    """Every yearly return, one row an organisation and year; the totals are in the JSON."""
    header = ["organisation", "region", "sample", "year", *COUNTS]
    rows = [
        [org.card.slug, org.card.region.key, org.card.sample, f.year,
         *(getattr(f, key) if key in _covered(org) else "" for key in COUNTS)]
        for org in site.organisations for f in org.returns
    ]  # fmt: skip
    return _csv(header, rows)
