"""Store: councils, policies, versions, clauses, reviews, alignment runs and embedding vectors
in a database (SQLite by default, any SQLAlchemy URL), with Alembic migrations.

    db.py          opening a database: URLs, SQLite settings, migrations, one transaction
    models.py      the schema (SQLAlchemy 2.0 typed models); migrations/ (Alembic)
    add.py         a read Document stored as a version, each value with where it came from
    checks.py      dates that cannot be right (an adoption in the future, ...), refused unless forced
    corrections.py amend a version's facts, remove a mistaken version; each correction recorded
    documents.py   Documents to rows and back; VersionInfo, a version as a value
    references.py  COUNCIL[:POLICY][@VERSION|@DATE] looked up
    queries.py     councils, current versions, versions in order, reviews
    alignments.py  alignment runs and embedding vectors, kept by what made them
    originals.py   each version's original file, kept once per distinct file by its sha256
    transfer.py    the whole database as JSON and back

The store only stores and answers queries: it takes and returns the document and alignment
models, and never reads a file or runs the aligner (that is `clausewise.app`). Functions take
a `Session`; the caller opens it, in one transaction, with `open_session`.
"""

from clausewise.lazy import attach_stub

__getattr__, __dir__, __all__ = attach_stub(__name__, __file__)
