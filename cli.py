#!/usr/bin/env python3
"""Entry point: ``python cli.py --help``. The commands live in assistant/cli/commands/."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main())
