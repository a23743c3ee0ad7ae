"""The JSON Schemas in schemas/: current, true to the real content, and strict where it counts."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter
from sitekit import TODAY, career, make_site

from careersite import validate as validation
from careersite.load import load_content
from careersite.pipeline import PROJECT
from careersite.schema import DATA_MODELS, META_MODELS
from careersite.schemas import (
    REFERENCE_FIELDS,
    VALIDATORS,
    VOCABULARY_FIELDS,
    json_schemas,
    kind_name,
    render,
    yaml_associations,
)

SCHEMAS = {
    path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((PROJECT / "schemas").glob("*.schema.json"))
}


def jsonable(value: Any) -> Any:
    """YAML as an editor's language server sees it: dates are text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


def errors(name: str, data: Any) -> list[str]:
    found = Draft202012Validator(SCHEMAS[name]).iter_errors(jsonable(data))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found]


def test_committed_schemas_are_what_the_models_generate_now() -> None:
    generated = json_schemas(PROJECT)
    folder = PROJECT / "schemas"
    assert sorted(SCHEMAS) == sorted(generated), "run: python -m careersite.schemas"
    for name, schema in generated.items():
        text = (folder / f"{name}.schema.json").read_text(encoding="utf-8")
        assert text == render(schema), f"{name} is out of date: run python -m careersite.schemas"


def test_generation_is_deterministic() -> None:
    first, second = json_schemas(PROJECT), json_schemas(PROJECT)
    assert [render(s) for s in first.values()] == [render(s) for s in second.values()]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[name])
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_real_content_file_matches_its_schema(real_docs) -> None:
    problems, kinds = [], set()
    for doc in real_docs:
        name = kind_name(doc.kind, doc.slug)
        kinds.add(name)
        problems += [f"{doc.path}: {e}" for e in errors(name, doc.data)]
    assert problems == []
    assert kinds == set(SCHEMAS), "every schema is used by some real file"


def _real(real_docs, kind: str, slug: str = "") -> dict[str, Any]:
    doc = next(d for d in real_docs if d.kind == kind and (not slug or d.slug == slug))
    return copy.deepcopy(doc.data)


def _org_with_work_experience(real_docs) -> dict[str, Any]:
    return next(
        copy.deepcopy(d.data)
        for d in real_docs
        if d.kind == "organisation" and "work_experience" in d.data
    )


BROKEN = {
    "missing required field": ("career", lambda d: d.pop("title")),
    "unknown field": ("career", lambda d: d.update(salary=30000)),
    "wrong type: text for a list": ("career", lambda d: d.update(skills="listening")),
    "wrong type: text for a number": ("family", lambda d: d.update(order="first")),
    "too many skills": ("career", lambda d: d.update(skills=["a"] * 9)),
    "summary over 200 characters": ("career", lambda d: d.update(summary="x" * 201)),
    "not an entry route": ("career", lambda d: d.update(entry_routes=["aprenticeship"])),
    "not a band": ("career", lambda d: d.update(pay={"bands": ["10"]})),
    "no bands and no note": ("career", lambda d: d.update(pay={"bands": []})),
    "not a date": ("career", lambda d: d.update(reviewed="last week")),
    "web address without https": ("way_in", lambda d: d["sources"][0].update(url="www.nhs.uk")),
    "two-word ambassador name": ("ambassador", lambda d: d.update(name="Sam Smith")),
    "not a region": ("organisation", lambda d: d.update(region="wales")),
    "no commitment": (
        "organisation",
        lambda d: [d.pop(k, None) for k in ("work_experience", "ambassadors", "returns")],
    ),
    "not an audience (the 'for' alias)": ("route", lambda d: d.update({"for": ["everyone"]})),
    "a vocabulary key that is not a slug": (
        "data",
        lambda d: d.update({"Not A Slug": d["london"]}),
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_content_is_rejected(real_docs, case: str) -> None:
    kind, breaks = BROKEN[case]
    data = _real(real_docs, kind, "regions" if kind == "data" else "")
    assert errors(kind_name(kind, "regions"), data) == []
    breaks(data)
    assert errors(kind_name(kind, "regions"), data), f"{case} was accepted"


def test_a_family_not_in_the_vocabulary_is_rejected(real_docs) -> None:
    data = _org_with_work_experience(real_docs)
    data["work_experience"]["families"] = ["nursing", "astronauts"]
    found = Draft202012Validator(SCHEMAS["organisation"]).iter_errors(jsonable(data))
    leaves = [e for error in found for e in [error, *error.context]]  # inside 'X or nothing'
    assert any(
        list(e.absolute_path) == ["work_experience", "families", 1]
        and e.message.startswith("'astronauts' is not one of ['allied-health-professions',")
        for e in leaves
    ), [e.message for e in leaves]


def test_the_schema_accepts_what_the_validator_accepts(real_docs) -> None:
    data = _real(real_docs, "career")
    data["pay"] = {"bands": [5, "6"]}  # the validator reads whole numbers as bands
    assert errors("career", data) == []
    assert META_MODELS["career"].model_validate(data).pay.bands == ["5", "6"]


def test_enums_are_read_from_the_vocabularies_at_generation_time(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")  # tests/sitekit.py's small site: its own vocabularies
    schemas = json_schemas(root)
    career = schemas["career"]["properties"]
    assert career["entry_routes"]["items"]["enum"] == ["apprenticeship", "degree"]
    assert career["registration"]["anyOf"][0]["enum"] == ["nmc"]
    bands = schemas["career"]["$defs"]["Pay"]["properties"]["bands"]["items"]["enum"]
    assert bands == ["2", "3", "5", "6", 2, 3, 5, 6]
    families = schemas["organisation"]["$defs"]["WorkExperience"]["properties"]["families"]
    assert families["items"]["enum"] == ["nursing", "science"]
    assert "enum" not in career["related"]["items"]  # careers are named, not listed


def _functions(node: Any) -> set[str]:
    """The qualified names of the validator functions inside a pydantic core schema."""
    found: set[str] = set()
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith("function-"):
            found.add(node["function"]["function"].__qualname__)
        for value in node.values():
            found |= _functions(value)
    elif isinstance(node, list):
        for value in node:
            found |= _functions(value)
    return found


def test_every_custom_validator_is_described() -> None:
    used: set[str] = set()
    for model in [*META_MODELS.values(), *DATA_MODELS.values()]:
        used |= _functions(TypeAdapter(model).core_schema)
    assert used == set(VALIDATORS), "describe new validators in careersite/schemas.py"


def _owner(kind: str, loc: tuple) -> tuple[type, str]:
    """The model that holds the last key of loc in a document of this kind."""
    model = META_MODELS[kind]
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = next(f for n, f in model.model_fields.items() if (f.alias or n) == part)
        kind_ = field.annotation
        while not (isinstance(kind_, type) and issubclass(kind_, BaseModel)):
            kind_ = next(a for a in get_args(kind_) if a is not type(None))
        model = kind_
    return model, loc[-1]


def test_every_key_the_validator_cross_checks_is_listed_or_described(tmp_path: Path) -> None:
    docs, _ = load_content(make_site(tmp_path / "site"))
    content, problems = validation.validate_content(docs, TODAY)
    assert content is not None, problems
    names = {
        "career": set(content.careers),
        "family": set(content.families),
        "organisation": set(content.organisations),
    }
    checked = {
        _owner(doc.kind, loc)
        for doc, loc, *_ in validation._references(content, names, content.ambassadors)
    }
    assert checked == set(VOCABULARY_FIELDS) | set(REFERENCE_FIELDS)


# keywords that mean the same in draft-07, which older YAML language servers validate with
DRAFT_07_KEYWORDS = {
    "$schema", "$ref", "$defs", "title", "description", "default", "type", "enum", "const",
    "properties", "required", "additionalProperties", "propertyNames", "minProperties", "items",
    "minItems", "maxItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
    "anyOf",
}  # fmt: skip


def _keywords(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for child in value.values():
                    found |= _keywords(child)
            elif key not in ("enum", "default", "const", "required"):
                found |= _keywords(value)
    elif isinstance(node, list):
        for item in node:
            found |= _keywords(item)
    return found


def test_schemas_use_only_keywords_older_editors_understand_alike() -> None:
    used = set().union(*(_keywords(schema) for schema in SCHEMAS.values()))
    assert used <= DRAFT_07_KEYWORDS, used - DRAFT_07_KEYWORDS


def test_vscode_maps_each_yaml_schema_to_its_files() -> None:
    settings = json.loads((PROJECT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == yaml_associations()
    for schema, patterns in settings["yaml.schemas"].items():
        assert (PROJECT / schema).is_file()
        for pattern in patterns:
            assert list(PROJECT.glob(pattern.lstrip("/"))), f"{pattern} matches no file"
    extensions = json.loads((PROJECT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_the_editor_task_reads_the_checks_messages(site_factory, capsys):
    """.vscode/tasks.json turns `build.py check` lines into problems at their file and line."""
    import re

    from careersite.cli import main

    tasks = json.loads((PROJECT / ".vscode/tasks.json").read_text(encoding="utf-8"))
    pattern = tasks["tasks"][0]["problemMatcher"]["pattern"]
    root = site_factory(
        {"content/careers/nursing/adult-nurse.md": career("Adult nurse", "registration: nmcc\n")}
    )
    assert main(["check", "--root", str(root)]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("content/")]
    assert lines
    for line in lines:
        found = re.match(pattern["regexp"], line)
        assert found, line
        assert found.group(pattern["file"]) == "content/careers/nursing/adult-nurse.md"
        assert int(found.group(pattern["line"])) > 0
        assert "nmcc" in found.group(pattern["message"])
