"""JSON Schemas of every kind of content file, generated from schema.py's models, for editors.

`python -m careersite.schemas` (re)writes schemas/<kind>.schema.json. The models are the ones
the build validates with; this module only adds what their custom validators check (as
patterns and descriptions) and, where a key must name a vocabulary entry, an `enum` of the
entries in content/data/ now, so editors get completion. Regenerate after changing a
vocabulary or a model; tests/test_schemas.py fails while the files are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from . import schema as models
from .load import LAYOUT, SLUG, read_document

PROJECT = Path(__file__).resolve().parent.parent
DIALECT = "https://json-schema.org/draft/2020-12/schema"
WEB_URL = r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$"  # as schema._web_url
EMAIL = r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"  # as schema._email
DATE = r"^\d{4}-\d{2}-\d{2}$"  # schema._to_date: a YAML date, or text in that form

# what each custom validator in schema.py checks, by its qualified name
VALIDATORS: dict[str, JsonSchemaValue] = {
    "_to_date": {"pattern": DATE, "description": "A date written like 2026-11-01."},
    "_web_url": {"pattern": WEB_URL, "description": "A web address starting with https://."},
    "_link_url": {
        "anyOf": [{"pattern": WEB_URL}, {"pattern": "^(mailto|tel):"}],
        "description": "A web address starting with https://, or mailto: or tel:.",
    },
    "_email": {"pattern": EMAIL, "description": "An email address like name@example.org."},
    "_band": {
        "type": ["string", "integer"],
        "description": 'An Agenda for Change band, a key of data/pay.yaml, written like "5".',
    },
    "_one_word": {
        "pattern": r"^\s*\S+\s*$",
        "description": "One word: a first or chosen name only, no surname.",
    },
    "Pay._some_pay": {
        "anyOf": [
            {"required": ["bands"], "properties": {"bands": {"minItems": 1}}},
            {"required": ["note"], "properties": {"note": {"type": "string"}}},
        ],
        "description": "Give 'bands', a 'note' (for roles off Agenda for Change), or both.",
    },
    "OrganisationMeta._some_commitment": {
        "anyOf": [
            {"required": [key], "properties": {key: {"type": "object"}}}
            for key in ("work_experience", "ambassadors")
        ],
        "description": "At least one commitment: 'work_experience', 'ambassadors' or both.",
    },
    "PayBand._ordered": {"description": "Pounds a year; 'min' may not be more than 'max'."},
}

# keys that must name an entry of a vocabulary in content/data/ (or a career family), as
# validate._references checks: the schema lists the entries there are now
VOCABULARY_FIELDS: dict[tuple[type, str], str] = {
    (models.Pay, "bands"): "pay",
    (models.CareerMeta, "entry_routes"): "entry-routes",
    (models.CareerMeta, "qualification_level"): "qualification-levels",
    (models.CareerMeta, "registration"): "regulators",
    (models.CareerMeta, "interests"): "interests",
    (models.WayInMeta, "entry_route"): "entry-routes",
    (models.RouteMeta, "for"): "audiences",
    (models.RouteStep, "route"): "entry-routes",
    (models.OrganisationMeta, "kind"): "organisation-kinds",
    (models.OrganisationMeta, "region"): "regions",
    (models.WorkExperience, "priority_groups"): "priority-groups",
    (models.WorkExperience, "families"): "families",
    (models.CaseStudy, "activity"): "outreach-activities",
    (models.AmbassadorMeta, "activities"): "activities",
}
# keys that name another content file: described, not listed, so that adding a career or an
# organisation does not put the schemas out of date
_CAREER = "its file name in content/careers/<family>/, without .md"
REFERENCE_FIELDS: dict[tuple[type, str], str] = {
    (models.CareerMeta, "related"): f"Careers, each by its slug: {_CAREER}.",
    (models.RouteStep, "career"): f"A career's slug: {_CAREER}.",
    (models.AmbassadorMeta, "career"): f"The career's slug: {_CAREER}.",
    (models.AmbassadorMeta, "organisation"): "The organisation's slug: its file name in "
    "content/organisations/, without .yaml. It must have made the ambassador commitment.",
}

_KINDS = {"way_in": "way-in"}  # load.py's kinds, as schema file names
DESCRIPTIONS = {
    "site": "Site settings: content/site.yaml.",
    "family": "Front matter of a career family: content/careers/<family>/_index.md. Its body "
    "introduces the family.",
    "career": "Front matter of a career: content/careers/<family>/<slug>.md. The body (250 to "
    "700 words, starting with '## What you'll do'), related careers and dates in the future "
    "are checked by `python build.py check`, not by this schema.",
    "way-in": "Front matter of a way in: content/ways-in/<slug>.md. 'pay_while_training' must "
    "agree with its entry route (checked by `python build.py check`).",
    "route": "A progression route: content/routes/<slug>.yaml. Each career appears once; "
    "careers are checked by `python build.py check`.",
    "organisation": "An organisation and its commitments: content/organisations/<slug>.yaml. "
    "Yearly returns are checked against the commitments by `python build.py check`.",
    "ambassador": "Front matter of a health ambassador: content/ambassadors/<slug>.md. The "
    "file may hold no email address or phone number; the story is at most 200 words.",
    "page": "Front matter of a general page: content/pages/<slug>.md.",
}


def kind_name(kind: str, slug: str = "") -> str:
    """The schema name of a document kind from load.py: 'way-in', 'data-regions', ..."""
    return f"data-{slug}" if kind == "data" else _KINDS.get(kind, kind)


def vocabularies(root: Path) -> dict[str, list[str]]:
    """The entries of each vocabulary under root/content/data, and the career families."""
    content = root / "content"
    found: dict[str, list[str]] = {}
    for name in models.DATA_MODELS:
        path = content / "data" / f"{name}.yaml"
        doc = None
        if path.is_file():
            doc, _ = read_document(path, path.name, "data", path.relative_to(content))
        data = doc.data if doc is not None else {}
        if name == "pay":
            data = data.get("bands") if isinstance(data.get("bands"), dict) else {}
        found[name] = sorted(str(key) for key in data)
    careers = content / "careers"
    found["families"] = sorted(
        d.name for d in careers.glob("*") if (d / "_index.md").is_file() and SLUG.match(d.name)
    )
    return found


def file_patterns() -> dict[str, str]:
    """Each schema name and the files (relative to the project) it describes."""
    patterns = {}
    for pattern, kind in LAYOUT:
        if kind == "data":
            for name in models.DATA_MODELS:
                patterns[kind_name(kind, name)] = f"content/data/{name}.yaml"
        else:
            patterns[kind_name(kind)] = f"content/{pattern}"
    return patterns


def json_schemas(root: Path = PROJECT) -> dict[str, dict[str, Any]]:
    """Generate the JSON Schema of every kind of content file, with root's vocabularies."""
    generator = type("Generator", (_Generator,), {"vocabularies": vocabularies(root)})
    out: dict[str, dict[str, Any]] = {}
    for kind, model in models.META_MODELS.items():
        name = kind_name(kind)
        schema = model.model_json_schema(schema_generator=generator)
        out[name] = _top(schema, name, DESCRIPTIONS[name])
    for slug, model in models.DATA_MODELS.items():
        schema = TypeAdapter(model).json_schema(schema_generator=generator)
        if schema.get("additionalProperties"):  # a vocabulary: keys are slugs (validate.py)
            schema["propertyNames"] = {"pattern": SLUG.pattern}
        where = f"content/data/{slug}.yaml"
        out[kind_name("data", slug)] = _top(schema, slug, f"The vocabulary {where}.")
    return dict(sorted(out.items()))


def _top(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    return {**schema, "$schema": DIALECT, "title": title, "description": description}


def render(schema: dict[str, Any]) -> str:
    """A schema as the text of its file: sorted keys, two spaces, a final newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """Write root/schemas/<kind>.schema.json, removing schemas of kinds that are gone."""
    folder = root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, schema in json_schemas(root).items():
        path = folder / f"{name}.schema.json"
        text = render(schema)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    for stale in sorted(set(folder.glob("*.schema.json")) - set(written)):
        stale.unlink()
    return written


def yaml_associations() -> dict[str, list[str]]:
    """`yaml.schemas` for VS Code's YAML extension: only .yaml files (it never reads .md)."""
    return {
        f"./schemas/{name}.schema.json": [f"/{pattern}"]
        for name, pattern in sorted(file_patterns().items())
        if pattern.endswith(".yaml")
    }


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, plus what custom validators and vocabularies allow."""

    vocabularies: dict[str, list[str]] = {}

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        return self._described(schema, super().function_before_schema(schema))

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        return self._described(schema, super().function_after_schema(schema))

    def _described(self, schema: Any, out: JsonSchemaValue) -> JsonSchemaValue:
        extra = VALIDATORS.get(schema["function"]["function"].__qualname__, {})
        return {**out, **extra}

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        out = super().model_schema(schema)
        props = out.get("properties", {})
        for (model, key), vocabulary in VOCABULARY_FIELDS.items():
            if model is schema["cls"] and key in props:
                _restrict(props[key], self.vocabularies.get(vocabulary, []))
                props[key]["description"] = _vocabulary_help(vocabulary, props[key])
        for (model, key), description in REFERENCE_FIELDS.items():
            if model is schema["cls"] and key in props:
                props[key]["description"] = description
        return out


def _vocabulary_help(vocabulary: str, node: dict[str, Any]) -> str:
    if vocabulary == "families":
        return "Career families: folder names in content/careers/ (each has an _index.md)."
    if vocabulary == "pay":
        return "Agenda for Change bands: keys of 'bands' in content/data/pay.yaml, like \"5\"."
    some = "One or more keys" if node.get("type") == "array" else "A key"
    return f"{some} of content/data/{vocabulary}.yaml."


def _restrict(node: dict[str, Any], values: list[str]) -> None:
    """Give the text values inside node (itself, list items, a non-null choice) an enum."""
    if not values:  # a vocabulary missing or unreadable: the build says so; list nothing
        return
    if node.get("type") == "array":
        _restrict(node["items"], values)
    elif "anyOf" in node:
        for choice in node["anyOf"]:
            if choice.get("type") != "null":
                _restrict(choice, values)
    else:
        numbers = [int(v) for v in values if v.isdigit()] if "integer" in node["type"] else []
        node["enum"] = [*values, *numbers]


def main(argv: list[str] | None = None) -> int:
    """(Re)write schemas/ under the project folder (or the folder given)."""
    root = Path(argv[0]) if argv else PROJECT
    if not (root / "content").is_dir():
        print(f"There is no content/ folder in {root}.", file=sys.stderr)
        return 2
    for path in write_schemas(root):
        print(path.relative_to(root).as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
