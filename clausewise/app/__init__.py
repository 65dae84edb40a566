"""The application layer: each thing clausewise does for a clerk, once.

    store.py       Store: a database and every use case on it, one transaction a call
    sides.py       a side of a comparison: a file, a Document or a stored reference
    comparing.py   compare two sides; stored pairs reuse their alignment run
    adding.py      read files (all before any write) and add them as versions
    history.py     a policy's versions and what changed at each
    reviews.py     reviews due as of a date
    reports.py     divergence, redline and matrix reports from stored versions
    output.py      write a finished report to a file in a registered format
    demo.py        the shipped corpus into a fresh store, and every report from it
    progress.py    how long work reports how far it has got

The command line (`clausewise.cli`), the web app and Python callers (`clausewise.Store`) all
call these. The stages below (ingest, align, store, reports) know nothing of this layer.
"""

from clausewise.lazy import attach_stub

__getattr__, __dir__, __all__ = attach_stub(__name__, __file__)
