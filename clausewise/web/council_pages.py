"""A council's page: its history, how far it is from the model, and the two forms that write —
record a review, add a new version (uploaded, then its details checked before it is stored)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from clausewise.app.adding import ReadFile, add_read
from clausewise.errors import BadValue, ClausewiseError, NotFound
from clausewise.ingest.dates import format_date, parse_iso
from clausewise.reports import DivergenceReport
from clausewise.store import AddOptions
from clausewise.store.add import values_from_document as document_values  # what `add` takes from a document
from clausewise.store.naming import quote_part

from .pages import download, page
from .security import check_form
from .state import web_state
from .uploads import Upload

router = APIRouter(include_in_schema=False)
# The fields of the add form: (form field, what `add` calls the value, label shown).
ADD_FIELDS = (
    ("label", "version", "Version"),
    ("adopted_on", "adopted", "Adopted on (YYYY-MM-DD)"),
    ("adopted_by", "adopted by", "Adopted by"),
    ("minute_ref", "minute", "Minute reference"),
    ("review_due", "review due", "Next review due (YYYY-MM-DD)"),
)
DATE_FIELDS = frozenset({"adopted_on", "review_due"})


def council_link(name: str, policy: str | None, **extra: str) -> str:
    return "/council?" + urlencode({"name": name, **({"policy": policy} if policy else {}), **extra})


def _divergence(request: Request, name: str, policy: str | None) -> tuple[DivergenceReport | None, str]:
    """The divergence from the model, or why there is none (no model stored, say)."""
    try:
        return web_state(request).store.divergence(quote_part(name), policy=policy), ""
    except ClausewiseError as exc:
        return None, exc.message


@router.get("/council", response_class=HTMLResponse)
def council(request: Request, name: str, policy: str | None = None, done: str = "") -> HTMLResponse:
    history = web_state(request).store.history(quote_part(name), policy=policy)
    divergence, why_not = _divergence(request, history.council, history.policy)
    return page(
        request,
        "council.html",
        history=history,
        divergence=divergence,
        why_not=why_not,
        done=done,
        today=date.today().isoformat(),
        council_ref=quote_part(history.council) + ":" + quote_part(history.policy),
        policy_ref=quote_part(history.policy),
    )


@router.get("/council/{report}.{fmt}")
def council_file(request: Request, report: str, fmt: str, name: str, policy: str | None = None) -> Response:
    store = web_state(request).store
    if report == "divergence":
        return download(store.divergence(quote_part(name), policy=policy), fmt, f"{name}-divergence")
    if report == "history":
        return download(store.history(quote_part(name), policy=policy), fmt, f"{name}-history")
    raise NotFound(f"no report called {report}; a council has divergence and history")


@router.post("/council/review")
async def review(
    request: Request,
    name: Annotated[str, Form()],
    policy: Annotated[str, Form()],
    on: Annotated[str, Form()] = "",
    next_due: Annotated[str, Form()] = "",
    minute: Annotated[str, Form()] = "",
    force: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Record a review that kept the current text, as `clausewise review` does."""
    check_form(request, await request.form())
    kept = web_state(request).store.review(
        quote_part(name),
        policy=policy,
        on=_date(on, "reviewed on") or date.today(),
        next_due=_required_date(next_due, "next review due"),
        minute=minute.strip() or None,
        force=bool(force),
    )
    done = f"Review recorded: version {kept.label}, next review {_required_date(next_due, 'next review due')}."
    return RedirectResponse(council_link(name, policy, done=done), status_code=303)


def _date(value: str, field: str) -> date | None:
    if not value.strip():
        return None
    try:
        return parse_iso(value.strip())
    except ValueError as exc:
        raise BadValue(f"{field}: {exc}") from None


def _required_date(value: str, field: str) -> date:
    found = _date(value, field)
    if found is None:
        raise BadValue(f"{field}: give a date, YYYY-MM-DD")
    return found


@router.post("/council/add", response_class=HTMLResponse)
async def add_upload(
    request: Request,
    name: Annotated[str, Form()],
    policy: Annotated[str, Form()],
    file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Step one of adding: read the file and show what it says, each value editable."""
    check_form(request, await request.form())
    web = web_state(request)
    upload = web.upload(file if file is not None and file.filename else None, "file")
    key = web.kept.keep(upload)
    found = _found(upload)
    return page(request, "add.html", name=name, policy=policy, key=key, upload=upload, fields=ADD_FIELDS, found=found)


def _found(upload: Upload) -> dict[str, str]:
    """Each add field as the document gives it ("" when it does not)."""
    values = document_values(upload.document)
    shown = {}
    for field, value_name, _ in ADD_FIELDS:
        value = values[value_name]
        if isinstance(value.value, date):
            shown[field] = format_date(value.value, value.precision)
        else:
            shown[field] = str(value.value or "")
    return shown


@router.post("/council/add/confirm")
async def add_confirm(request: Request) -> RedirectResponse:
    """Step two: store the file with the values as checked. A value left as the document gave it
    is the document's (so `add` records it as from the document); an edited one is given."""
    form = await request.form()
    check_form(request, form)
    text = {key: str(value) for key, value in form.items() if isinstance(value, str)}
    name, policy = text.get("name", ""), text.get("policy", "")
    kept = web_state(request).kept.get(text.get("key", ""))
    if not kept:
        raise NotFound("this upload is no longer kept on the server; choose the file again")
    upload = kept[0]
    given = {field: _given(field, text.get(field, ""), _found(upload)[field]) for field, _, _ in ADD_FIELDS}
    options = AddOptions(policy=policy, council=name, **given)  # type: ignore[arg-type]
    read_file = ReadFile(upload.document, options, upload.path.read_bytes())
    with web_state(request).store.transaction() as session:  # one transaction, as `add` is
        result = add_read(session, [read_file], force=bool(text.get("force")))[0]
    done = f"{upload.name}: added as version {result.label}." if result.outcome == "added" else ""
    done = done or f"{upload.name} is already stored; nothing changed."
    return RedirectResponse(council_link(name, policy, done=done), status_code=303)


def _given(field: str, value: str, found: str) -> str | date | None:
    """None when the clerk left the document's value as it was; else the value they typed."""
    value = value.strip()
    if value == found or not value:
        return None
    return _date(value, field.replace("_", " ")) if field in DATE_FIELDS else value
