"""clausewise: compare and version council policy documents.

The Python API, small and typed; the command line is a thin layer over the same calls.

    import clausewise

    model = clausewise.read("model-protocol.pdf")         # a Document: clauses and metadata
    alignment = clausewise.compare(model, "ours.docx")     # an Alignment: links, removed, added
    print(clausewise.summarise(alignment).describe())      # "12 modified, 3 added, 2 removed, ..."

    store = clausewise.Store("policies.db")                # each call is one transaction
    store.add("ours.docx", policy="Councillor-Officer Protocol", council="Our Town Council")
    report = store.divergence("Our Town")                  # or history, reviews, redline, matrix
    clausewise.write_report(report, "divergence.html")     # or .docx, .md, .json, .csv

The packages below are the stages: `clausewise.ingest` (files to Documents), `clausewise.align`
(Documents to Alignments), `clausewise.store` (the database), `clausewise.reports` (report
objects and their renderers); `clausewise.app` holds the use cases and `clausewise.cli` the
command line. Every error clausewise raises is a `ClausewiseError` (`clausewise.errors`).
"""

__version__ = "0.1.0"

from clausewise.lazy import attach_stub

__getattr__, __dir__, _names = attach_stub(__name__, __file__)
__all__ = [*_names, "__version__"]
