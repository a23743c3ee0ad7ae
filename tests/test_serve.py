"""The live preview (`build.py serve`): rebuilds on save, shows problems, never touches site/."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitekit import career, make_site

from careersite.cache import FOLDER
from careersite.pipeline import PROJECT
from careersite.serve import CHANGES, REPORT, Session

NURSE = "content/careers/nursing/adult-nurse.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    return make_site(tmp_path / "project")


@pytest.fixture
def preview(root: Path) -> Iterator[Session]:
    said: list[str] = []
    with Session(root, root / "site", 0, search=False, cache=root / FOLDER, say=said.append) as s:
        yield s


def get(session: Session, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(session.url.rstrip("/") + path, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def change(session: Session, path: Path, text: str | None) -> None:
    """Write (or, with None, delete) a file, then wait for the rebuild it causes."""
    before = session.preview.version
    if text is None:
        path.unlink()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    deadline = time.monotonic() + 15
    while session.preview.version == before:
        assert time.monotonic() < deadline, f"no rebuild after changing {path}"
        time.sleep(0.01)


def test_an_edit_is_picked_up_and_the_page_changes(preview, root):
    path = root / NURSE
    assert "Adult nurse" in get(preview, "/careers/adult-nurse/")[1]
    change(preview, path, path.read_text().replace("title: Adult nurse", "title: Ward nurse"))
    status, page = get(preview, "/careers/adult-nurse/")
    assert status == 200 and "<h1" in page and "Ward nurse" in page
    assert "Ward nurse" in (root / "site/careers/adult-nurse/index.html").read_text()


def test_an_invalid_edit_shows_the_problems_and_a_fix_clears_them(preview, root):
    path = root / NURSE
    good = path.read_text()
    change(preview, path, good.replace("entry_routes: [degree]", "entry_routes: [degre]"))
    status, page = get(preview, "/careers/lab-assistant/")  # every page shows them
    assert status == 200
    assert (
        "content/careers/nursing/adult-nurse.md:7: entry_routes[1]: &#x27;degre&#x27; is not an "
        "entry route. Did you mean &#x27;degree&#x27;?" in page
    )
    assert "1 problem to fix" in page
    assert get(preview, "/assets/site.css")[0] == 200  # files other than pages still come
    change(preview, path, good)
    status, page = get(preview, "/careers/lab-assistant/")
    assert "problem to fix" not in page and "Lab assistant" in page


def test_a_new_file_appears_and_a_deleted_one_disappears(preview, root):
    new = root / "content/careers/science/phlebotomist.md"
    change(preview, new, career("Phlebotomist"))
    status, page = get(preview, "/careers/phlebotomist/")
    assert status == 200 and "Phlebotomist" in page
    change(preview, new, None)
    assert get(preview, "/careers/phlebotomist/")[0] == 404


def test_a_renamed_file_moves(preview, root):
    old = root / "content/careers/science/phlebotomist.md"
    change(preview, old, career("Phlebotomist"))
    before = preview.preview.version
    old.rename(old.with_name("blood-taker.md"))
    deadline = time.monotonic() + 15
    # a rename may be one build or two: wait for a build to finish with the new page in place
    while preview.preview.version == before or get(preview, "/careers/blood-taker/")[0] != 200:
        assert time.monotonic() < deadline, "the renamed page never appeared"
        time.sleep(0.05)
    while get(preview, "/careers/phlebotomist/")[0] != 404:
        assert time.monotonic() < deadline, "the old page never went"
        time.sleep(0.05)


def test_the_reload_script_is_sent_but_never_written(preview, root):
    path = root / NURSE
    change(preview, path, path.read_text().replace("title: Adult nurse", "title: Ward nurse"))
    assert CHANGES in get(preview, "/careers/adult-nurse/")[1]
    assert CHANGES in get(preview, "/no-such-page/")[1]  # the 404 page reloads too
    for file in (root / "site").rglob("*"):
        if file.is_file():
            assert b"_careersite" not in file.read_bytes(), file


def test_a_waiting_page_hears_of_the_next_build(preview, root):
    version = preview.preview.version
    path = root / NURSE
    change(preview, path, path.read_text().replace("title: Adult nurse", "title: Ward nurse"))
    answer = json.loads(get(preview, f"{CHANGES}?since={version}")[1])
    assert answer == {"version": version + 1}


def test_the_health_report_has_a_page(preview):
    status, page = get(preview, REPORT)
    assert status == 200 and "Content health report" in page and "Careers: 3" in page


def test_rebuilds_use_the_cache(preview, root):
    path = root / "content/careers/science/lab-assistant.md"
    change(
        preview,
        path,
        path.read_text().replace("## What you'll do\n", "## What you'll do\n\nNew.\n"),
    )
    assert len(preview.rebuilds) == 1
    assert "<p>New.</p>" in get(preview, "/careers/lab-assistant/")[1]


def test_a_port_in_use_gets_a_message(root, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as stop:
            Session(root, root / "site", port, search=False)
    assert stop.value.code == 2
    assert f"Could not serve on port {port}" in capsys.readouterr().err


def test_ctrl_c_stops_cleanly(root):
    command = [sys.executable, str(PROJECT / "build.py"), "serve", "--root", str(root),
               "--port", "0", "--no-search"]  # fmt: skip
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        assert run.stdout is not None
        deadline = time.monotonic() + 30
        line = ""
        while "Serving" not in line:
            assert time.monotonic() < deadline, "serve never started"
            line = run.stdout.readline()
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=15)
    assert run.returncode == 0, err
    assert "Stopped." in out
    assert "Traceback" not in err


def test_a_site_broken_from_the_start_still_shows_its_problems(root):
    path = root / NURSE
    path.write_text(path.read_text().replace("entry_routes: [degree]", "entry_routes: [degre]"))
    said: list[str] = []
    with Session(root, root / "site", 0, search=False, say=said.append) as preview:
        status, page = get(preview, "/")
        assert status == 200 and "1 problem to fix" in page
        assert "adult-nurse.md:7: entry_routes[1]" in page
        change(preview, path, path.read_text().replace("[degre]", "[degree]"))
        assert "Adult nurse" in get(preview, "/careers/adult-nurse/")[1]
