"""The pages every clerk starts from: home, reviews, corpus, sign-in; and what all pages share
(rendering with the anti-forgery cookie, downloads of registered report formats, errors)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from clausewise.errors import BadValue, ClausewiseError, NotFound
from clausewise.ingest.dates import format_date
from clausewise.ingest.readers import SUFFIXES
from clausewise.reports import FORMATS, formats, render
from clausewise.reports.matrix import MatrixReport
from clausewise.reports.reviews import BUCKET_TITLES, BUCKETS, ReviewItem
from clausewise.store import MODEL_PUBLISHER
from clausewise.store.naming import quote_part

from .security import CSRF_COOKIE, CSRF_FIELD, SESSION_COOKIE, check_form, new_csrf, session_value, token_matches
from .state import web_state

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).parent / "templates"
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "svg": "image/svg+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
}
# A downloaded HTML report runs no script and loads nothing: it is self-contained.
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _page_part(value: str) -> str:
    """A name inside a URL's query (council names may hold & / # and quotes)."""
    return quote(value, safe="")


templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
)
templates.env.filters["q"] = _page_part
templates.env.filters["when"] = format_date  # a date as precisely as it is known: "2028-04" for April 2028
templates.env.globals["CSRF_FIELD"] = CSRF_FIELD
templates.env.globals["ACCEPT"] = ",".join(SUFFIXES)  # the upload fields' file filter: what `read` reads


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page, with this browser's anti-forgery value for its forms (set as a cookie once)."""
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf()
    signed = web_state(request).settings.token is not None
    response = templates.TemplateResponse(
        request, template, {"csrf": csrf, "signed": signed, **context}, status_code=status
    )
    if request.cookies.get(CSRF_COOKIE) != csrf:
        response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=_https(request))
    return response


def _https(request: Request) -> bool:
    return request.url.scheme == "https"


def error_page(request: Request, message: str, status: int) -> HTMLResponse:
    return page(request, "error.html", status=status, message=message)


def download(report: object, fmt: str, stem: str) -> Response:
    """A report in a format the registry offers for it: HTML to read in the browser, anything
    else as a file named after `stem`."""
    if fmt not in formats(type(report)):
        raise NotFound(f"this report comes as {', '.join(formats(type(report)))}, not {fmt}")
    body = render(report, fmt)
    if fmt == "html":
        return Response(body, media_type=MEDIA_TYPES["html"], headers={"content-security-policy": REPORT_POLICY})
    name = (re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "report") + FORMATS[fmt].suffixes[0]
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=MEDIA_TYPES.get(fmt, "application/octet-stream"), headers=headers)


def day_or_today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"as_of: {value!r} is not a date; give YYYY-MM-DD") from None


# Home -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyRow:
    item: ReviewItem  # the current version and its review state
    model: bool  # the model publisher's own version
    similarity: float | None  # share of the model's words kept, when a model is stored

    @property
    def link(self) -> str:
        return f"/council?name={_page_part(self.item.row.council)}&policy={_page_part(self.item.row.policy)}"


def policy_rows(request: Request, as_of: date) -> list[PolicyRow]:
    """Every council's current version of every policy, with its review state (from the reviews
    report) and its similarity to the model (from its divergence report)."""
    store = web_state(request).store
    models = {c.name for c in store.councils() if c.kind == MODEL_PUBLISHER}
    rows = []
    for item in store.reviews(as_of=as_of).items:
        model = item.row.council in models
        similarity = None if model else _similarity(request, item.row.council, item.row.policy, as_of)
        rows.append(PolicyRow(item, model, similarity))
    return sorted(rows, key=lambda r: (not r.model, r.item.row.council, r.item.row.policy))


def _similarity(request: Request, council: str, policy: str, as_of: date) -> float | None:
    try:
        report = web_state(request).store.divergence(quote_part(council), policy=policy, as_of=as_of)
    except ClausewiseError:  # no model of this policy stored: nothing to be similar to
        return None
    return report.headline.similarity


@router.get("/", response_class=HTMLResponse)
def home(request: Request, as_of: str | None = None) -> HTMLResponse:
    day = day_or_today(as_of)
    return page(request, "home.html", rows=policy_rows(request, day), as_of=day, titles=BUCKET_TITLES)


# Reviews ---------------------------------------------------------------------------------------


@router.get("/reviews", response_class=HTMLResponse)
def reviews(request: Request, as_of: str | None = None) -> HTMLResponse:
    report = web_state(request).store.reviews(as_of=day_or_today(as_of))
    buckets = [(bucket, BUCKET_TITLES[bucket], report.in_bucket(bucket)) for bucket in BUCKETS]
    return page(request, "reviews.html", report=report, buckets=buckets)


@router.get("/reviews.{fmt}")
def reviews_file(request: Request, fmt: str, as_of: str | None = None) -> Response:
    report = web_state(request).store.reviews(as_of=day_or_today(as_of))
    return download(report, fmt, f"reviews-{report.as_of.isoformat()}")


# Corpus ----------------------------------------------------------------------------------------


def _matrix(request: Request, policy: str | None) -> MatrixReport:
    return web_state(request).store.matrix(policy=policy or None)


@router.get("/corpus", response_class=HTMLResponse)
def corpus(request: Request, policy: str | None = None) -> HTMLResponse:
    report = _matrix(request, policy)
    return page(request, "corpus.html", report=report, policy=policy or "")


@router.get("/corpus/matrix.{fmt}")
def corpus_file(request: Request, fmt: str, policy: str | None = None) -> Response:
    report = _matrix(request, policy)
    if fmt == "svg":  # shown in the corpus page's <img>, not downloaded
        return Response(
            render(report, "svg"), media_type=MEDIA_TYPES["svg"], headers={"content-security-policy": REPORT_POLICY}
        )
    return download(report, fmt, "corpus-matrix")


# Signing in ------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query()] = "/") -> HTMLResponse:
    return page(request, "login.html", next=_local(next), failed=False)


@router.post("/login", response_model=None)
async def login(request: Request, token: Annotated[str, Form()] = "") -> Response:
    form = await request.form()
    check_form(request, form)
    expected = web_state(request).settings.token
    target = _local(str(form.get("next") or "/"))
    if expected is None:
        return RedirectResponse(target, status_code=303)
    if not token_matches(expected, token):
        return page(request, "login.html", status=401, next=target, failed=True)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_value(expected), httponly=True, samesite="strict", secure=_https(request)
    )
    return response


def _local(target: str) -> str:
    """Only a path on this server is a place to go after signing in (never another site)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
