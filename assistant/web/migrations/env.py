"""Alembic environment: run the workbench's migrations on the connection the app hands over.

The app calls :func:`assistant.web.store.upgrade`, which puts an open connection in
``config.attributes["connection"]``; nothing here reads alembic.ini or the environment.
"""

from alembic import context

from assistant.web.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
