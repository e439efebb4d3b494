"""The composition root: the core's command line plus the screens from ``ui``.

This is the only place that knows both: ``app`` never imports ``ui`` (an
import contract checks it), and ``ui.cli`` imports Qt only when a screen is
actually opened, so ``motcua doctor`` or ``motcua events`` never load Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import ui.cli
from app import cli


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, plugins=[ui.cli])


if __name__ == "__main__":
    sys.exit(main())
