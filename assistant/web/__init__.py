"""The clerk's workbench: ``python cli.py serve`` (FastAPI + Jinja2 pages + vendored htmx).

app.py (settings, middleware) · security.py (token, CSRF, body limit) · models.py and
store.py (SQLAlchemy tables, Alembic migrations, tables in and out) · jobs.py (background
extraction) · review.py (findings on fields, edits) · pages.py (upload, list, review) ·
outputs.py (exports, gold, library) · drafting.py · accuracy.py. Needs the ``web`` extra.
"""
