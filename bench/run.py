"""Benchmark: `python bench/run.py [350 1000 5000 10000]` (run by hand, never a pass/fail test).

For each size it generates synthetic content (bench/generate.py) and times, each in a fresh
process with the search index left out:
- cold: no cache and no site/ (the build fills the cache as it goes);
- no cache: cold again with `--no-cache` (nothing read or written but the site);
- no change: a second build with nothing changed;
- one edit: a build after editing one career's body;
- peak memory of the cold build.
Wall times are the whole process (Python's start and imports included); `build` is the
build's own total from `--timings`.

When Hugo and Eleventy are installed (see bench/README.md) it also renders the same career
pages through each, with a minimal layout that shows the title, summary and body, and prints
the ratios. Rounds alternate the three generators; each figure is the median of the rounds.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import PROJECT, generate

ROUNDS = 3  # up to 1,000 careers; one round above that, where a build takes a minute


def rounds(count: int) -> int:
    return ROUNDS if count <= 1000 else 1


TOOLS = Path(__file__).resolve().parent / ".tools"


def run(command: list[str], cwd: Path | None = None) -> tuple[float, str]:
    """Run a command; return its wall time in seconds and its output."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return took, done.stdout


def ours(root: Path, *options: str) -> tuple[float, float, int]:
    """Build root; return wall seconds, the build's own seconds and peak MB."""
    command = [sys.executable, str(PROJECT / "build.py"), "--root", str(root),
               "--out", str(root / "site"), "--no-search", "--timings", *options]  # fmt: skip
    wall, out = run(command)
    total = re.search(r"total +(\d+) ms, peak memory (\d+) MB", out)
    assert total, out
    return wall, int(total.group(1)) / 1000, int(total.group(2))


def forget(root: Path) -> None:
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)


def edit_one(root: Path, round_: int) -> None:
    career = next((root / "content/careers").glob("*/career-00000.md"))
    text = career.read_text(encoding="utf-8")
    career.write_text(
        text.replace("## What you'll do\n", f"## What you'll do\n\nEdited {round_}.\n", 1),
        encoding="utf-8",
    )


def careers_of(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content/careers").glob("*/*.md") if p.name != "_index.md")


LAYOUT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main><h1>{title}</h1><p>{summary}</p>
{content}
</main></body></html>
"""


def hugo_site(root: Path, folder: Path) -> list[str] | None:
    """A Hugo site rendering root's career pages; the command that builds it."""
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    (folder / "content/careers").mkdir(parents=True)
    for path in careers_of(root):
        shutil.copy(path, folder / "content/careers" / path.name)
    (folder / "layouts/_default").mkdir(parents=True)
    (folder / "layouts/_default/single.html").write_text(
        LAYOUT.format(
            title="{{ .Title }}", summary="{{ .Params.summary }}", content="{{ .Content }}"
        )
    )
    (folder / "config.toml").write_text(
        'baseURL = "https://example.org/"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "home", "section", "404"]\n'
    )
    return [hugo, "--quiet", "--source", str(folder), "--destination", str(folder / "public")]


def eleventy_site(root: Path, folder: Path) -> list[str] | None:
    """An Eleventy site rendering root's career pages; the command that builds it."""
    eleventy = TOOLS / "node_modules/.bin/eleventy"
    if not eleventy.exists():
        found = shutil.which("eleventy")
        if not found:
            return None
        eleventy = Path(found)
    (folder / "careers").mkdir(parents=True)
    for path in careers_of(root):
        shutil.copy(path, folder / "careers" / path.name)
    (folder / "careers/careers.json").write_text(json.dumps({"layout": "career.njk"}))
    (folder / "_includes").mkdir()
    (folder / "_includes/career.njk").write_text(
        LAYOUT.format(title="{{ title }}", summary="{{ summary }}", content="{{ content | safe }}")
    )
    (folder / "eleventy.config.mjs").write_text(
        "export default function () {\n"
        '  return { markdownTemplateEngine: false, dir: { input: ".", output: "_site" } };\n'
        "}\n"
    )
    return [str(eleventy), "--quiet"]


def compare(root: Path, scratch: Path) -> dict[str, float]:
    """Median cold wall times of ours, Hugo and Eleventy on the same careers, alternating."""
    commands: dict[str, tuple[list[str], Path]] = {}
    for name, make in (("hugo", hugo_site), ("eleventy", eleventy_site)):
        folder = scratch / name
        command = make(root, folder)
        if command:
            commands[name] = (command, folder)
    times: dict[str, list[float]] = {"ours": [], **{name: [] for name in commands}}
    for _ in range(rounds(len(careers_of(root)))):
        forget(root)
        times["ours"].append(ours(root)[0])
        for name, (command, folder) in commands.items():
            for made in ("public", "_site"):
                shutil.rmtree(folder / made, ignore_errors=True)
            times[name].append(run(command, cwd=folder)[0])
    return {name: statistics.median(values) for name, values in times.items()}


def main(sizes: list[int]) -> None:
    print(f"{'careers':>8} {'cold s':>7} {'no cache s':>10} {'no change s':>11} {'one edit s':>10}"
          f" {'(build)':>8} {'ms/career':>9} {'peak MB':>8}")  # fmt: skip
    comparisons = []
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = generate(count, Path(folder) / "project")
            colds, uncached, unchanged, edits, inner = [], [], [], [], []
            peak = 0
            for round_ in range(rounds(count)):
                forget(root)
                wall, _, peak = ours(root)
                colds.append(wall)
                unchanged.append(ours(root)[0])
                edit_one(root, round_)
                wall, build, _ = ours(root)
                edits.append(wall)
                inner.append(build)
                uncached.append(ours(root, "--no-cache")[0])
            cold = statistics.median(colds)
            print(
                f"{count:>8} {cold:>7.2f} {statistics.median(uncached):>10.2f}"
                f" {statistics.median(unchanged):>11.3f} {statistics.median(edits):>10.3f}"
                f" {statistics.median(inner):>8.3f} {cold / count * 1000:>9.2f} {peak:>8}",
                flush=True,
            )
            if shutil.which("hugo") or (TOOLS / "node_modules/.bin/eleventy").exists():
                comparisons.append((count, compare(root, Path(folder) / "others")))
    if comparisons:
        print("\nThe same career pages, cold, wall seconds (median of alternating rounds):")
        print(
            f"{'careers':>8} {'ours':>7} {'hugo':>7} {'eleventy':>9} {'ours/hugo':>10} {'ours/eleventy':>14}"
        )
        for count, got in comparisons:
            hugo, eleventy = got.get("hugo"), got.get("eleventy")
            print(
                f"{count:>8} {got['ours']:>7.2f} {hugo or float('nan'):>7.2f} {eleventy or float('nan'):>9.2f}"
                f" {got['ours'] / hugo if hugo else float('nan'):>10.2f}"
                f" {got['ours'] / eleventy if eleventy else float('nan'):>14.2f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [350, 1000, 5000, 10000])
