"""Command line: build, check or serve the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cache import FOLDER as CACHE_FOLDER
from .pipeline import Result, build
from .search import SEARCH_FOLDER
from .write import UnsafeOutput

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    """Describe the commands and options."""
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Build the careers site from content/ into site/.",
        epilog=(
            "commands:\n"
            "  build   check everything, then write the site into site/ (the default)\n"
            "  check   check everything and report problems; write nothing\n"
            "  serve   build and serve site/ at http://localhost:PORT/, rebuilding and reloading\n"
            "          the browser as files change\n"
            "  new     start a new content file: build.py new career SLUG --family FAMILY\n"
            "          (or route, organisation, ambassador, way-in)\n"
            "  report  content health, worst first (--json for tools)\n\n"
            "exit codes: 0 success, 1 problems in the content, 2 wrong command or option"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=["build", "check", "serve"],
        help=argparse.SUPPRESS,
    )
    p.add_argument(
        "--root", type=Path, default=Path("."), help="folder holding content/ (default: .)"
    )
    p.add_argument(
        "--out", type=Path, default=None, help="where to write the site (default: ROOT/site)"
    )
    p.add_argument(
        "--no-search",
        action="store_true",
        help="leave out the search index (quicker, for previews and timing)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help=f"build everything afresh, without the build cache in ROOT/{CACHE_FOLDER}/",
    )
    p.add_argument(
        "--timings", action="store_true", help="print the time of each stage and peak memory"
    )
    p.add_argument("--port", type=_port, default=8000, help="port for serve (default: 8000)")
    return p


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: give a number from 0 to 65535")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("new", "report"):  # commands with arguments of their own
        return _tool(argv[0], argv[1:])
    cli = parser()
    args = cli.parse_args(argv)
    out = args.out or args.root / "site"
    cache = None if args.no_cache else args.root / CACHE_FOLDER
    if args.command == "serve":
        return _serve(cli, args, out, cache)
    try:
        writing = args.command != "check"
        result = build(
            args.root,
            out if writing else None,
            search=writing and not args.no_search,
            cache=cache,
        )
    except UnsafeOutput as why:
        cli.print_usage(sys.stderr)
        print(f"build.py: error: {why}. Nothing was written.", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # a full disk or a read-only folder: say so, not a traceback
        print(
            f"Could not write {out}/: {err.strerror or err}. {out}/ was left as it was.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    report(result, args.command, out)
    if args.timings:
        print_timings(result)
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _serve(
    cli: argparse.ArgumentParser, args: argparse.Namespace, out: Path, cache: Path | None
) -> int:
    """The live preview: build, serve, watch and rebuild until Ctrl+C (see serve.py)."""
    from .pipeline import PROJECT
    from .serve import Session
    from .write import unsafe_output

    if why := unsafe_output(out, args.root, PROJECT):
        cli.print_usage(sys.stderr)
        print(f"build.py: error: {why}. Nothing was written.", file=sys.stderr)
        return EXIT_USAGE
    Session(args.root, out, args.port, search=not args.no_search, cache=cache).run()
    return EXIT_OK


def _tool(command: str, argv: list[str]) -> int:
    """`new` (scaffold.py) and `report` (report.py), each with its own options and --root."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--root", type=Path, default=Path("."))
    known, rest = pre.parse_known_args(argv)
    if command == "new":
        from .scaffold import main as scaffold

        return scaffold(known.root, rest)
    from .report import main as health

    return health(known.root, rest + ["--root", str(known.root)])


def report(result: Result, command: str, out: Path) -> None:
    """Print every problem, then a one-line summary; advice is listed by `check` only."""
    advice = [p for p in result.problems if p.advice]
    for problem in result.problems:
        if not problem.advice or command == "check":
            print(problem, file=sys.stderr)
    if advice and command != "check":
        print(
            f"Note: {len(advice)} careers are in no progression route; `build.py check` lists them.",
            file=sys.stderr,
        )
    warnings = sum(1 for p in result.problems if p.warning and not p.advice)
    extra = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    if advice and command == "check":
        extra += f", {len(advice)} careers in no route"
    took = f"{result.seconds:.2f} s"
    if not result.ok:
        count = len(result.errors)
        kept = "nothing was written" if command == "check" else f"{out}/ was left as it was"
        print(
            f"Found {count} problem{'s' if count != 1 else ''}{extra}; {kept} ({took}).",
            file=sys.stderr,
        )
    elif command == "check":
        print(f"Checked {result.pages} pages: no problems{extra} ({took}).")
    elif result.up_to_date:
        print(f"{out}/ is up to date: nothing changed since it was built ({took}{extra}).")
    else:
        indexed = sum(1 for path in result.files if path.startswith(f"{SEARCH_FOLDER}/"))
        other = len(result.files) - result.pages - indexed
        search = f", with a search index of {indexed} files," if indexed else ""
        print(
            f"Built {result.pages} pages and {other} other files{search} into {out}/ in {took}{extra}."
        )


def print_timings(result: Result) -> None:
    """Each stage's time, the total and the process's peak memory (resident set)."""
    import resource

    for stage, seconds in result.timings.items():
        print(f"  {stage:<14} {seconds * 1000:8.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {'total':<14} {result.seconds * 1000:8.0f} ms, peak memory {peak:.0f} MB")
    if result.cache_note:
        print(f"  {result.cache_note}")
    for said, counts in (("from the cache", result.reused), ("made anew", result.made)):
        if counts:
            print(f"  {said}: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
