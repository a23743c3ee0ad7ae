#!/usr/bin/env python3
"""Build the careers site: `python build.py [build|check|serve]`; see --help."""

import sys

from careersite.cli import main

if __name__ == "__main__":
    sys.exit(main())
