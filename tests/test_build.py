"""Whole-site builds of the tiny test site: pages, links, derived facts, determinism, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import messages
from sitekit import BASE, DEGREE_APPRENTICESHIP, PAID_AFTER

from careersite import write
from careersite.check import check_output, page_facts
from careersite.cli import main
from careersite.pipeline import PROJECT
from careersite.serve import make_server
from careersite.write import MARKER, MARKER_TEXT

NURSE = "content/careers/nursing/adult-nurse.md"
# data files, sitemap, robots, the stylesheet, three scripts, the icon and "did you mean" shards
OTHER_FILES = 15

EXPECTED_PAGES = [
    "index.html", "404.html", "careers/index.html", "careers/adult-nurse/index.html",
    "careers/healthcare-assistant/index.html", "careers/lab-assistant/index.html",
    "families/nursing/index.html", "families/science/index.html", "interests/caring/index.html",
    "interests/science/index.html", "ways-in/index.html", "ways-in/apprenticeships/index.html",
    "routes/index.html", "routes/hca-to-nurse/index.html", "routes/lab-to-nurse/index.html",
    "work-experience/index.html",
    "organisations/northwood/index.html", "ambassadors/index.html", "ambassadors/sam/index.html",
    "commitments/index.html", "case-studies/index.html",
    "case-studies/northwood-a-school-visit/index.html", "teachers/index.html", "print/nursing/index.html",
    "print/science/index.html", "search/index.html", "about/index.html",
    "compare/index.html", "families/nursing/compare/index.html", "families/science/compare/index.html",
    "finder/index.html", "finder/caring/index.html", "finder/science/index.html",
    *(f"finder/{i}/{s}/index.html" for i in ("caring", "science")
      for s in ("at-school", "gcses", "a-levels", "degree", "nhs-staff")),
    *(f"careers/labels/{k}/index.html" for k in ("no-degree", "earn", "degree-apprenticeship", "paid-after-degree")),
]  # fmt: skip


@pytest.fixture
def built(site_factory, run_build):
    result = run_build(site_factory())
    assert result.ok, messages(result)
    return result


def page(result, path: str) -> str:
    return result.files[path].decode("utf-8")


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_every_page_type_is_built(built):
    html = sorted(p for p in built.files if p.endswith(".html"))
    assert html == sorted(EXPECTED_PAGES)
    for extra in (
        "sitemap.xml",
        "robots.txt",
        "data/careers.json",
        "data/careers.csv",
        "assets/site.css",
    ):
        assert extra in built.files


def test_written_tree_matches_rendered_files(built, site_factory):
    root = site_factory()
    # plus the marker that lets the next build replace the folder
    assert tree(root / "site") == {**built.files, MARKER: MARKER_TEXT}


def test_internal_links_and_anchors_resolve(built):
    assert check_output(built.files) == []
    links = [link for p in EXPECTED_PAGES for link in page_facts(page(built, p)).links]
    assert "/careers/adult-nurse/#what-youll-do" in links  # the anchor in the fixture's Markdown


def test_every_page_has_one_h1_skip_link_and_main_landmark(built):
    for path in EXPECTED_PAGES:
        html = page(built, path)
        assert page_facts(html).h1 == 1, path
        assert '<a class="skip-link" href="#maincontent">' in html, path
        assert '<main id="maincontent"' in html, path


def test_pay_is_shown_in_pounds_from_the_bands(built):
    html = page(built, "careers/adult-nurse/index.html")
    assert "£31,049 to £46,580 a year" in html
    assert "Agenda for Change bands 5 to 6 (2025/26)" in html
    assert "£24,465 to £26,598 a year" in page(built, "careers/healthcare-assistant/index.html")


def test_derived_flags_come_from_entry_routes(built):
    def header(path: str) -> str:  # the career's own flags, before any related careers' cards
        return page(built, path).split('id="at-a-glance"')[0]

    apprentice = header("careers/healthcare-assistant/index.html")
    graduate = header("careers/adult-nurse/index.html")
    assert "Earn while you learn" in apprentice and "No degree needed" in apprentice
    assert "Earn while you learn" not in graduate and "No degree needed" not in graduate
    data = {c["slug"]: c for c in json.loads(built.files["data/careers.json"])["careers"]}
    assert data["healthcare-assistant"]["no_degree_needed"] is True
    assert data["adult-nurse"]["earn_while_you_learn"] is False


def test_reverse_links_on_a_career_page(built):
    html = page(built, "careers/healthcare-assistant/index.html")
    routes = html.split('id="routes"')[1].split("</section>")[0]
    after = routes.split('id="where-this-can-lead"')[1]
    assert 'href="/careers/adult-nurse/"' in after  # the next step in the route
    assert 'id="how-people-get-here"' not in routes  # it is the first step
    assert 'href="/routes/hca-to-nurse/"' in routes
    nurse = page(built, "careers/adult-nurse/index.html").split('id="routes"')[1]
    before = nurse.split('id="how-people-get-here"')[1].split("</ul>")[0]
    assert 'href="/careers/healthcare-assistant/"' in before  # the step before it
    assert 'id="where-this-can-lead"' not in nurse.split("</section>")[0]  # it is the last
    assert 'href="/ambassadors/sam/"' in html  # an ambassador who does this job
    # work experience is offered in nursing only
    assert 'href="/organisations/northwood/"' in html
    assert 'href="/organisations/northwood/"' not in page(built, "careers/lab-assistant/index.html")


def test_family_page_lists_only_its_careers(built):
    html = page(built, "families/science/index.html")
    assert 'href="/careers/lab-assistant/"' in html
    assert 'href="/careers/adult-nurse/"' not in html


def test_sample_records_are_labelled(built):
    assert "Sample record." in page(built, "organisations/northwood/index.html")
    assert "Sample record." in page(built, "ambassadors/sam/index.html")


def test_content_is_autoescaped(site_factory, run_build):
    files = {NURSE: BASE[NURSE].replace("title: Adult nurse", "title: Adult nurse <b>bold</b>")}
    html = page(run_build(site_factory(files)), "careers/adult-nurse/index.html")
    assert "Adult nurse &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_no_scripts_cookies_or_third_party_requests(built):
    for path in EXPECTED_PAGES:
        html = page(built, path)
        scripts = re.findall(r"<script[^>]*>", html)
        # the only scripts are the site's own: search on /search/, and comparing careers
        expected = {
            "search/index.html": ['<script src="/assets/search.js" type="module">'],
            "compare/index.html": ['<script src="/assets/compare.js" type="module">'],
        }.get(path, [])
        site_js = ['<script src="/assets/site.js" type="module">']  # print and compare buttons
        if path.startswith(("careers/", "routes/", "print/")) and path.count("/") == 2:
            expected = [] if path in ("careers/index.html", "routes/index.html") else site_js
        if path.endswith("/compare/index.html") and path.startswith("families/"):
            expected = site_js
        assert scripts == expected, path
        assert "<iframe" not in html, path
        for tag in ("<link", "<img"):
            for chunk in html.split(tag)[1:]:
                attrs = chunk.split(">")[0]
                assert "http" not in attrs, f"{path} loads a third-party resource: {attrs}"


def test_open_data_and_sitemap(built):
    rows = list(csv.DictReader(io.StringIO(built.files["data/careers.csv"].decode())))
    assert [r["slug"] for r in rows] == ["adult-nurse", "healthcare-assistant", "lab-assistant"]
    assert rows[1]["entry_routes"] == "apprenticeship"
    sitemap = built.files["sitemap.xml"].decode()
    assert "<loc>https://test.example.org/careers/adult-nurse/</loc>" in sitemap
    assert sitemap.count("<loc>") == len(EXPECTED_PAGES) - 1  # all but 404.html
    assert "Sitemap: https://test.example.org/sitemap.xml" in built.files["robots.txt"].decode()


def test_two_builds_are_byte_identical(site_factory, tmp_path):
    root = site_factory()
    trees = []
    for seed in ("1", "2"):  # separate processes with different hash seeds: no set-order leaks
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), "--root", str(root), "--out", str(out)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        trees.append(tree(out))
    # Pagefind writes its filter and metadata chunks in an order of its own (upstream issue
    # Pagefind#638: "other files will still change"); every page, data file and text
    # fragment of the index must be identical
    stable = [{p: d for p, d in t.items() if not UNSTABLE_INDEX.match(p)} for t in trees]
    assert stable[0] == stable[1]
    assert any(p.startswith("pagefind/fragment/") for p in stable[0])


UNSTABLE_INDEX = re.compile(
    r"pagefind/(filter/|pagefind\.[\w]+\.pf_meta$|pagefind-entry\.json$|index/)"
)


def test_failed_build_leaves_previous_site_untouched(site_factory, run_build):
    root = site_factory()
    assert run_build(root).ok
    before = tree(root / "site")
    site_factory({NURSE: BASE[NURSE].replace("interests: [caring]", "interests: [carring]")})
    result = run_build(root)
    assert not result.ok
    assert tree(root / "site") == before


def test_interrupted_write_leaves_previous_site_untouched(site_factory, run_build, monkeypatch):
    root = site_factory()
    run_build(root)
    before = tree(root / "site")
    written = []

    def fail_after_three(self: Path, data: bytes) -> int:
        if len(written) == 3:
            raise OSError("disk full")
        written.append(self)
        return len(data)

    monkeypatch.setattr(write.Path, "write_bytes", fail_after_three)
    with pytest.raises(OSError, match="disk full"):
        run_build(root)
    monkeypatch.undo()
    assert tree(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_check_writes_nothing(site_factory, run_build):
    root = site_factory()
    assert run_build(root, write=False).ok
    assert not (root / "site").exists()


def test_command_line_exit_codes_and_summary(site_factory, capsys):
    root = site_factory()
    assert main(["check", "--root", str(root)]) == 0
    assert "Checked 47 pages: no problems" in capsys.readouterr().out
    assert main(["--root", str(root), "--no-search"]) == 0
    assert (
        f"Built 47 pages and {OTHER_FILES} other files into {root}/site/ in"
        in capsys.readouterr().out
    )
    assert not (root / "site/pagefind").exists()
    site_factory({NURSE: BASE[NURSE].replace("interests: [caring]", "interests: [carring]")})
    assert main(["check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{NURSE}:10: interests[1]: 'carring' is not an interest. Did you mean 'caring'?" in err
    assert "Found 1 problem; nothing was written" in err
    with pytest.raises(SystemExit) as usage:
        main(["publish"])
    assert usage.value.code == 2


def test_help_explains_build_and_check(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "check everything and report problems; write nothing" in out
    assert "exit codes: 0 success, 1 problems in the content, 2 wrong command or option" in out


def test_local_server_serves_pages_and_the_site_404(site_factory, run_build):
    root = site_factory()
    run_build(root)
    with make_server(root / "site", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with urllib.request.urlopen(f"{base}/careers/adult-nurse/", timeout=5) as response:
            assert (
                response.status == 200
                and b'<h1 data-pagefind-weight="10">Adult nurse</h1>' in response.read()
            )
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/careers/astronaut/", timeout=5)
        assert missing.value.code == 404
        assert b"Page not found" in missing.value.read()
        server.shutdown()


def test_apply_url_may_be_an_email_address(site_factory, run_build):
    org = "content/organisations/northwood.yaml"
    files = {
        org: BASE[org].replace(
            "apply_url: https://www.example.org/apply", "apply_url: mailto:we@example.org"
        )
    }
    result = run_build(site_factory(files))
    assert 'href="mailto:we@example.org">Apply for work experience' in page(
        result, "organisations/northwood/index.html"
    )


def test_unwritable_output_is_reported_without_a_traceback(site_factory, capsys, monkeypatch):
    root = site_factory()

    def refuse(files, target, index=None, same=None):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("careersite.pipeline.write_site", refuse)
    assert main(["--root", str(root)]) == 1
    assert (
        f"Could not write {root}/site/: Permission denied. {root}/site/ was left as it was."
        in capsys.readouterr().err
    )


# --- ways in, routes and labels (issue #9) ------------------------------------------------


def route_steps_in_list(html: str) -> list[str]:
    """Career links of a route page's ordered list, in order."""
    steps = html.split('class="route-list"')[1].split("</ol>")[0]
    return re.findall(r'<h3 class="route-step__title">.*?<a href="/careers/([^/]+)/">', steps)


def route_steps_in_diagram(html: str) -> list[str]:
    """Career titles drawn in a route page's SVG, box by box (a title may wrap onto lines)."""
    svg = html.split("<svg")[1].split("</svg>")[0]
    boxes: list[list[str]] = []
    for css, text in re.findall(r'<text class="(diagram__\w+)"[^>]*>([^<]*)</text>', svg):
        if css == "diagram__step":
            boxes.append([])
        elif css == "diagram__title":
            boxes[-1].append(text)
    return [" ".join(lines) for lines in boxes]


def test_route_diagram_and_list_carry_the_same_steps_in_order(built):
    html = page(built, "routes/hca-to-nurse/index.html")
    assert route_steps_in_list(html) == ["healthcare-assistant", "adult-nurse"]
    assert route_steps_in_diagram(html) == ["Healthcare assistant", "Adult nurse"]
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in html.split("<svg")[1].split(">")[0]
    assert "<title" in svg and "<desc" in svg  # named and described for screen readers
    assert "£24,465 to £26,598 a year" in svg  # pay in pounds at each step
    assert "Apprenticeship, 1 year" not in svg  # the first step has no arrow into it
    assert "University degree, 3 years" in svg  # the way into step 2, on its arrow


def test_long_route_titles_wrap_inside_the_diagram(site_factory, run_build):
    from careersite.diagram import BOX_W, BOX_X, TITLE_CHARS

    long_title = "Specialist community public health nurse in schools and colleges"
    nurse = BASE[NURSE].replace("title: Adult nurse", f"title: {long_title}")
    result = run_build(site_factory({NURSE: nurse}), write=False)
    html = page(result, "routes/hca-to-nurse/index.html")
    assert route_steps_in_diagram(html)[1] == long_title
    titles = re.findall(r'<text class="diagram__title"[^>]*>([^<]*)</text>', html)
    assert max(len(t) for t in titles) <= TITLE_CHARS
    boxes = re.findall(r'<rect class="diagram__box" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', html)
    assert all(float(x) == BOX_X and float(w) == BOX_W for x, w in boxes)


def test_way_in_page_lists_exactly_the_careers_with_its_entry_route(built):
    html = page(built, "ways-in/apprenticeships/index.html")
    listed = html.split('id="careers"')[1].split("</ul>")[0]
    slugs = set(re.findall(r'href="/careers/([^/]+)/"', listed))
    data = json.loads(built.files["data/careers.json"])["careers"]
    assert slugs == {c["slug"] for c in data if "apprenticeship" in c["entry_routes"]}
    assert slugs == {"healthcare-assistant"}


def test_labels_come_from_entry_route_facts(site_factory, run_build):
    routes = BASE["content/data/entry-routes.yaml"] + PAID_AFTER + DEGREE_APPRENTICESHIP
    files = {
        "content/data/entry-routes.yaml": routes,
        # a degree or a degree apprenticeship: degree apprenticeship, earn, not "no degree"
        NURSE: BASE[NURSE].replace(
            "entry_routes: [degree]", "entry_routes: [degree, degree-apprenticeship]"
        ),
        # a degree, then paid training: neither "no degree" nor "earn"
        "content/careers/science/lab-assistant.md": BASE[
            "content/careers/science/lab-assistant.md"
        ].replace("entry_routes: [degree]", "entry_routes: [degree, paid-after]"),
    }
    result = run_build(site_factory(files), write=False)
    assert result.ok, messages(result)
    data = {c["slug"]: c for c in json.loads(result.files["data/careers.json"])["careers"]}
    assert data["adult-nurse"]["labels"] == ["Earn while you learn", "Degree apprenticeship"]
    assert data["lab-assistant"]["labels"] == ["Paid training after your degree"]
    assert data["healthcare-assistant"]["labels"] == ["No degree needed", "Earn while you learn"]
    header = page(result, "careers/lab-assistant/index.html").split('id="at-a-glance"')[0]
    assert "Paid training after your degree" in header and "Earn while you learn" not in header
    listing = page(result, "careers/index.html")
    nurse_row = listing.split('href="/careers/adult-nurse/"')[0].rsplit("<li", 1)[1]
    assert 'data-t="1 2"' in nurse_row  # the filter uses the same labels (codes of LABELS)
    assert '#f-label-earn:checked) .rows > li[data-t]:not([data-t~="1"])' in listing


# --- the search index (issue #11) ----------------------------------------------------------


def test_build_indexes_main_content_in_process(site_factory, capsys):
    root = site_factory()
    assert main(["--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert re.search(
        rf"Built 47 pages and {OTHER_FILES} other files, with a search index of \d+ files, into",
        out,
    )
    assert (root / "site/pagefind/pagefind.js").is_file()
    entry = json.loads((root / "site/pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] >= 6  # careers, the way in, routes


def test_a_failed_index_fails_the_build_and_leaves_the_site(site_factory, capsys, monkeypatch):
    from careersite import pipeline

    root = site_factory()
    assert main(["--root", str(root), "--no-search"]) == 0
    before = tree(root / "site")

    def broken(folder):
        raise pipeline.SearchIndexError("Pagefind could not index the site: it crashed")

    monkeypatch.setattr(pipeline, "index_folder", broken)
    capsys.readouterr()
    assert main(["--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert (
        "search index: Pagefind could not index the site: it crashed. Build with --no-search" in err
    )
    assert tree(root / "site") == before


def test_timings_name_every_stage_and_peak_memory(site_factory, capsys):
    root = site_factory()
    assert main(["--root", str(root), "--timings"]) == 0
    out = capsys.readouterr().out
    stages = re.findall(r"^  ([a-z ]+?) +\d+ ms", out, re.M)
    assert stages == [
        "up to date", "load", "markdown", "validate", "model", "templates", "link check",
        "search index", "write", "cache", "total",
    ]  # fmt: skip
    assert re.search(r"peak memory \d+ MB", out)
    assert main(["--root", str(root), "--no-search"]) == 0
    assert " ms" not in capsys.readouterr().out  # only when asked
