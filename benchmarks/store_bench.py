"""How fast the store adds versions and lists reviews, on SQLite and (given a URL) PostgreSQL.

1. `add`: 1,000 synthetic versions of 100 clauses each (100 councils x 10 versions, each new
   version superseding the last), each in its own session and transaction exactly as
   `clausewise add FILE` does (engine, schema check, BEGIN IMMEDIATE, commit). Target: all
   1,000 in under 60 s on SQLite. Baseline, same run: the same clause rows written with bare
   sqlite3 `executemany` into a plain table, one transaction per version.
2. `reviews`: the overdue/due/no-date report over 10,000 versions (2,000 councils x 5), due
   within 90 days of a date: query and buckets. Target: under 100 ms. Also the whole command
   path (`Store.reviews`: open, check schema, query, buckets).

    python benchmarks/store_bench.py [--versions 1000] [--repeat 20] [--pg postgresql+psycopg://USER@HOST/DB]

With --pg the benchmark works in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from clausewise.app import Store
from clausewise.app.reviews import reviews_due
from clausewise.ingest import Document, read
from clausewise.store import AddOptions, add_document, open_session
from clausewise.store.documents import clause_rows
from clausewise.store.models import Council, Policy, Version

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TEMPLATE = CORPUS / "spilsby-town-council_councillor-officer-protocol_2026.txt"
POLICY = "Councillor-Officer Protocol"
CLAUSES = 100
AS_OF = date(2026, 11, 23)
WITHIN = 90  # days ahead, as `clausewise reviews` looks by default
BARE_COLUMNS: tuple[str, ...] = ("version_id", "position", "clause_key", "number", "marker", "heading", "kind")
BARE_COLUMNS += ("text", "level", "page", "paragraph", "line")


def synthetic(template: Document, k: int) -> Document:
    """Version k: the template's first 100 clauses, one of them reworded, a sha256 of its own."""
    clauses = list(template.clauses[:CLAUSES])
    changed = k % len(clauses)
    clauses[changed] = replace(clauses[changed], text=f"{clauses[changed].text} (revision {k})")
    digest = hashlib.sha256(f"synthetic-{k}".encode()).hexdigest()
    return replace(template, path=f"synthetic-{k}.txt", sha256=digest, clauses=tuple(clauses))


def bench_add(db: str, documents: list[Document]) -> list[float]:
    timings = []
    for k, document in enumerate(documents):
        options = AddOptions(POLICY, council=f"Council {k % 100:03d}", kind="parish", label=f"v{k // 100 + 1}")
        start = time.perf_counter()
        with open_session(db) as session:
            add_document(session, document, options)
        timings.append(time.perf_counter() - start)
    return timings


def bench_bare(path: Path, documents: list[Document]) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(
        "CREATE TABLE clause (id INTEGER PRIMARY KEY, version_id INTEGER, position INTEGER, clause_key TEXT, "
        "number TEXT, marker TEXT, heading TEXT, kind TEXT, text TEXT, level INTEGER, page INTEGER, "
        "paragraph INTEGER, line INTEGER)"
    )
    timings = []
    for k, document in enumerate(documents):
        rows = [
            tuple(str(r[c]) if c == "heading" else r[c] for c in BARE_COLUMNS) for r in clause_rows(k, document.clauses)
        ]
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO clause (version_id, position, clause_key, number, marker, heading, kind, text, level, page, "
            "paragraph, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.execute("COMMIT")
        timings.append(time.perf_counter() - start)
    connection.close()
    return timings


def fill_for_reviews(db: str, councils: int = 2000, per_council: int = 5) -> None:
    """10,000 versions with review dates from two years ago to two years ahead (1 in 10 none)."""
    chance = random.Random(4)
    now = datetime.now(UTC)
    with open_session(db) as session:
        session.execute(insert(Council), [{"name": f"Council {k:05d}", "kind": "parish"} for k in range(councils)])
        session.execute(insert(Policy), [{"name": POLICY}])
        rows: list[dict[str, Any]] = []
        for council in range(1, councils + 1):
            for n in range(per_council):
                due = None if chance.random() < 0.1 else AS_OF + timedelta(days=chance.randint(-730, 730))
                rows.append(
                    {
                        "council_id": council,
                        "policy_id": 1,
                        "label": str(n + 1),
                        "source_name": f"council-{council}-v{n + 1}.pdf",
                        "sha256": hashlib.sha256(f"{council}-{n}".encode()).hexdigest(),
                        "format": "pdf",
                        "ingested_at": now,
                        "review_due": due,
                        "status": "current" if n == per_council - 1 else "superseded",
                        "document_metadata": {},
                        "warnings": [],
                        "origins": {},
                    }
                )
        session.execute(insert(Version), rows)


def bench_reviews(db: str, repeat: int) -> tuple[float, float, int]:
    with open_session(db, write=False) as session:
        found = len(reviews_due(session, as_of=AS_OF, within=WITHIN).items)
        query = median_seconds(lambda: reviews_due(session, as_of=AS_OF, within=WITHIN), repeat)
    return query, median_seconds(lambda: Store(db).reviews(as_of=AS_OF, within=WITHIN), repeat), found


def run_backend(
    name: str, add_db: str, reviews_db: str, documents: list[Document], repeat: int, bare: Path | None
) -> None:
    add = bench_add(add_db, documents)
    print(f"{name:10} {'add: one version of 100 clauses':44} {statistics.median(add) * 1000:9.1f} {sum(add):9.1f}")
    if bare is not None:
        base = bench_bare(bare, documents)
        ratio = statistics.median(add) / statistics.median(base)
        print(
            f"{name:10} {'  baseline: bare sqlite3 executemany':44} {statistics.median(base) * 1000:9.1f} "
            f"{sum(base):9.1f}   ratio {ratio:.1f}"
        )
    fill_for_reviews(reviews_db)
    query, command, found = bench_reviews(reviews_db, repeat)
    print(f"{name:10} {f'reviews over 10,000 versions ({found} listed)':44} {query * 1000:9.1f}")
    print(f"{name:10} {'  reviews command (open, check schema, query)':44} {command * 1000:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pg", metavar="URL", help="also run on this PostgreSQL database (a schema of its own)")
    args = parser.parse_args()
    template = read(TEMPLATE)
    documents = [synthetic(template, k) for k in range(args.versions)]
    print(f"{'backend':10} {'task':44} {'median ms':>9} {'total s':>9}")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        run_backend("sqlite", str(tmp / "add.db"), str(tmp / "reviews.db"), documents, args.repeat, tmp / "bare.db")
    if args.pg:
        engine = create_engine(args.pg)
        schemas = [f"bench_{uuid.uuid4().hex[:12]}" for _ in range(2)]
        with engine.begin() as connection:
            for schema in schemas:
                connection.execute(CreateSchema(schema))
        try:
            urls = [
                make_url(args.pg)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
                for schema in schemas
            ]
            run_backend("postgresql", urls[0], urls[1], documents, args.repeat, None)
        finally:
            with engine.begin() as connection:
                for schema in schemas:
                    connection.execute(DropSchema(schema, cascade=True))
            engine.dispose()


if __name__ == "__main__":
    main()
