"""Model stage: checked content -> the Site, with URLs, sorting, derived facts and reverse links."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .charts import Chart, bar_chart
from .diagram import Diagram, StepText, route_diagram
from .finder import STARTS, Start, best_way_in
from .monitoring import Figures, add_up
from .schema import (
    AmbassadorMeta,
    CareerMeta,
    EntryRouteTerm,
    OrganisationMeta,
    PayTable,
    RouteMeta,
    SiteMeta,
    Term,
    WayInMeta,
)
from .validate import Content, Entry, Vocabularies

MIN_AMBASSADORS = 5
MIN_EVENTS = 5
MIN_CASE_STUDIES = 1
MIN_ROLES = 3  # our reading of 'a range of roles'
UNLISTED_PAY = 999_999  # sort key for roles off Agenda for Change: after every band
LEVEL_ORDER = ("none", "gcse", "level-3", "degree", "postgraduate")
EXAMPLES = 6  # careers a list on the start page shows before "see all"


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Tag:
    """A vocabulary term with the page or anchor that explains it."""

    key: str
    name: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class Pay:
    text: str  # "£31,049 to £54,710 a year", or "" for roles off Agenda for Change
    bands: tuple[str, ...]
    bands_label: str  # "Agenda for Change bands 5 to 7 (2025/26)"
    note: str
    starting: str = ""  # "from £31,049", or "" for roles off Agenda for Change


@dataclass(frozen=True)
class EntryRoute:
    key: str
    name: str
    description: str
    url: str  # its ways-in page, or its place on /ways-in/
    paid: bool
    fees: str  # none, employer or student
    needs_degree_first: bool
    awards_degree: bool
    open_to_school_leavers: bool
    enters_job: bool

    @property
    def fees_text(self) -> str:
        return FEES[self.fees]


FEES = {
    "none": "No course fees",
    "employer": "Your employer or the government pays",
    "student": "You pay, usually with a student loan",
}

# the labels a career can carry: (key, text), in the order they are shown
LABELS = (
    ("no-degree", "No degree needed"),
    ("earn", "Earn while you learn"),
    ("degree-apprenticeship", "Degree apprenticeship"),
    ("paid-after-degree", "Paid training after your degree"),
)


def labels(routes: list[EntryRoute]) -> tuple[str, ...]:
    """Derive a career's labels from its entry routes' facts (DESIGN.md, "Derived").

    - No degree needed: some route takes people into the job without a degree, before or after.
    - Earn while you learn: a school leaver can train for it from the start, paid, with no fees.
    - Degree apprenticeship: the job needs a degree, and a paid, fee-free route awards it.
    - Paid training after your degree: paid training exists, but only once you have a degree
      you funded yourself (doctors, clinical psychologists, clinical scientists).
    """
    way_in = [r for r in routes if r.enters_job]
    no_degree = any(not r.needs_degree_first and not r.awards_degree for r in way_in)
    earn = any(
        r.paid and r.fees != "student" and r.open_to_school_leavers and not r.needs_degree_first
        for r in way_in
    )
    apprenticeship = not no_degree and any(
        r.awards_degree and r.paid and r.fees != "student" and not r.needs_degree_first
        for r in way_in
    )
    after_degree = not earn and any(r.paid and r.needs_degree_first for r in way_in)
    found = {"no-degree": no_degree, "earn": earn, "degree-apprenticeship": apprenticeship,
             "paid-after-degree": after_degree}  # fmt: skip
    return tuple(key for key, _ in LABELS if found[key])


@dataclass(frozen=True)
class CareerCard:
    """What a list shows of a career."""

    slug: str
    url: str
    title: str
    summary: str
    family: Tag
    pay: Pay
    labels: tuple[str, ...]  # keys of LABELS, derived from the entry routes
    level: str  # qualification level key, for filters
    routes: tuple[str, ...]  # entry route keys, for filters
    interests: tuple[str, ...]  # interest keys, for filters

    @property
    def no_degree_needed(self) -> bool:
        return "no-degree" in self.labels

    @property
    def earn_while_you_learn(self) -> bool:
        return "earn" in self.labels

    @property
    def label_texts(self) -> tuple[tuple[str, str], ...]:
        return tuple((key, text) for key, text in LABELS if key in self.labels)


@dataclass(frozen=True)
class RouteStep:
    number: int
    career: CareerCard
    route: EntryRoute
    note: str
    duration: str


@dataclass(frozen=True)
class Route:
    slug: str
    url: str
    title: str
    summary: str
    audiences: tuple[str, ...]
    steps: tuple[RouteStep, ...]
    diagram: Diagram


@dataclass(frozen=True)
class AmbassadorCard:
    slug: str
    url: str
    name: str
    career: CareerCard
    organisation: OrgCard


@dataclass(frozen=True)
class OrgCard:
    slug: str
    url: str
    name: str
    kind: str
    region: Tag
    sample: bool
    offers_work_experience: bool
    has_ambassadors: bool


@dataclass(frozen=True)
class Career:
    card: CareerCard
    also_called: tuple[str, ...]
    hours: str
    entry_routes: tuple[EntryRoute, ...]
    qualification: Tag
    entry_requirements: str
    regulator: Link | None
    interests: tuple[Tag, ...]
    skills: tuple[str, ...]
    related: tuple[CareerCard, ...]
    reviewed: str
    reviewed_on: date
    sources: tuple[Link, ...]
    body: str  # HTML
    print_body: str  # the body for a printed pack: headings one level down, ids prefixed
    routes: tuple[Route, ...]  # progression routes it appears in
    next_steps: tuple[CareerCard, ...]  # the step after it in those routes
    previous_steps: tuple[CareerCard, ...]  # the step before it in those routes
    ambassadors: tuple[AmbassadorCard, ...]
    work_experience: tuple[OrgCard, ...]  # the first SHOWN offering placements in its family
    work_experience_count: int  # how many offer them in all
    search_filters: tuple[tuple[str, str], ...]  # (filter, value) pairs for Pagefind
    sort_pay: int  # starting pay in pounds for sorting; roles off Agenda for Change sort last

    @property
    def title(self) -> str:
        return self.card.title

    @property
    def url(self) -> str:
        return self.card.url


@dataclass(frozen=True)
class Family:
    slug: str
    url: str
    print_url: str
    title: str
    summary: str
    intro: str  # HTML
    careers: tuple[Career, ...]


@dataclass(frozen=True)
class Interest:
    tag: Tag
    careers: tuple[CareerCard, ...]


@dataclass(frozen=True)
class WayIn:
    slug: str
    url: str
    title: str
    summary: str
    entry_route: EntryRoute
    who_for: tuple[str, ...]
    pay_while_training: bool
    duration: str
    sources: tuple[Link, ...]
    body: str
    careers: tuple[CareerCard, ...]


@dataclass(frozen=True)
class RouteGroup:
    """An entry route on /ways-in/ with the careers it leads to."""

    route: EntryRoute
    pages: tuple[Link, ...]
    careers: tuple[CareerCard, ...]


@dataclass(frozen=True)
class Check:
    """One of a commitment's minimums, and whether it is met."""

    label: str
    value: str
    met: bool


@dataclass(frozen=True)
class WorkExperience:
    committed: str
    priority_groups: tuple[Tag, ...]
    placements_per_year: int
    minimum_age: int
    families: tuple[Tag, ...]
    travel_expenses: bool
    pre_placement_information: bool
    keeps_in_touch: bool
    how_to_apply: str  # HTML
    apply_url: str
    contact_role: str
    contact_email: str
    contact_phone: str


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    url: str
    title: str
    year: int
    activity: Tag  # links to its group on /case-studies/
    ages: str
    summary: str
    story: str  # HTML, may be empty
    organisation: OrgCard


@dataclass(frozen=True)
class AmbassadorScheme:
    committed: str
    senior_champion: str
    coordinator_role: str
    coordinator_email: str
    protected_hours_per_year: int
    events_per_year: int
    case_studies: tuple[CaseStudy, ...]
    checks: tuple[Check, ...]

    @property
    def all_met(self) -> bool:
        return all(check.met for check in self.checks)


@dataclass(frozen=True)
class Organisation:
    card: OrgCard
    website: str
    work_experience: WorkExperience | None
    scheme: AmbassadorScheme | None
    ambassadors: tuple[AmbassadorCard, ...]
    returns: tuple[Figures, ...]  # its own yearly figures, oldest first

    @property
    def name(self) -> str:
        return self.card.name

    @property
    def url(self) -> str:
        return self.card.url


@dataclass(frozen=True)
class Ambassador:
    card: AmbassadorCard
    organisation: OrgCard
    activities: tuple[str, ...]
    languages: tuple[str, ...]
    body: str
    coordinator_role: str
    coordinator_email: str


@dataclass(frozen=True)
class Region:
    tag: Tag
    organisations: tuple[Organisation, ...]  # those with a work experience commitment
    with_ambassadors: int
    meeting_minimums: int  # ambassador schemes that meet every minimum
    coordinators: tuple[Organisation, ...]  # those with an ambassador scheme


@dataclass(frozen=True)
class Totals:
    work_experience: int
    ambassadors: int
    meeting_minimums: int
    samples: int


@dataclass(frozen=True)
class AreaFigures:
    """An area's figures year on year: England, or one region."""

    key: str
    name: str
    years: tuple[Figures, ...]


@dataclass(frozen=True)
class Monitoring:
    national: AreaFigures
    regions: tuple[AreaFigures, ...]
    charts: tuple[Chart, ...]


@dataclass(frozen=True)
class ActivityGroup:
    """A kind of outreach activity and the case studies of it."""

    tag: Tag
    ages: str
    studies: tuple[CaseStudy, ...]


@dataclass(frozen=True)
class FinderRow:
    card: CareerCard
    route: EntryRoute
    first_step: str


@dataclass(frozen=True)
class FinderResult:
    """One page of the finder: an interest and a starting point, and the careers they reach."""

    url: str
    interest: Tag
    start: Start
    rows: tuple[FinderRow, ...]  # cheapest, shortest way in first


@dataclass(frozen=True)
class FinderInterest:
    tag: Tag  # url is /finder/<interest>/
    results: tuple[FinderResult, ...]  # one a starting point


@dataclass(frozen=True)
class CompareRow:
    card: CareerCard
    hours: str
    ways_in: tuple[EntryRoute, ...]
    training: str  # the usual length of its quickest way in, from that way in's page
    registration: str


@dataclass(frozen=True)
class Page:
    slug: str
    url: str
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class Facet:
    """One filter on /careers/: a name and its options (value, label)."""

    key: str
    name: str
    options: tuple[tuple[str, str], ...]

    @property
    def attr(self) -> str:
        """The one-letter data- attribute rows carry for this filter (see career_rows.html)."""
        return {"label": "t"}.get(self.key, self.key[0])

    def codes(self, values: Iterable[str]) -> str:
        """Values as the short codes rows carry: each option's place in the list."""
        place = {value: str(i) for i, (value, _) in enumerate(self.options)}
        return " ".join(place[v] for v in values if v in place)


@dataclass(frozen=True)
class Site:
    meta: SiteMeta
    pay_year: str
    pay_source: Link
    families: tuple[Family, ...]
    careers: tuple[Career, ...]  # A to Z
    interests: tuple[Interest, ...]
    entry_routes: tuple[RouteGroup, ...]
    ways_in: tuple[WayIn, ...]
    routes: tuple[Route, ...]
    organisations: tuple[Organisation, ...]
    ambassadors: tuple[Ambassador, ...]
    regions: tuple[Region, ...]
    priority_groups: tuple[Tag, ...]
    pages: tuple[Page, ...]
    case_studies: tuple[CaseStudy, ...]  # newest first
    case_studies_by_region: tuple[CaseStudy, ...]  # by region name, then newest first
    activities: tuple[ActivityGroup, ...]  # every kind of outreach, youngest ages first
    activities_by_age: tuple[tuple[str, tuple[ActivityGroup, ...]], ...]
    monitoring: Monitoring
    commitment_totals: Totals
    employers_page: str  # URL of the general page for employers, or "" if there is none
    work_experience_guide: str  # URL of the way in that explains work experience
    check_labels: tuple[str, ...]  # the ambassador minimums, in the order checks list them
    facets: tuple[Facet, ...]
    filter_attrs: dict[str, str]  # slug -> the data- attributes of its row on /careers/
    search_facets: tuple[Facet, ...]  # /search/ filters, named as pages name them to Pagefind
    finder: tuple[FinderInterest, ...]
    compare: tuple[tuple[Family, tuple[CompareRow, ...]], ...]  # each family's comparison table
    examples: dict[str, tuple[CareerCard, ...]]  # a handful for the start page, by label
    label_lists: tuple[tuple[str, str, str, tuple[CareerCard, ...]], ...]  # key, name, url, careers
    az: tuple[tuple[str, tuple[CareerCard, ...]], ...]  # careers grouped by first letter
    nav: tuple[Link, ...]
    footer: tuple[Link, ...]


Cards = dict[str, CareerCard]
Routes = dict[str, EntryRoute]


_ID = re.compile(r'\bid="([^"]+)"')
_ANCHOR = re.compile(r'href="#([^"]+)"')


def long_date(day: date) -> str:
    """Format a date as '1 November 2026'."""
    return f"{day.day} {day:%B %Y}"


def pounds(amount: int) -> str:
    return f"£{amount:,}"


def make_pay(bands: list[str], note: str | None, table: PayTable) -> Pay:
    """Turn Agenda for Change bands into pounds from the pay table."""
    order = list(table.bands)
    ordered = sorted(bands, key=order.index)
    if not ordered:
        return Pay("", (), "", note or "")
    low, high = table.bands[ordered[0]].min, table.bands[ordered[-1]].max
    text = f"{pounds(low)} a year" if low == high else f"{pounds(low)} to {pounds(high)} a year"
    which = f"band {ordered[0]}" if len(ordered) == 1 else f"bands {ordered[0]} to {ordered[-1]}"
    label = f"Agenda for Change {which} ({table.year})"
    return Pay(text, tuple(ordered), label, note or "", f"from {pounds(low)}")


def build_site(content: Content, today: date) -> Site:
    """Compute everything the templates print."""
    data = content.data
    way_in_pages: dict[str, list[Link]] = defaultdict(list)
    for slug, entry in sorted(content.ways_in.items()):
        way_in_pages[entry.meta.entry_route].append(Link(entry.meta.title, f"/ways-in/{slug}/"))
    routes = {key: _entry_route(key, term, way_in_pages) for key, term in data.entry_routes.items()}
    ways_duration = {
        e.meta.entry_route: e.meta.duration for _, e in sorted(content.ways_in.items())
    }
    families = {
        slug: Tag(slug, e.meta.title, f"/families/{slug}/", e.meta.summary)
        for slug, e in content.families.items()
    }
    cards = {
        slug: _card(slug, e, families, routes, data.pay) for slug, e in content.careers.items()
    }
    a_to_z = sorted(cards, key=lambda slug: (cards[slug].title.lower(), slug))
    # families and interests list the careers you can start soonest first, then A to Z
    by_start = sorted(a_to_z, key=lambda slug: _start_order(cards[slug]))

    orgs = {
        slug: _org_card(slug, e.meta, content) for slug, e in sorted(content.organisations.items())
    }
    amb_cards = {
        slug: AmbassadorCard(
            slug,
            f"/ambassadors/{slug}/",
            e.meta.name,
            cards[e.meta.career],
            orgs[e.meta.organisation],
        )
        for slug, e in sorted(content.ambassadors.items())
    }
    route_list = tuple(
        _route(slug, e, cards, routes, data)
        for slug, e in sorted(content.routes.items(), key=lambda i: i[1].meta.title)
    )
    links = _CareerLinks.of(route_list, amb_cards, orgs, content)
    careers = {
        slug: _career(content.careers[slug], cards, routes, links, content) for slug in a_to_z
    }
    organisations = tuple(
        _organisation(orgs[slug], e, amb_cards, families, data, today)
        for slug, e in sorted(content.organisations.items(), key=lambda i: (i[1].meta.name, i[0]))
    )
    case_studies = tuple(
        sorted(
            (c for o in organisations if o.scheme for c in o.scheme.case_studies),
            key=lambda c: (-c.year, c.title, c.slug),
        )
    )
    ambassadors = tuple(
        _ambassador(amb_cards[slug], e, orgs, content)
        for slug, e in sorted(content.ambassadors.items(), key=lambda i: (i[1].meta.name, i[0]))
    )
    family_list = tuple(
        Family(
            slug, families[slug].url, f"/print/{slug}/", e.meta.title, e.meta.summary, e.html,
            tuple(careers[s] for s in by_start if cards[s].family.key == slug),
        )
        for slug, e in sorted(content.families.items(), key=lambda i: (i[1].meta.order, i[0]))
    )  # fmt: skip
    ordered_cards = tuple(cards[s] for s in a_to_z)
    start_cards = tuple(cards[s] for s in by_start)
    return Site(
        meta=content.site,
        pay_year=data.pay.year,
        pay_source=Link(data.pay.source.title, data.pay.source.url),
        families=family_list,
        careers=tuple(careers[s] for s in a_to_z),
        interests=tuple(
            Interest(
                Tag(key, t.name, f"/interests/{key}/", t.description or ""),
                tuple(c for c in start_cards if key in c.interests),
            )
            for key, t in data.interests.items()
        ),
        entry_routes=tuple(
            RouteGroup(
                route, tuple(way_in_pages[key]), tuple(c for c in ordered_cards if key in c.routes)
            )
            for key, route in routes.items()
        ),
        ways_in=tuple(
            _way_in(slug, e, routes, ordered_cards)
            for slug, e in sorted(content.ways_in.items(), key=lambda i: i[1].meta.title)
        ),
        routes=route_list,
        organisations=organisations,
        ambassadors=ambassadors,
        regions=_regions(organisations, data.regions),
        priority_groups=tuple(
            Tag(k, t.name, f"/work-experience/#{k}", t.description or "")
            for k, t in data.priority_groups.items()
        ),
        pages=tuple(
            Page(slug, f"/{slug}/", e.meta.title, e.meta.summary or "", e.html)
            for slug, e in sorted(content.pages.items())
        ),
        case_studies=case_studies,
        case_studies_by_region=tuple(
            sorted(case_studies, key=lambda c: (c.organisation.region.name, -c.year, c.title))
        ),
        activities=tuple(
            ActivityGroup(
                Tag(k, t.name, f"/case-studies/#{k}", t.description or ""),
                t.ages,
                tuple(c for c in case_studies if c.activity.key == k),
            )
            for k, t in data.outreach_activities.items()
        ),
        activities_by_age=_by_age(data),
        monitoring=_monitoring(content, data),
        commitment_totals=Totals(
            sum(1 for o in organisations if o.work_experience),
            sum(1 for o in organisations if o.scheme),
            sum(1 for o in organisations if o.scheme and o.scheme.all_met),
            sum(1 for o in organisations if o.card.sample),
        ),
        check_labels=tuple(c.label for c in _checks((), 0, [], today)),
        employers_page="/for-employers/" if "for-employers" in content.pages else "",
        work_experience_guide=routes["work-experience"].url
        if "work-experience" in routes
        else "/ways-in/",
        facets=(facets := _facets(family_list, data, ordered_cards)),
        filter_attrs={c.slug: _filter_attrs(c, facets) for c in ordered_cards},
        search_facets=_search_facets(family_list, data),
        finder=_finder(content, data, cards, routes),
        compare=tuple(
            (f, _compare_rows(f, content, data, routes, ways_duration)) for f in family_list
        ),
        examples=_examples(start_cards),
        label_lists=tuple(
            (
                key,
                text,
                f"/careers/labels/{key}/",
                tuple(c for c in ordered_cards if key in c.labels),
            )
            for key, text in LABELS
        ),
        az=_by_letter(ordered_cards),
        nav=(
            Link("Careers", "/careers/"),
            Link("Ways in", "/ways-in/"),
            Link("Work experience", "/work-experience/"),
            Link("Ambassadors", "/ambassadors/"),
            Link("Teachers", "/teachers/"),
        ),
        footer=tuple(Link(e.meta.title, f"/{slug}/") for slug, e in sorted(content.pages.items()))
        + (Link("Commitments", "/commitments/"), Link("Open data", "/data/careers.json")),
    )


def for_pack(html: str, slug: str) -> str:
    """A career body as it sits in a printed pack under the career's own h2.

    Headings move one level down (h2 -> h3) and every id and in-page link gains the career's
    slug, so a pack of many careers has one of each id ("adult-nurse-what-youll-do").
    """
    html = re.sub(r"<(/?)h([2-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
    # a function, not a template like rf'id="{slug}-\1"': a template is parsed again per slug
    html = _ID.sub(lambda m: f'id="{slug}-{m.group(1)}"', html)
    return _ANCHOR.sub(lambda m: f'href="#{slug}-{m.group(1)}"', html)


def _start_order(card: CareerCard) -> int:
    """Where a career sits when listed by starting point: no qualifications first."""
    return LEVEL_ORDER.index(card.level) if card.level in LEVEL_ORDER else len(LEVEL_ORDER)


def _entry_route(key: str, term: EntryRouteTerm, pages: dict[str, list[Link]]) -> EntryRoute:
    url = pages[key][0].url if pages.get(key) else f"/ways-in/#{key}"
    return EntryRoute(
        key, term.name, term.description, url, term.paid, term.fees, term.needs_degree_first,
        term.awards_degree, term.open_to_school_leavers, term.enters_job,
    )  # fmt: skip


def _card(
    slug: str,
    entry: Entry[CareerMeta],
    families: dict[str, Tag],
    routes: dict[str, EntryRoute],
    table: PayTable,
) -> CareerCard:
    meta = entry.meta
    own = [routes[key] for key in meta.entry_routes]
    return CareerCard(
        slug=slug,
        url=f"/careers/{slug}/",
        title=meta.title,
        summary=meta.summary,
        family=families[entry.doc.family],
        pay=make_pay(meta.pay.bands, meta.pay.note, table),
        labels=labels(own),
        level=meta.qualification_level,
        routes=tuple(meta.entry_routes),
        interests=tuple(meta.interests),
    )


def _route(
    slug: str, entry: Entry[RouteMeta], cards: Cards, routes: Routes, data: Vocabularies
) -> Route:
    meta = entry.meta
    steps = tuple(
        RouteStep(n, cards[step.career], routes[step.route], step.note, step.duration)
        for n, step in enumerate(meta.steps, start=1)
    )
    diagram = route_diagram(
        [
            StepText(
                s.career.title,
                s.career.pay.text or "Pay: see the career page",
                f"{s.route.name}, {s.duration[:1].lower()}{s.duration[1:]}",
            )
            for s in steps
        ]
    )
    return Route(
        slug,
        f"/routes/{slug}/",
        meta.title,
        meta.summary,
        tuple(data.audiences[a].name for a in meta.audiences),
        steps,
        diagram,
    )


# organisations a career page names before pointing to the directory: hundreds would bury it
SHOWN = 10


@dataclass(frozen=True)
class _CareerLinks:
    """What points at each career, gathered in one pass (not one scan per career)."""

    routes: dict[str, tuple[Route, ...]]  # career slug -> the routes it is a step of
    next_steps: dict[str, tuple[CareerCard, ...]]
    previous_steps: dict[str, tuple[CareerCard, ...]]
    ambassadors: dict[str, tuple[AmbassadorCard, ...]]
    offering: dict[str, tuple[OrgCard, ...]]  # family key -> organisations offering placements

    @classmethod
    def of(
        cls,
        route_list: tuple[Route, ...],
        amb_cards: dict[str, AmbassadorCard],
        orgs: dict[str, OrgCard],
        content: Content,
    ) -> _CareerLinks:
        in_routes: dict[str, list[Route]] = {}
        after: dict[str, list[CareerCard]] = {}
        before: dict[str, list[CareerCard]] = {}
        for route in route_list:
            for step in route.steps:
                mine = in_routes.setdefault(step.career.slug, [])
                if route not in mine:
                    mine.append(route)
            for first, then in zip(route.steps, route.steps[1:], strict=False):
                nexts = after.setdefault(first.career.slug, [])
                if then.career not in nexts:
                    nexts.append(then.career)
                previous = before.setdefault(then.career.slug, [])
                if first.career not in previous:
                    previous.append(first.career)
        ambassadors: dict[str, list[AmbassadorCard]] = {}
        for amb in amb_cards.values():
            ambassadors.setdefault(amb.career.slug, []).append(amb)
        offering: dict[str, list[OrgCard]] = {}
        for slug, org in orgs.items():
            if we := content.organisations[slug].meta.work_experience:
                for family in dict.fromkeys(we.families):
                    offering.setdefault(family, []).append(org)
        return cls(
            *(
                {key: tuple(value) for key, value in found.items()}
                for found in (in_routes, after, before, ambassadors, offering)
            )
        )


def _career(
    entry: Entry[CareerMeta],
    cards: Cards,
    routes: Routes,
    links: _CareerLinks,
    content: Content,
) -> Career:
    meta, card = entry.meta, cards[entry.doc.slug]
    data = content.data
    regulator = data.regulators.get(meta.registration) if meta.registration else None
    level = data.qualification_levels[meta.qualification_level]
    return Career(
        card=card,
        also_called=tuple(meta.also_called),
        hours=meta.hours,
        entry_routes=tuple(routes[key] for key in meta.entry_routes),
        qualification=Tag(
            meta.qualification_level, level.name, "/ways-in/", level.description or ""
        ),
        entry_requirements=meta.entry_requirements,
        regulator=Link(regulator.name, regulator.url) if regulator else None,
        interests=tuple(Tag(k, data.interests[k].name, f"/interests/{k}/") for k in meta.interests),
        skills=tuple(meta.skills),
        related=tuple(cards[s] for s in meta.related),
        reviewed=long_date(meta.reviewed),
        reviewed_on=meta.reviewed,
        sources=tuple(Link(s.title, s.url) for s in meta.sources),
        body=entry.html,
        print_body=for_pack(entry.html, card.slug),
        routes=links.routes.get(card.slug, ()),
        next_steps=links.next_steps.get(card.slug, ()),
        previous_steps=links.previous_steps.get(card.slug, ()),
        ambassadors=links.ambassadors.get(card.slug, ()),
        work_experience=links.offering.get(card.family.key, ())[:SHOWN],
        work_experience_count=len(links.offering.get(card.family.key, ())),
        search_filters=(
            ("kind", "Career"),
            ("family", card.family.name),
            ("level", level.name),
            *(("route", routes[k].name) for k in meta.entry_routes),
            *(("interest", data.interests[k].name) for k in meta.interests),
            *(("label", text) for _, text in card.label_texts),
        ),
        sort_pay=data.pay.bands[card.pay.bands[0]].min if card.pay.bands else UNLISTED_PAY,
    )


def _org_card(slug: str, meta: OrganisationMeta, content: Content) -> OrgCard:
    region = content.data.regions[meta.region]
    return OrgCard(
        slug, f"/organisations/{slug}/", meta.name, content.data.organisation_kinds[meta.kind].name,
        Tag(meta.region, region.name, f"/work-experience/#{meta.region}"), meta.sample,
        meta.work_experience is not None, meta.ambassadors is not None,
    )  # fmt: skip


def _organisation(
    card: OrgCard,
    entry: Entry[OrganisationMeta],
    amb_cards: dict[str, AmbassadorCard],
    families: dict[str, Tag],
    data: Vocabularies,
    today: date,
) -> Organisation:
    meta = entry.meta
    mine = tuple(a for a in amb_cards.values() if a.organisation.slug == card.slug)
    work = None
    if (we := meta.work_experience) is not None:
        work = WorkExperience(
            long_date(we.committed),
            tuple(Tag(k, data.priority_groups[k].name, "/work-experience/#priority", data.priority_groups[k].description or "") for k in we.priority_groups),
            we.placements_per_year, we.minimum_age,
            tuple(families[f] for f in we.families),
            we.travel_expenses, we.pre_placement_information, we.keeps_in_touch,
            entry.html, we.apply_url, we.contact.role, we.contact.email, we.contact.phone,
        )  # fmt: skip
    scheme = None
    if (amb := meta.ambassadors) is not None:
        studies = []
        taken: set[str] = set()
        for i, c in enumerate(amb.case_studies):
            slug = _unique(f"{card.slug}-{slugify(c.title)}", c.year, taken)
            activity = data.outreach_activities[c.activity]
            studies.append(CaseStudy(
                slug, f"/case-studies/{slug}/", c.title, c.year,
                Tag(c.activity, activity.name, f"/case-studies/#{c.activity}"), activity.ages,
                c.summary, entry.markdown.get(f"ambassadors.case_studies[{i + 1}].story", ""), card,
            ))  # fmt: skip
        scheme = AmbassadorScheme(
            long_date(amb.committed), amb.senior_champion, amb.coordinator.role, amb.coordinator.email,
            amb.protected_hours_per_year, amb.events_per_year,
            tuple(sorted(studies, key=lambda c: (-c.year, c.title))),
            _checks(mine, amb.events_per_year, [c.year for c in amb.case_studies], today),
        )  # fmt: skip
    return Organisation(card, meta.website, work, scheme, mine, add_up(meta.returns))


def slugify(text: str) -> str:
    """A URL part from a title: lowercase words joined by hyphens, at most about 60 letters."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) > 60:
            break
        out = f"{out}-{word}" if out else word
    return out or "case-study"


def _unique(slug: str, year: int, taken: set[str]) -> str:
    candidate = slug
    if candidate in taken:
        candidate = f"{slug}-{year}"
    n = 2
    while candidate in taken:
        candidate, n = f"{slug}-{year}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _by_age(data: Vocabularies) -> tuple[tuple[str, tuple[ActivityGroup, ...]], ...]:
    """Group the outreach activities by the ages they suit, in the vocabulary's order."""
    groups: dict[str, list[ActivityGroup]] = {}
    for k, t in data.outreach_activities.items():
        tag = Tag(k, t.name, f"/case-studies/#{k}", t.description or "")
        groups.setdefault(t.ages, []).append(ActivityGroup(tag, t.ages, ()))
    return tuple((ages, tuple(g)) for ages, g in groups.items())


def _monitoring(content: Content, data: Vocabularies) -> Monitoring:
    """Add up every organisation's returns, nationally and per region, and chart England's."""
    orgs = content.organisations.values()
    national = AreaFigures("england", "England", add_up(r for e in orgs for r in e.meta.returns))
    regions = tuple(
        AreaFigures(key, term.name, add_up(r for e in orgs if e.meta.region == key for r in e.meta.returns))
        for key, term in sorted(data.regions.items(), key=lambda i: i[1].name)
    )  # fmt: skip
    years = national.years
    labels = [str(f.year) for f in years]

    def pct(values: list[float | None]) -> list[float | None]:
        return [None if v is None else round(v * 100, 1) for v in values]

    charts = (
        bar_chart("placements", "Work experience placements offered and taken", labels, [
            ("Offered", [f.placements_offered for f in years]),
            ("Taken", [f.placements_taken for f in years]),
        ]),
        bar_chart("demand", "Applications for each placement offered", labels,
                  [("Applications per placement", [f.applications_per_placement for f in years])], show="{:.1f}"),
        bar_chart("priority", "Share of placements that went to priority groups", labels,
                  [("Priority groups", pct([f.priority_share for f in years]))], show="{:.0f}%"),
        bar_chart("kept-in-touch", "Share of participants kept in touch with afterwards", labels,
                  [("Kept in touch", pct([f.kept_in_touch_share for f in years]))], show="{:.0f}%"),
        bar_chart("reach", "Young people reached by ambassadors", labels,
                  [("Young people reached", [f.young_people_reached for f in years])]),
        bar_chart("ambassadors", "Ambassadors active and events held", labels, [
            ("Ambassadors active", [f.ambassadors_active for f in years]),
            ("Events held", [f.events_held for f in years]),
        ]),
    )  # fmt: skip
    return Monitoring(national, regions, charts)


def _checks(
    ambassadors: tuple[AmbassadorCard, ...], events: int, case_years: list[int], today: date
) -> tuple[Check, ...]:
    """Measure an ambassador scheme against the commitment's minimums."""
    roles = {a.career.slug for a in ambassadors}
    recent = sum(1 for year in case_years if year >= today.year - 1)
    return (
        Check(
            "Named ambassadors (at least 5)",
            str(len(ambassadors)),
            len(ambassadors) >= MIN_AMBASSADORS,
        ),
        Check("Different roles among them (at least 3)", str(len(roles)), len(roles) >= MIN_ROLES),
        Check("Events a year (at least 5)", str(events), events >= MIN_EVENTS),
        Check(
            f"Case studies in {today.year - 1} or {today.year} (at least 1)",
            str(recent),
            recent >= MIN_CASE_STUDIES,
        ),
    )


def _ambassador(
    card: AmbassadorCard, entry: Entry[AmbassadorMeta], orgs: dict[str, OrgCard], content: Content
) -> Ambassador:
    meta = entry.meta
    org = orgs[meta.organisation]
    scheme = content.organisations[meta.organisation].meta.ambassadors
    acts = content.data.activities
    return Ambassador(
        card, org, tuple(acts[a].name for a in meta.activities), tuple(meta.languages), entry.html,
        scheme.coordinator.role if scheme else "", scheme.coordinator.email if scheme else "",
    )  # fmt: skip


def _way_in(
    slug: str, entry: Entry[WayInMeta], routes: Routes, cards: tuple[CareerCard, ...]
) -> WayIn:
    meta = entry.meta
    return WayIn(
        slug, f"/ways-in/{slug}/", meta.title, meta.summary, routes[meta.entry_route], tuple(meta.who_for),
        meta.pay_while_training, meta.duration, tuple(Link(s.title, s.url) for s in meta.sources), entry.html,
        tuple(c for c in cards if meta.entry_route in c.routes),
    )  # fmt: skip


def _regions(
    organisations: tuple[Organisation, ...], regions: dict[str, Term]
) -> tuple[Region, ...]:
    out = []
    for key, term in sorted(regions.items(), key=lambda i: i[1].name):
        here = [o for o in organisations if o.card.region.key == key]
        schemes = tuple(o for o in here if o.scheme)
        out.append(Region(
            Tag(key, term.name, f"/work-experience/#{key}"),
            tuple(o for o in here if o.work_experience),
            len(schemes),
            sum(1 for o in schemes if o.scheme and o.scheme.all_met),
            schemes,
        ))  # fmt: skip
    return tuple(out)


def _by_letter(cards: tuple[CareerCard, ...]) -> tuple[tuple[str, tuple[CareerCard, ...]], ...]:
    """Group cards (already A to Z) by the first letter of their title."""
    groups: dict[str, list[CareerCard]] = defaultdict(list)
    for card in cards:
        groups[card.title[0].upper()].append(card)
    return tuple((letter, tuple(group)) for letter, group in sorted(groups.items()))


def _finder(
    content: Content, data: Vocabularies, cards: Cards, routes: Routes
) -> tuple[FinderInterest, ...]:
    """Every interest and starting point, with the careers reached, cheapest way in first."""
    own = {slug: [routes[r] for r in e.meta.entry_routes] for slug, e in content.careers.items()}
    out = []
    for key, term in data.interests.items():
        tag = Tag(key, term.name, f"/finder/{key}/", term.description or "")
        results = []
        for start in STARTS:
            found = []
            for slug, entry in content.careers.items():
                if key not in entry.meta.interests:
                    continue
                way = best_way_in(start, entry.meta.qualification_level, own[slug])
                if way is not None:
                    found.append((way.cost, way.length, cards[slug].title.lower(), slug, way))
            rows = tuple(
                FinderRow(cards[slug], routes[way.route], way.first_step)
                for *_, slug, way in sorted(found, key=lambda f: f[:4])
            )
            results.append(FinderResult(f"/finder/{key}/{start.key}/", tag, start, rows))
        out.append(FinderInterest(tag, tuple(results)))
    return tuple(out)


def _compare_rows(
    family: Family, content: Content, data: Vocabularies, routes: Routes, durations: dict[str, str]
) -> tuple[CompareRow, ...]:
    rows = []
    for career in family.careers:
        meta = content.careers[career.card.slug].meta
        own = [routes[r] for r in meta.entry_routes]
        # from A levels if any way in needs no degree first, else from a degree
        needs_degree = not any(r.enters_job and not r.needs_degree_first for r in own)
        start = STARTS[3] if needs_degree else STARTS[2]
        way = best_way_in(start, meta.qualification_level, own)
        training = durations.get(way.route, "") if way else ""
        regulator = data.regulators[meta.registration].name if meta.registration else "Not required"
        rows.append(
            CompareRow(career.card, meta.hours, tuple(own), training or "Varies", regulator)
        )
    return tuple(rows)


def _examples(cards: tuple[CareerCard, ...]) -> dict[str, tuple[CareerCard, ...]]:
    """A handful of careers for each list on the start page, from as many families as possible."""
    out = {}
    for key, _ in LABELS:
        chosen: list[CareerCard] = []
        families: set[str] = set()
        for card in cards:
            if key in card.labels and card.family.key not in families:
                chosen.append(card)
                families.add(card.family.key)
            if len(chosen) == EXAMPLES:
                break
        out[key] = tuple(chosen)
    return out


def _search_facets(families: tuple[Family, ...], data: Vocabularies) -> tuple[Facet, ...]:
    """The filters of /search/, named as the pages name them to Pagefind (search_filters)."""

    def names(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
        return tuple((v, v) for v in values)

    return (
        Facet("kind", "Kind of page", names(("Career", "Way in", "Route", "Organisation", "Page"))),
        Facet("label", "Labels", names(text for _, text in LABELS)),
        Facet("family", "Career family", names(f.title for f in families)),
        Facet(
            "level",
            "Usual starting point",
            names(t.name for t in data.qualification_levels.values()),
        ),
        Facet("route", "Way in", names(t.name for t in data.entry_routes.values())),
        Facet("interest", "Interest", names(t.name for t in data.interests.values())),
        Facet(
            "region",
            "Region (organisations)",
            names(t.name for t in sorted(data.regions.values(), key=lambda t: t.name)),
        ),
    )


def _filter_attrs(card: CareerCard, facets: tuple[Facet, ...]) -> str:
    """A row's filter attributes, as option codes: data-f="3" data-r="0 4" ... (escaped later)."""
    values = {
        "family": [card.family.key], "level": [card.level], "route": card.routes,
        "interest": card.interests, "band": card.pay.bands, "label": card.labels,
    }  # fmt: skip
    return " ".join(f'data-{f.attr}="{f.codes(values[f.key])}"' for f in facets)


def _facets(
    families: tuple[Family, ...], data: Vocabularies, cards: tuple[CareerCard, ...]
) -> tuple[Facet, ...]:
    bands = [b for b in data.pay.bands if any(b in c.pay.bands for c in cards)]
    return (
        Facet("family", "Career family", tuple((f.slug, f.title) for f in families)),
        Facet(
            "level",
            "Usual starting point",
            tuple((k, t.name) for k, t in data.qualification_levels.items()),
        ),
        Facet(
            "route",
            "Way in",
            tuple(
                (k, t.name)
                for k, t in data.entry_routes.items()
                if any(k in c.routes for c in cards)
            ),
        ),
        Facet("interest", "Interest", tuple((k, t.name) for k, t in data.interests.items())),
        Facet("band", "Pay band", tuple((b, f"Band {b}") for b in bands)),
        Facet("label", "Labels", LABELS),
    )
