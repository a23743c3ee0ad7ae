#!/usr/bin/env python3
"""Build the careers site: `python build.py [build|check|serve]`; see --help."""

import sys

try:
    from careersite.cli import main
except ModuleNotFoundError as missing:  # run outside .venv, before `make site`
    print(f"careersite needs {missing.name!r}, which is not installed here.", file=sys.stderr)
    print(
        "Run `make site` once (it installs into .venv), then use .venv/bin/python build.py.",
        file=sys.stderr,
    )
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
