"""Alembic environment: always run programmatically with a connection the store opened."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from clausewise.store.models import Base

config = context.config
connection: Connection | None = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("store migrations run through clausewise.store.db.upgrade(), which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
