"""The web app, `clausewise serve`: the clerk's browser tab on the application layer.

    app.py            create_app: routes, the guard, one way errors are answered
    settings.py       WebSettings: host, port, token, upload limit, comparison slots
    security.py       the access token, the size limit, the anti-forgery check
    uploads.py        uploaded files: a private temporary folder, made-up names, read as `read` does
    state.py          what the handlers share (the Store, the folder, the slots)
    api.py            /api/compare, /api/reviews, /api/health (JSON exactly as the CLI's)
    pages.py          home, reviews, corpus, sign-in; page rendering and report downloads
    compare_pages.py  compare two files or stored versions side by side; redline and JSON downloads
    council_pages.py  a council's history and divergence; record a review; add a version
    sidebyside.py     an alignment as side-by-side rows
    templates/, static/   Jinja2 pages (autoescaped) and the one stylesheet and small script

Every use case is the application layer's (`clausewise.app`); nothing here aligns, stores or
renders a report itself.
"""

from .app import create_app
from .settings import WebSettings

__all__ = ["WebSettings", "create_app"]
