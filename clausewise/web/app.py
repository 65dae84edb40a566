"""The web app: FastAPI routes over the application layer, the guard in front of them, and one
way every error is answered (the library's one-line message, never a stack trace)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from clausewise import __version__
from clausewise.app import Store
from clausewise.errors import (
    Ambiguous,
    BadValue,
    ClausewiseError,
    Conflict,
    DatabaseBusy,
    FileTooLarge,
    FormExpired,
    NotFound,
    NotSignedIn,
    UnsupportedFormat,
    UploadTooLarge,
    WrongContent,
)

from . import api, compare_pages, council_pages, pages
from .security import Guard, refuse
from .settings import WebSettings
from .state import WebState

STATIC = Path(__file__).parent / "static"
UNEXPECTED = "clausewise failed unexpectedly and nothing was changed; this is a bug: please report it"
# The HTTP status of each kind of library error; the first that matches wins, anything else is 400.
STATUS: tuple[tuple[type[ClausewiseError], int], ...] = (
    (UploadTooLarge, 413),
    (FileTooLarge, 413),
    (UnsupportedFormat, 415),
    (WrongContent, 415),
    (NotSignedIn, 401),
    (FormExpired, 403),
    (NotFound, 404),
    (Ambiguous, 409),
    (Conflict, 409),
    (DatabaseBusy, 503),
    (BadValue, 400),
)
log = logging.getLogger("clausewise.web")


def status_of(error: ClausewiseError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 400)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    settings = settings or WebSettings()
    state = WebState(settings, Store(settings.db, notify=log.info))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.folder.close()  # uploads never outlive the server

    app = FastAPI(
        title="clausewise",
        version=__version__,
        summary="Compare and version council policy documents",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's documentation pages load their script from the internet;
        redoc_url=None,  # the schema itself (/openapi.json) is served
    )
    app.state.web = state
    app.include_router(api.router)
    for module in (pages, compare_pages, council_pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(Guard, settings=settings)
    app.middleware("http")(_page_policy)
    app.add_exception_handler(ClausewiseError, _library_error)
    app.add_exception_handler(RequestValidationError, _bad_request)
    app.add_exception_handler(Exception, _unexpected)
    return app


async def _library_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ClausewiseError)
    status = status_of(exc)
    if request.url.path.startswith("/api/"):
        return refuse(request, status, exc.message)
    return pages.error_page(request, exc.message, status)


async def _bad_request(request: Request, exc: Exception) -> Response:
    """A parameter of the wrong shape (a word for a number of days), in one line."""
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ())[1:]) or "request"
    return await _library_error(request, BadValue(f"{where}: {first.get('msg', 'not valid')}"))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected failure on %s", request.url.path)
    return refuse(request, 500, UNEXPECTED)


# Pages run only this site's own script and load nothing from elsewhere, whatever a document says.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


async def _page_policy(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("content-security-policy", PAGE_POLICY)
    response.headers.setdefault("x-content-type-options", "nosniff")
    response.headers.setdefault("referrer-policy", "same-origin")
    return response
