"""`clausewise serve`: the web app on this computer (or, with a token, for a small team)."""

from __future__ import annotations

import os

import click

from clausewise.errors import BadValue

from .options import db_option
from .output import warn

try:  # the web app is an optional extra: `pip install 'clausewise[web]'`
    import uvicorn

    from clausewise.web import WebSettings, create_app
    from clausewise.web.settings import DEFAULT_HOST, DEFAULT_MAX_UPLOAD_MB, DEFAULT_PORT, TOKEN_ENV

    MISSING: str | None = None
except ImportError as exc:  # said when the command runs, not when the CLI loads
    MISSING = exc.name or "fastapi"
    DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_UPLOAD_MB, TOKEN_ENV = "127.0.0.1", 8765, 20.0, "CLAUSEWISE_TOKEN"


@click.command("serve")
@click.option(
    "--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on; 0.0.0.0 for every network."
)
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--token",
    metavar="SECRET",
    help=f"Access token every request must give (default: ${TOKEN_ENV}); needed beyond this computer.",
)
@click.option(
    "--max-upload",
    type=click.FloatRange(min=0.01),
    default=DEFAULT_MAX_UPLOAD_MB,
    show_default=True,
    metavar="MB",
    help="Largest file an upload may be, in MB.",
)
@db_option
def serve_command(host: str, port: int, token: str | None, max_upload: float, db: str | None) -> None:
    """Open clausewise in the browser: compare files, see every council's policies, record
    reviews, add versions, download reports.

    Only this computer can connect unless --host says otherwise; then give --token (or set
    CLAUSEWISE_TOKEN) so only people who know it can.

    \b
    Examples:
      clausewise serve                                  # then open http://127.0.0.1:8765
      clausewise serve --db clausewise-demo/demo.db
      CLAUSEWISE_TOKEN=long-secret clausewise serve --host 0.0.0.0
    """
    if MISSING is not None:
        raise BadValue(f"the web app needs {MISSING}; install it with `pip install 'clausewise[web]'`")
    settings = WebSettings(
        db=db, host=host, port=port, token=token or os.environ.get(TOKEN_ENV) or None, max_upload_mb=max_upload
    )
    if not settings.local_only and settings.token is None:
        warn(
            [
                f"serving on {host} without a token: anyone who can reach this computer can read and change "
                f"the policies; give --token or set {TOKEN_ENV}"
            ]
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"clausewise: open http://{shown}:{port}/ in your browser (Ctrl+C stops the server)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


COMMANDS = (serve_command,)
