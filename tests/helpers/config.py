"""A configuration with some options changed, for one test (the shipped one is frozen)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def override(config: M, section: str = "", **changes: Any) -> M:
    """``config`` with ``changes`` made in ``section`` (dotted: ``"devices.camera"``).

    ``override(cfg, "kiosk", id="k2")`` is the configuration a hall would get
    from ``[kiosk] id = "k2"``; the rest is untouched. An unknown section is
    an AttributeError naming it.
    """
    if not section:
        return config.model_copy(update=changes)
    head, _, rest = section.partition(".")
    part = getattr(config, head)
    return config.model_copy(update={head: override(part, rest, **changes)})
