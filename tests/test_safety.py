"""Hostile or accidental input: refused quickly with a message, never a hang, a leak or lost data.

Cases a folder under tests/invalid/ cannot express live here: links, pipes, huge files,
command-line options, and bounds on time and memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import messages
from sitekit import BASE

from careersite.cli import main
from careersite.load import MAX_FILE_BYTES
from careersite.pipeline import build
from careersite.write import MARKER

PROJECT = Path(__file__).resolve().parent.parent

# --- links, pipes and files that are not what they seem -------------------------------------


def test_link_to_a_file_outside_the_project_is_refused_and_not_published(
    site_factory, run_build, tmp_path
):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\ntitle: Secret\n---\n\nTOKEN=abc123\n", encoding="utf-8")
    root = site_factory()
    (root / "content/pages/leak.md").symlink_to(secret)
    result = run_build(root)
    assert (
        "content/pages/leak.md: is a link to a file outside the project: links may only point inside it"
        in messages(result)
    )
    assert not result.ok and not (root / "site").exists()
    assert not any(b"abc123" in data for data in result.files.values())


def test_link_inside_the_project_is_read_like_the_file(site_factory, run_build):
    root = site_factory()
    (root / "notes.md").write_text("---\ntitle: Notes\n---\n\nOur notes.\n", encoding="utf-8")
    (root / "content/pages/notes.md").symlink_to(root / "notes.md")
    result = run_build(root)
    assert result.ok, messages(result)
    assert b"Our notes." in result.files["notes/index.html"]


def test_linked_folder_is_refused(site_factory, run_build, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x.md").write_text("---\ntitle: X\n---\n\nX.\n", encoding="utf-8")
    root = site_factory()
    (root / "content/pages/more").symlink_to(outside, target_is_directory=True)
    result = run_build(root)
    assert (
        "content/pages/more: is a link to a folder: content folders must be real folders, not links"
        in messages(result)
    )


def test_dangling_link_is_reported(site_factory, run_build):
    root = site_factory()
    (root / "content/pages/gone.md").symlink_to(root / "nowhere.md")
    assert "content/pages/gone.md: is a link to nothing: remove it" in messages(run_build(root))


def test_named_pipe_is_refused_without_hanging(site_factory, run_build):
    root = site_factory()
    os.mkfifo(root / "content/pages/pipe.md")
    result = run_build(root)  # reading a pipe would block forever
    assert (
        "content/pages/pipe.md: is not a regular file (a pipe or a device): remove it"
        in messages(result)
    )


def test_oversized_file_is_refused_with_the_limit(site_factory, run_build):
    root = site_factory()
    big = "---\ntitle: Big\n---\n\n" + "word " * (20 * 1024 * 1024 // 5)
    (root / "content/pages/big.md").write_text(big, encoding="utf-8")
    size = (root / "content/pages/big.md").stat().st_size
    result = run_build(root)
    assert (
        f"content/pages/big.md: is {size:,} bytes; a content file may be at most "
        f"{MAX_FILE_BYTES:,} bytes (MAX_FILE_BYTES): split it or remove what does not belong"
        in messages(result)
    )


# --- time and memory: alias bombs and huge files are refused before they cost anything ------

ALIAS_BOMB = "---\ntitle: About\nsummary: &a [" + ", ".join(["lol"] * 9) + "]\n"
for _level, _name in enumerate("bcdefghijklmnop"):
    _prev = "abcdefghijklmnop"[_level]
    ALIAS_BOMB += f"{_name}: &{_name} [" + ", ".join([f"*{_prev}"] * 9) + "]\n"
ALIAS_BOMB += "---\n\nAbout.\n"  # 9 ** 16 items if expanded


# runs build.py in a child process and reports the child's own peak memory on its last line:
# VmHWM, the high-water mark of its resident memory since exec (getrusage's ru_maxrss would
# carry over the parent's peak across the fork on Linux)
_BOUNDED = """
import re, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    sys.stderr.write("\\npeak-kb %s\\n" % re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
"""


def _run_bounded(root: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """Run `build.py check` on root in a child process; return it, seconds and peak RSS in MB."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _BOUNDED, str(PROJECT / "build.py"), "check", "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT,
    )
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.rsplit("peak-kb ", 1)[1])
    return done, seconds, peak_kb // 1024


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("alias-bomb", ALIAS_BOMB, "content/pages/about.md:3: the anchor '&a' is not allowed"),
        (
            "huge-file",
            "---\ntitle: About\n---\n\n" + "x" * (20 * 1024 * 1024),
            "content/pages/about.md: is 20,971,542 bytes",
        ),
        (
            "deep-nesting",
            "---\ntitle: About\nsummary: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\nAbout.\n",
            "content/pages/about.md:3: is nested more than",
        ),
        (
            "bracket-flood",
            "---\ntitle: About\n---\n\n" + ("[" * 99 + "\n\n") * 2000,
            "content/pages/about.md:5: body: has 198,000 '[' characters",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "",
)
def test_hostile_file_is_refused_within_time_and_memory_bounds(site_factory, name, text, expected):
    root = site_factory({"content/pages/about.md": text})
    done, seconds, peak_mb = _run_bounded(root)
    assert done.returncode == 1, done.stderr
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    # generous bounds: a hang or a blow-up takes minutes and gigabytes (issue #5)
    assert seconds < 20, f"{name} took {seconds:.1f} s"
    assert peak_mb < 400, f"{name} peaked at {peak_mb} MB"


# --- the output folder ------------------------------------------------------------------


@pytest.mark.parametrize(
    "out,expected",
    [
        ("..", "holds the project folder"),
        (".", "is the project folder"),
        ("content", "is the source folder"),
        ("content/careers", "is inside the source folder"),
        ("templates", "is the source folder"),
    ],
)
def test_output_folder_may_not_be_or_hold_the_sources(site_factory, capsys, out, expected):
    root = site_factory()
    (root / "templates").mkdir()
    sibling = root.parent / "other-project.txt"
    sibling.write_text("keep me", encoding="utf-8")
    before = sorted(p.relative_to(root.parent) for p in root.parent.rglob("*"))
    code = main(["--root", str(root), "--out", str(root / out)])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and "Nothing was written." in err
    assert sorted(p.relative_to(root.parent) for p in root.parent.rglob("*")) == before
    assert sibling.read_text(encoding="utf-8") == "keep me"


def test_output_folder_may_not_be_the_project_code(site_factory, capsys):
    root = site_factory()
    for name in ("careersite", "tests", "static", "templates"):
        assert main(["--root", str(root), "--out", str(PROJECT / name)]) == 2
        assert f"is the source folder {PROJECT / name}" in capsys.readouterr().err
    assert main(["--root", str(root), "--out", str(PROJECT.parent)]) == 2
    assert "holds the project folder" in capsys.readouterr().err


def test_output_folder_that_a_build_did_not_make_is_never_replaced(site_factory, tmp_path, capsys):
    root = site_factory()
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work", encoding="utf-8")
    assert main(["--root", str(root), "--out", str(mine)]) == 2
    assert "already holds files that a build did not make" in capsys.readouterr().err
    assert (mine / "thesis.txt").read_text(encoding="utf-8") == "years of work"
    # a new folder, and then the same folder again (now the build's own), are fine
    fresh = tmp_path / "public"
    assert main(["--root", str(root), "--out", str(fresh)]) == 0
    assert (fresh / MARKER).is_file()
    assert main(["--root", str(root), "--out", str(fresh)]) == 0


def test_default_site_folder_from_an_older_build_is_still_replaced(site_factory, capsys):
    root = site_factory()
    (root / "site").mkdir()
    (root / "site/index.html").write_text("old", encoding="utf-8")  # no marker
    assert main(["--root", str(root)]) == 0
    assert (root / "site/index.html").read_text(encoding="utf-8") != "old"


def test_output_file_and_bad_port_are_usage_errors(site_factory, tmp_path, capsys):
    root = site_factory()
    afile = tmp_path / "a-file"
    afile.write_text("x", encoding="utf-8")
    assert main(["--root", str(root), "--out", str(afile)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    for port in ("70000", "-1", "http"):
        with pytest.raises(SystemExit) as stop:
            main(["serve", "--root", str(root), f"--port={port}"])
        assert stop.value.code == 2
        assert f"'{port}' is not a port" in capsys.readouterr().err


def test_check_ignores_the_output_folder(site_factory, capsys):
    root = site_factory()
    assert main(["check", "--root", str(root), "--out", str(root)]) == 0


# --- what editors' tools leave behind ---------------------------------------------------


LEFTOVERS = (
    "content/careers/nursing/adult-nurse.md~",
    "content/careers/nursing/#adult-nurse.md#",
    "content/careers/nursing/adult-nurse.md.swp",
    "content/careers/nursing/.adult-nurse.md.swp",
    "content/pages/.DS_Store",
    "content/pages/4913",
    "content/.git/config",
    "content/careers/.hidden/notes.md",
)


def test_editor_leftovers_are_ignored_in_build_and_check(site_factory, run_build):
    root = site_factory({path: "junk: [ unclosed\n" for path in LEFTOVERS})
    (root / "content/pages/.#about.md").symlink_to("user@host.1234:1700000000")  # emacs lock
    for write in (True, False):
        result = run_build(root, write=write)
        assert result.ok and messages(result) == []


# --- line endings and byte order marks ----------------------------------------------------


def test_windows_line_endings_and_bom_build_byte_identically(site_factory, tmp_path):
    plain = site_factory()
    first = build(plain, None)
    crlf = tmp_path / "crlf"
    for rel, text in BASE.items():
        path = crlf / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    second = build(crlf, None)
    assert first.ok and second.ok, messages(second)
    assert first.files == second.files


def test_problems_in_crlf_files_name_the_same_line(site_factory, run_build):
    text = "---\r\ntitle: About\r\nsumary: Hi\r\n---\r\n\r\nAbout.\r\n"
    result = run_build(site_factory({"content/pages/about.md": "\ufeff" + text}))
    assert any(m.startswith("content/pages/about.md:3: sumary:") for m in messages(result))


# --- the project's own folders and the open data ------------------------------------------


def test_static_or_template_link_out_of_the_project_is_refused(site_factory, tmp_path):
    import shutil

    root = site_factory()
    project = tmp_path / "code"
    shutil.copytree(PROJECT / "templates", project / "templates")
    shutil.copytree(PROJECT / "static", project / "static")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=abc123", encoding="utf-8")
    (project / "static/leak.txt").symlink_to(secret)
    (project / "templates/leak.html").symlink_to(secret)
    result = build(root, None, project=project)
    found = [str(p) for p in result.problems]
    assert not result.ok
    assert any(
        m.endswith(
            "static/leak.txt: is a link to a file outside the project: links may only point inside it"
        )
        for m in found
    ), found
    assert any(
        m.endswith(
            "templates/leak.html: is a link to a file outside the project: links may only point inside it"
        )
        for m in found
    ), found


def test_open_data_csv_cells_never_start_a_formula(site_factory, run_build):
    from sitekit import career

    evil = career('=HYPERLINK("https://evil.example","Click")').replace(
        "summary: A short plain summary of the job.", "summary: '@SUM(1+1)'"
    )
    result = run_build(site_factory({"content/careers/nursing/evil.md": evil}), write=False)
    assert result.ok, messages(result)
    csv_text = result.files["data/careers.csv"].decode("utf-8")
    assert "'=HYPERLINK" in csv_text and "'@SUM(1+1)" in csv_text
    for line in csv_text.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "@")), line


def test_template_syntax_in_content_is_text_not_code(site_factory, run_build):
    page = "---\ntitle: '{{ 7*7 }} {% raw %}'\n---\n\nSum: {{ 6*7 }} and {{ config }}.\n"
    result = run_build(site_factory({"content/pages/about.md": page}), write=False)
    assert result.ok, messages(result)
    html = result.files["about/index.html"].decode("utf-8")
    assert "{{ 7*7 }} {% raw %}" in html and "{{ 6*7 }}" in html
    assert "49" not in html and "42" not in html
