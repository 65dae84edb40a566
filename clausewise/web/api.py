"""The JSON API: exactly what `clausewise compare --format json` and `clausewise reviews
--format json` print, and a health check. Documented by FastAPI's OpenAPI schema at /docs."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from clausewise.align.serialize import alignment_to_dict
from clausewise.errors import BadValue
from clausewise.ingest.dates import parse_iso
from clausewise.reports import render

from .state import align_settings, web_state

router = APIRouter(prefix="/api", tags=["api"])
REVIEWS_WITHIN = 90  # days, as `clausewise reviews` leaves out reviews due later by default
ERROR = {"content": {"application/json": {"example": {"error": "left.pdf: the file is empty; ..."}}}}


def json_text(data: object) -> str:
    """JSON as the command line prints it: indented, UTF-8 as it is, a newline at the end."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@router.get("/health")
def health() -> JSONResponse:
    """`{"status": "ok"}` while the server runs (no token needed)."""
    return JSONResponse({"status": "ok"})


@router.post(
    "/compare",
    response_class=Response,
    responses={
        200: {"description": "the JSON of `clausewise compare --format json`", "content": {"application/json": {}}},
        400: {"description": "a file that cannot be read as a policy (empty, damaged, scanned)", **ERROR},
        413: {"description": "a file larger than --max-upload", **ERROR},
        415: {"description": "a file that is not a policy format (.pdf, .docx, .odt, .html, .txt, .md)", **ERROR},
    },
)
def compare(
    request: Request,
    left: Annotated[
        UploadFile | None, File(description="the first policy (.pdf, .docx, .odt, .html, .txt or .md)")
    ] = None,
    right: Annotated[UploadFile | None, File(description="the second policy")] = None,
    semantic: Annotated[str | None, Form(description="auto, none, spacy or embeddings")] = None,
) -> Response:
    """Align the clauses of two uploaded policies, as `clausewise compare LEFT RIGHT --format json`."""
    web = web_state(request)
    settings = align_settings(semantic)
    pair = web.upload_pair(left, right)
    try:
        alignment = web.compare(*pair, settings)
    finally:
        for upload in pair:
            upload.path.unlink(missing_ok=True)
    return Response(json_text(alignment_to_dict(alignment)), media_type="application/json")


@router.get(
    "/reviews",
    response_class=Response,
    responses={200: {"description": "the JSON of `clausewise reviews --format json`"}, 400: ERROR},
)
def reviews(
    request: Request,
    as_of: Annotated[str | None, Query(description="YYYY-MM-DD (default: today)")] = None,
    within: Annotated[int, Query(ge=0, description="leave out reviews due more than this many days ahead")] = (
        REVIEWS_WITHIN
    ),
    policy: Annotated[str | None, Query(description="only this policy")] = None,
) -> Response:
    """Current versions overdue for review, due soon or with no date, as `clausewise reviews --format json`."""
    report = web_state(request).store.reviews(as_of=parse_day(as_of, "as_of"), within=within, policy=policy)
    return Response(str(render(report, "json")), media_type="application/json")


def parse_day(value: str | None, name: str) -> date | None:
    """YYYY-MM-DD or nothing; anything else is a one-line `BadValue` naming the parameter."""
    if not value:
        return None
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise BadValue(f"{name}: {exc}") from None
