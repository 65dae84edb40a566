"""`clausewise update`: what a new model version means for a council's policy.

Three sides, each a file or a stored version: the council's policy (local), the model version it
was adapted from (base) and the new model version (new). With stored versions, the base defaults
to the model version the council's version follows (its recorded or detected lineage) and the new
one to the model's current version.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, AlignSettings
from clausewise.align.normalise import load_profile
from clausewise.align.update import plan_update
from clausewise.errors import BadValue
from clausewise.reports import UpdateReport, build_update
from clausewise.store import MODEL_PUBLISHER

from .comparing import compare_loaded, run_provenance
from .lineage import lineage
from .reports import MODEL, with_policy
from .sides import Loaded, Side, describe_side, load_side


def update_report(
    session: Session | None,
    local: Side,
    *,
    base: Side | None = None,
    new: Side | None = None,
    as_of: date,
    author: str | None = None,
    profile: str = "default",
    settings: AlignSettings = DEFAULT_SETTINGS,
    base_note: str | None = None,
) -> UpdateReport:
    """The update paper for `local`, from the model version `base` to `new`; `base_note` says
    how the base was chosen when the caller assumed it."""
    local_side = load_side(session, local)
    base_side = load_side(session, base if base is not None else _lineage(session, local_side, settings))
    new_side = load_side(session, new if new is not None else _current_model(local_side))
    model = compare_loaded(session, base_side, new_side, profile=profile, settings=settings)
    adapted = compare_loaded(session, base_side, local_side, profile=profile, settings=settings)
    update = plan_update(
        model.left, adapted.right, model.right, model=model, adapted=adapted, profile=load_profile(profile)
    )
    council = local_side.version.council if local_side.version else local_side.document.council or "the council"
    return build_update(
        update,
        council=council,
        as_of=as_of,
        provenance=run_provenance(profile, settings),
        local_label=describe_side(local_side),
        base_label=_model_label(base_side) + (f" ({base_note})" if base_note else ""),
        new_label=_model_label(new_side),
        author=author,
    )


def _model_label(side: Loaded) -> str:
    """ "the model's version 3" for a stored model version; a file by its name."""
    if side.version is not None and side.version.council_kind == MODEL_PUBLISHER:
        return f"the model's version {side.version.label}"
    return describe_side(side)


def _lineage(session: Session | None, local: Loaded, settings: AlignSettings) -> str:
    """The model version the council's stored version follows (given or detected), as a reference."""
    if local.version is None or session is None:
        raise BadValue("which model version was this policy adapted from? give --base (a file or model@VERSION)")
    found = lineage(session, local.version, settings=settings)
    if found.base is None:
        raise BadValue(
            f"{local.version.reference}: which model version it follows is not known ({found.reason}); "
            "give --base model@VERSION"
        )
    return found.base.reference


def _current_model(local: Loaded) -> str:
    if local.version is None:
        raise BadValue("which is the new model version? give --new (a file or model@VERSION)")
    return with_policy(MODEL, local.version.policy)
