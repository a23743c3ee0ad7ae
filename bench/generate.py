"""Synthetic, valid content at any size, for benchmarks: `python bench/generate.py N OUT`.

It copies the real vocabularies, families, ways in, pages and site settings, then writes N
careers built from the real ones (realistic lengths, fields and related links, new slugs and
titles), routes and organisations in proportion (one route and one organisation for every 12
careers). Sentences repeat across copies: the content rules that only the real content must
meet (readability, no shared sentences) are not checked by the build.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
KEEP = ("site.yaml", "data", "ways-in", "pages")


def generate(count: int, out: Path, seed: int = 1) -> Path:
    """Write a project root at out whose content/ holds count careers; return out."""
    rng = random.Random(seed)
    source = PROJECT / "content"
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    for name in KEEP:
        src = source / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, content / name)
    families = sorted(p.parent.name for p in source.glob("careers/*/_index.md"))
    for family in families:
        (content / "careers" / family).mkdir(parents=True)
        shutil.copy(source / "careers" / family / "_index.md", content / "careers" / family)
    originals = sorted(p for p in source.glob("careers/*/*.md") if p.name != "_index.md")
    slugs = [f"career-{n:05d}" for n in range(count)]
    for n, slug in enumerate(slugs):
        original = originals[n % len(originals)]
        text = original.read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.M).group(1)
        related = rng.sample([s for s in slugs if s != slug], k=min(3, count - 1))
        text = re.sub(r"^title: .+$", f"title: {title} {n:05d}", text, count=1, flags=re.M)
        text = re.sub(
            r"^related: .+$", f"related: [{', '.join(related)}]", text, count=1, flags=re.M
        )
        text = re.sub(r"\]\(/careers/[^)]+/\)", f"](/careers/{related[0]}/)", text)  # body links
        family = original.parent.name
        (content / "careers" / family / f"{slug}.md").write_text(text, encoding="utf-8")
    linking = [
        *content.glob("ways-in/*.md"),
        *content.glob("pages/*.md"),
        *content.glob("careers/*/_index.md"),
    ]
    for page in linking:  # their links to real careers point at generated ones
        text = page.read_text(encoding="utf-8")
        page.write_text(
            re.sub(r"\]\(/careers/[a-z0-9-]+/", f"](/careers/{slugs[0]}/", text), encoding="utf-8"
        )
    routes = content / "routes"
    routes.mkdir()
    for n in range(max(1, count // 12)):
        steps = rng.sample(slugs, k=min(3, count))
        lines = [
            f"title: Route {n}",
            "summary: A synthetic route for benchmarks.",
            "for: [school-leavers]",
            "steps:",
        ]
        for step in steps:
            lines.append(
                f"  - {{career: {step}, route: apprenticeship, note: A step., duration: 1 year}}"
            )
        (routes / f"route-{n:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    orgs = content / "organisations"
    orgs.mkdir()
    template = (source / "organisations" / "northbrook-hospitals.yaml").read_text(encoding="utf-8")
    for n in range(max(1, count // 12)):
        text = re.sub(r"^name: .+$", f"name: Sample Trust {n}", template, count=1, flags=re.M)
        (orgs / f"org-{n:04d}.yaml").write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: python bench/generate.py CAREERS OUT_FOLDER")
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
