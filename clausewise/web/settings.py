"""How a `clausewise serve` instance is configured: one frozen object, built by the command line
(or a test) and read by every part of the web app."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"  # only this machine: a clerk's files are confidential
DEFAULT_PORT = 8765
DEFAULT_MAX_UPLOAD_MB = 20.0  # the largest corpus policy is under 1 MB; a scanned annex may be 10
# Comparisons run at once; more wait their turn. Each is CPU-bound (the aligner), so more than
# the machine's cores only adds memory and makes every one of them slower.
DEFAULT_COMPARE_SLOTS = os.cpu_count() or 2
# Comparisons of uploaded files kept (in the temporary folder) for their downloads; the oldest
# goes first. Each is two policy files, so this bounds the folder at about 2 x 32 x max upload.
KEPT_COMPARISONS = 32
TOKEN_ENV = "CLAUSEWISE_TOKEN"


@dataclass(frozen=True)
class WebSettings:
    db: str | None = None  # a path or SQLAlchemy URL; None: $CLAUSEWISE_DB, else ./clausewise.db
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None  # the shared secret every request needs; None: no sign-in
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    compare_slots: int = DEFAULT_COMPARE_SLOTS

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 2**20)

    @property
    def max_body_bytes(self) -> int:
        """A request body may carry two files and a few form fields, and no more."""
        return 2 * self.max_upload_bytes + 2**16

    @property
    def local_only(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """Whether `host` reaches only this machine ("localhost", 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False
