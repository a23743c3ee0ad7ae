"""Validate stage, part one: the shape of every kind of content file (pydantic)."""

from __future__ import annotations

import contextlib
import re
import types
from datetime import date, datetime
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from .problems import did_you_mean


def _to_date(value: Any) -> date:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            value = date.fromisoformat(value.strip())
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ValueError("should be a date written like 2026-11-01")


def _web_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", value):
        raise ValueError(f"'{value}' should be a web address starting with https://")
    return value


def _link_url(value: str) -> str:
    if value.startswith(("mailto:", "tel:")):
        return value
    try:
        return _web_url(value)
    except ValueError:
        raise ValueError(f"'{value}' should start with https://, mailto: or tel:") from None


def _email(value: str) -> str:
    if not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", value, re.IGNORECASE):
        raise ValueError(f"'{value}' should be an email address like name@example.org")
    return value


def _band(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _one_word(value: str) -> str:
    if len(value.split()) != 1:
        raise ValueError(f"'{value}' should be one word: a first or chosen name only, no surname")
    return value


Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]
Summary = Annotated[
    StrictStr, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
Key = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]
Band = Annotated[StrictStr, BeforeValidator(_band)]
Date = Annotated[date, BeforeValidator(_to_date)]
WebUrl = Annotated[StrictStr, AfterValidator(_web_url)]
LinkUrl = Annotated[StrictStr, AfterValidator(_link_url)]  # a web page, an email or a phone number
Email = Annotated[StrictStr, AfterValidator(_email)]
Count = Annotated[StrictInt, Field(ge=0)]


class Strict(BaseModel):
    """A block of keys where every key is known and nothing is coerced by surprise."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceLink(Strict):
    title: Text
    url: WebUrl


# --- careers and families -------------------------------------------------------------


class Pay(Strict):
    bands: list[Band] = []  # Agenda for Change bands, keys of data/pay.yaml
    note: Text | None = None  # for roles not on Agenda for Change

    @model_validator(mode="after")
    def _some_pay(self) -> Pay:
        if not self.bands and not self.note:
            raise ValueError("give 'bands', a 'note', or both")
        return self


class CareerMeta(Strict):
    title: Text  # the job as people say it
    also_called: list[Text] = []  # other names and misspellings, for search
    summary: Summary  # one or two plain sentences
    pay: Pay
    hours: Text
    entry_routes: Annotated[list[Key], Field(min_length=1)]  # data/entry-routes.yaml
    qualification_level: Key  # data/qualification-levels.yaml
    entry_requirements: Text
    registration: Key | None = None  # data/regulators.yaml, where the title is protected
    interests: Annotated[list[Key], Field(min_length=1)]  # data/interests.yaml
    skills: Annotated[list[Text], Field(min_length=3, max_length=8)]
    related: Annotated[list[Key], Field(min_length=2)]  # career slugs
    reviewed: Date  # older than 12 months is reported as stale
    sources: Annotated[list[SourceLink], Field(min_length=1)]


class FamilyMeta(Strict):
    title: Text
    summary: Summary
    order: Annotated[StrictInt, Field(ge=1)]  # place in lists of families


# --- ways in and routes -------------------------------------------------------------


class WayInMeta(Strict):
    title: Text
    summary: Summary
    entry_route: Key  # the data/entry-routes.yaml key this page explains
    who_for: Annotated[list[Text], Field(min_length=1)]
    pay_while_training: StrictBool
    duration: Text
    sources: Annotated[list[SourceLink], Field(min_length=1)]


class RouteStep(Strict):
    career: Key  # career slug
    route: Key  # data/entry-routes.yaml: how you get into this step
    note: Text
    duration: Text


class RouteMeta(Strict):
    title: Text
    summary: Summary
    audiences: Annotated[list[Key], Field(min_length=1, alias="for")]  # data/audiences.yaml
    steps: Annotated[list[RouteStep], Field(min_length=2)]


# --- organisations and ambassadors ------------------------------------------------------


class Contact(Strict):
    role: Text  # a role, never a person
    email: Email
    phone: Text


class Coordinator(Strict):
    role: Text
    email: Email


class WorkExperience(Strict):
    committed: Date
    priority_groups: Annotated[list[Key], Field(min_length=1)]  # data/priority-groups.yaml
    placements_per_year: Count
    minimum_age: Annotated[StrictInt, Field(ge=13, le=99)]
    families: Annotated[list[Key], Field(min_length=1)]  # family slugs
    travel_expenses: StrictBool
    pre_placement_information: StrictBool
    keeps_in_touch: StrictBool
    how_to_apply: Text  # Markdown
    apply_url: LinkUrl
    contact: Contact


Year = Annotated[StrictInt, Field(ge=2000, le=2100)]


class CaseStudy(Strict):
    title: Text
    year: Year
    activity: Key  # data/outreach-activities.yaml: the kind of activity, by age group
    summary: Summary  # one or two sentences for lists
    story: Text | None = None  # Markdown: what happened, what worked, what was learned


class AmbassadorCommitment(Strict):
    committed: Date
    senior_champion: Text  # a board-level role, not a person
    coordinator: Coordinator
    protected_hours_per_year: Count
    events_per_year: Count
    case_studies: list[CaseStudy] = []


class YearlyReturn(Strict):
    """One year's monitoring figures; only those the organisation's commitments cover."""

    year: Year
    # the work experience commitment
    placements_offered: Count | None = None
    applications: Count | None = None
    placements_taken: Count | None = None
    priority_group_placements: Count | None = None  # of those taken, by priority groups
    kept_in_touch: Count | None = None  # participants the organisation kept in touch with
    # the ambassador commitment
    ambassadors_active: Count | None = None
    events_held: Count | None = None
    young_people_reached: Count | None = None


WORK_EXPERIENCE_FIGURES = (
    "placements_offered", "applications", "placements_taken", "priority_group_placements",
    "kept_in_touch",
)  # fmt: skip
AMBASSADOR_FIGURES = ("ambassadors_active", "events_held", "young_people_reached")


class OrganisationMeta(Strict):
    name: Text
    kind: Key  # data/organisation-kinds.yaml
    region: Key  # data/regions.yaml
    website: WebUrl
    sample: StrictBool = False  # true for illustrative records
    work_experience: WorkExperience | None = None
    ambassadors: AmbassadorCommitment | None = None
    returns: list[YearlyReturn] = []

    @model_validator(mode="after")
    def _some_commitment(self) -> OrganisationMeta:
        if self.work_experience is None and self.ambassadors is None:
            raise ValueError("give at least one commitment: 'work_experience' or 'ambassadors'")
        return self


class AmbassadorMeta(Strict):
    name: Annotated[Text, AfterValidator(_one_word)]  # first or chosen name only
    career: Key  # career slug
    organisation: Key  # organisation slug
    activities: Annotated[list[Key], Field(min_length=1)]  # data/activities.yaml
    languages: Annotated[list[Text], Field(min_length=1)]
    consent: Date  # when consent to publish was recorded


class PageMeta(Strict):
    title: Text
    summary: Summary | None = None


class SiteMeta(Strict):
    title: Text
    description: Summary
    base_url: WebUrl  # where the site is served, for the sitemap
    language: Text = "en-GB"
    contact: Email
    sample_notice: Text  # shown on illustrative organisation and ambassador records


# --- vocabularies in content/data/ ------------------------------------------------------


class Term(Strict):
    name: Text
    description: Text | None = None


class OutreachActivity(Strict):
    name: Text
    ages: Text  # the age group it suits, as COMMITMENTS.md groups them
    description: Text | None = None


class EntryRouteTerm(Strict):
    """An entry route and the facts every career's labels are derived from (see model.labels)."""

    name: Text
    description: Text
    paid: StrictBool  # you earn a wage while you train on it
    fees: Literal["none", "employer", "student"]  # who pays course fees
    needs_degree_first: StrictBool  # you must have a degree to start it
    awards_degree: StrictBool  # it ends in a degree
    open_to_school_leavers: StrictBool  # someone leaving school at 16 or 18 can start on it
    enters_job: StrictBool  # it takes someone new into the job (not a taster, course or return)


class Regulator(Strict):
    name: Text
    url: WebUrl


class PayBand(Strict):
    min: Count
    max: Count

    @model_validator(mode="after")
    def _ordered(self) -> PayBand:
        if self.min > self.max:
            raise ValueError("'min' should not be more than 'max'")
        return self


class PayTable(Strict):
    year: Text
    source: SourceLink
    bands: Annotated[dict[Band, PayBand], Field(min_length=1)]


META_MODELS: dict[str, type[Strict]] = {
    "site": SiteMeta,
    "family": FamilyMeta,
    "career": CareerMeta,
    "way_in": WayInMeta,
    "route": RouteMeta,
    "organisation": OrganisationMeta,
    "ambassador": AmbassadorMeta,
    "page": PageMeta,
}

DATA_MODELS: dict[str, Any] = {
    "pay": PayTable,
    "entry-routes": dict[str, EntryRouteTerm],
    "qualification-levels": dict[str, Term],
    "regulators": dict[str, Regulator],
    "interests": dict[str, Term],
    "regions": dict[str, Term],
    "priority-groups": dict[str, Term],
    "organisation-kinds": dict[str, Term],
    "activities": dict[str, Term],
    "audiences": dict[str, Term],
    "outreach-activities": dict[str, OutreachActivity],
}
_ADAPTERS = {name: TypeAdapter(model) for name, model in DATA_MODELS.items()}


def validate(kind: str, name: str, data: Any) -> tuple[Any, list[tuple[tuple, str]]]:
    """Validate data as kind (or data file name); return the value or (loc, message) pairs."""
    model: Any = DATA_MODELS[name] if kind == "data" else META_MODELS[kind]
    try:
        if kind == "data":
            return _ADAPTERS[name].validate_python(data), []
        return model.model_validate(data), []
    except ValidationError as err:
        return None, [friendly(error, model) for error in err.errors(include_url=False)]


_MESSAGES = {
    "missing": "is required",
    "string_type": "should be text",
    "list_type": "should be a list, like [a, b]",
    "dict_type": "should be a set of 'key: value' lines",
    "model_type": "should be a set of 'key: value' lines",
    "model_attributes_type": "should be a set of 'key: value' lines",
    "bool_type": "should be true or false",
    "int_type": "should be a whole number",
    "int_from_float": "should be a whole number",
}


def friendly(error: Any, model: Any) -> tuple[tuple, str]:
    """Turn one pydantic error into a location and a message for editors."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        known = keys_at(model, loc[:-1])
        hint = did_you_mean(loc[-1], known) or _known(known)
        return loc, f"'{loc[-1]}' is not a known key.{hint}"
    if kind in _MESSAGES:
        return loc, _MESSAGES[kind]
    if kind == "value_error":
        return loc, str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        value = error["input"]
        hint = did_you_mean(value, choices) or f" Choose one of: {', '.join(choices)}."
        return loc, f"'{value}' is not allowed here.{hint}"
    if kind == "string_too_short":
        return loc, "should not be empty"
    if kind == "string_too_long":
        return loc, f"is {len(error['input'])} characters long; the most is {ctx['max_length']}"
    if kind == "too_short":
        return loc, f"needs at least {ctx['min_length']} {_items(ctx['min_length'])}"
    if kind == "too_long":
        return loc, f"has {ctx['actual_length']} items; the most is {ctx['max_length']}"
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = ctx.get("ge", ctx.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return loc, f"should be {word} {limit}"
    return loc, str(error["msg"])


def _items(count: int) -> str:
    return "item" if count == 1 else "items"


def _known(known: list[str]) -> str:
    return f" Known keys: {', '.join(known)}." if len(known) <= 16 else ""


def keys_at(model: Any, loc: tuple) -> list[str]:
    """List the keys allowed at loc inside model, for 'did you mean'."""
    kind = model
    for part in loc:
        kind = _unwrap(kind)
        if isinstance(part, int) or get_origin(kind) is dict:
            args = get_args(kind)
            kind = args[-1] if args else Any
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            info = {(f.alias or n): f for n, f in kind.model_fields.items()}
            kind = info[part].annotation if part in info else Any
        else:
            return []
    kind = _unwrap(kind)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return [f.alias or n for n, f in kind.model_fields.items()]
    return []


def _unwrap(kind: Any) -> Any:
    while True:
        origin = get_origin(kind)
        if origin is Annotated:
            kind = get_args(kind)[0]
        elif origin in (Union, types.UnionType):
            kind = next(a for a in get_args(kind) if a is not type(None))
        else:
            return kind
