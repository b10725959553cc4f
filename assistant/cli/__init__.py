"""The command line (the only package that writes to the terminal): :func:`main` runs it."""

from .app import app, main

__all__ = ["app", "main"]
