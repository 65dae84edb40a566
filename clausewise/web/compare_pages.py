"""The compare page: two uploaded files or two stored versions, side by side, with the redline
(.docx, .html) and the JSON to download. Every step is the application layer's (`Store.compare`,
`Store.redline`); this module only chooses the sides and shows the result."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from clausewise.align.serialize import alignment_to_dict
from clausewise.app.sides import Side
from clausewise.errors import ClausewiseError, NotFound, NoUpload
from clausewise.reports import RedlineReport
from clausewise.store import current_versions, versions_in_order

from .api import json_text
from .pages import download, page
from .security import check_form
from .sidebyside import FILTERS, side_by_side
from .state import align_settings, web_state
from .uploads import Upload

router = APIRouter(include_in_schema=False)
REDLINE_FORMATS = ("docx", "html")


@dataclass(frozen=True)
class Choice:
    reference: str
    label: str


def stored_choices(request: Request) -> list[Choice]:
    """Every stored version, by council and policy, newest first within each."""
    choices = []
    with web_state(request).store.transaction(write=False) as session:
        for current in current_versions(session):
            try:
                versions = versions_in_order(session, current.council, current.policy)
            except ClausewiseError:
                continue
            for v in reversed(versions):
                choices.append(Choice(v.reference, f"{v.council} — {v.policy}, version {v.label} ({v.status})"))
    return choices


@router.get("/compare", response_class=HTMLResponse)
def compare_form(request: Request, left: str = "", right: str = "") -> HTMLResponse:
    if left and right:  # two stored versions, from a link
        return _result(request, left, right, None, "auto")
    return page(request, "compare.html", choices=stored_choices(request), result=None)


@router.post("/compare", response_class=HTMLResponse)
async def compare_posted(
    request: Request,
    left_file: Annotated[UploadFile | None, File()] = None,
    right_file: Annotated[UploadFile | None, File()] = None,
    left: Annotated[str, Form()] = "",
    right: Annotated[str, Form()] = "",
    semantic: Annotated[str, Form()] = "auto",
) -> HTMLResponse:
    check_form(request, await request.form())
    web = web_state(request)
    uploads: list[Upload] = []
    try:
        for file, field, reference in ((left_file, "left file", left), (right_file, "right file", right)):
            if _chosen(file) or not reference:  # a file chosen wins over a stored version picked
                uploads.append(web.upload(file, field))
    except ClausewiseError:
        for upload in uploads:
            upload.path.unlink(missing_ok=True)
        raise
    key = web.kept.keep(*uploads) if uploads else None
    stored = ("" if _chosen(left_file) else left), ("" if _chosen(right_file) else right)
    return _result(request, *stored, key, semantic)


def _chosen(file: UploadFile | None) -> bool:
    """Whether the form's file field holds a file (an empty field still sends a part)."""
    return file is not None and bool(file.filename)


def _sides(request: Request, left: str, right: str, key: str | None) -> tuple[Upload | str, Upload | str]:
    """The two sides: a stored reference where one is given, else the kept uploads in order."""
    uploads = list(web_state(request).kept.get(key) or ()) if key else []
    sides: list[Upload | str] = []
    for ref, name in ((left, "left"), (right, "right")):
        if ref:
            sides.append(ref)
        elif uploads:
            sides.append(uploads.pop(0))
        elif key:
            raise NotFound("this comparison is no longer kept on the server; upload the files again")
        else:
            raise NoUpload(name)
    return sides[0], sides[1]


def _name(side: Upload | str) -> str:
    return side.name if isinstance(side, Upload) else side


def _label(request: Request, side: Upload | str) -> str:
    """How the page names a side: the file's name, or "Spilsby Town Council, version 2026"."""
    if isinstance(side, Upload):
        return side.name
    version = web_state(request).store.version(side)
    return f"{version.council}, version {version.label}"


def _result(request: Request, left: str, right: str, key: str | None, semantic: str) -> HTMLResponse:
    sides = _sides(request, left, right, key)
    alignment = web_state(request).compare(*sides, align_settings(semantic))
    view = side_by_side(alignment, _label(request, sides[0]), _label(request, sides[1]))
    query = urlencode({k: v for k, v in (("key", key), ("left", left), ("right", right)) if v})
    warnings = alignment.left.warnings + alignment.right.warnings
    return page(request, "compare.html", result=view, query=query, filters=FILTERS, warnings=warnings, choices=[])


def _side(side: Upload | str) -> Side:
    return side.path if isinstance(side, Upload) else side


@router.get("/compare/redline.{fmt}")
def redline(request: Request, fmt: str, key: str = "", left: str = "", right: str = "") -> Response:
    """The redline from left to right: for a Word file on the right, that file with the changes
    tracked in it."""
    if fmt not in REDLINE_FORMATS:
        raise NotFound(f"the redline comes as {' or '.join(REDLINE_FORMATS)}, not {fmt}")
    old, new = _sides(request, left, right, key or None)
    web = web_state(request)
    with web.slots:
        report = web.store.redline(_side(old), _side(new))
    return download(_as_named(report, old, new), fmt, f"redline-{_name(new)}")


def _as_named(report: RedlineReport, old: Upload | str, new: Upload | str) -> RedlineReport:
    """An uploaded side named as the clerk's file, not as the server's copy of it."""
    if isinstance(old, Upload):
        report = replace(report, old_label=old.name, old_title=old.document.title or report.old_title)
    if isinstance(new, Upload):
        report = replace(report, new_label=new.name, new_title=new.document.title or report.new_title)
    return report


@router.get("/compare/changes.json")
def changes(request: Request, key: str = "", left: str = "", right: str = "") -> Response:
    """The comparison as `clausewise compare --format json` prints it."""
    sides = _sides(request, left, right, key or None)
    alignment = web_state(request).compare(*sides, align_settings(None))
    headers = {"content-disposition": 'attachment; filename="changes.json"'}
    return Response(json_text(alignment_to_dict(alignment)), media_type="application/json", headers=headers)
