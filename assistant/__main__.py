"""``python -m assistant`` is the same as ``python cli.py``."""

import sys

from .cli import main

sys.exit(main())
