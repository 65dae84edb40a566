"""What every request handler shares: the settings, the store, the upload folder, the kept
uploads and the comparison slots; and the few steps API and pages both take."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace

from fastapi import Request, UploadFile

from clausewise.align import DEFAULT_SETTINGS, SEMANTIC_CHOICES, Alignment, AlignSettings
from clausewise.align.embeddings import fallback_notice
from clausewise.app import Store
from clausewise.errors import BadValue

from .settings import WebSettings
from .uploads import KeptUploads, Upload, UploadFolder

log = logging.getLogger("clausewise.web")


@dataclass
class WebState:
    settings: WebSettings
    store: Store
    folder: UploadFolder = field(default_factory=UploadFolder)
    kept: KeptUploads = field(default_factory=KeptUploads)
    slots: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        self.slots = threading.BoundedSemaphore(self.settings.compare_slots)

    def upload(self, file: UploadFile | None, field_name: str) -> Upload:
        """One uploaded file saved and read (`NoUpload` when the field is empty)."""
        stream = file.file if file is not None else None
        name = file.filename if file is not None else None
        return self.folder.read(stream, name, self.settings.max_upload_bytes, field_name)

    def upload_pair(self, left: UploadFile | None, right: UploadFile | None) -> tuple[Upload, Upload]:
        first = self.upload(left, "left")
        try:
            return first, self.upload(right, "right")
        except Exception:
            first.path.unlink(missing_ok=True)
            raise

    def compare(self, left: Upload | str, right: Upload | str, settings: AlignSettings) -> Alignment:
        """Two sides (uploads, or stored references) aligned by the application layer, when
        a comparison slot is free."""
        with self.slots:
            return self.store.compare(
                left.document if isinstance(left, Upload) else left,
                right.document if isinstance(right, Upload) else right,
                settings=settings,
            )


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def align_settings(semantic: str | None) -> AlignSettings:
    """The aligner's settings for a `semantic` choice, as `clausewise compare --semantic` makes them."""
    chosen = semantic or DEFAULT_SETTINGS.semantic
    if chosen not in SEMANTIC_CHOICES:
        raise BadValue(f"semantic: {chosen!r} is not one of {', '.join(SEMANTIC_CHOICES)}")
    settings = replace(DEFAULT_SETTINGS, semantic=chosen)
    notice = fallback_notice(settings)
    if notice:
        log.info(notice)
    return settings
