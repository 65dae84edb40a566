"""Reports: frozen report objects built once from documents and alignments, and renderers that
only read them.

    divergence.py  redline.py  reviews.py  matrix.py  history.py  update.py
                   each report: its frozen dataclasses, its `build_*` function, its registration
    registry.py    the report kinds and formats; `render(report, fmt)` picks the renderer
    html.py (templates/), markdown.py, word.py (docx_tracked.py: Word's tracked-change XML;
    docx_layout.py: A4, page numbers, table widths),
    serialize.py (JSON, CSV), text.py (terminal), matrix.py (SVG)
                   the renderers, each registered for the report types it renders
    spreadsheet.py `csv_table`: every CSV clausewise writes, formula-like text neutralised
    words.py       dates, counts and plurals as every format words them

The report and renderer modules register themselves when imported; `registry.load_plugins`
imports them all before anything of this package is first used. To add a format, register a
renderer (`@renderer(DivergenceReport, "pdf")`) and list its module in `registry.PLUGINS`; to
add a report, write its module with `register_report(...)`, register its renderers and list it
there too. Nothing here reads files, runs the aligner or touches a database.
"""

from clausewise.lazy import attach_stub

from .registry import load_plugins

__getattr__, __dir__, __all__ = attach_stub(__name__, __file__, before=load_plugins)
