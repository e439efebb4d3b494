"""The composition root: the core's command line, the devices and the screens.

This is the only place that knows all three: ``app`` imports neither ``ui``
nor ``devices`` (import contracts check it). Here the device factories are
handed to the core (:func:`app.ports.install_devices`), the simulated
printer's command joins the command line, and the screens come from
``ui.cli``, which imports Qt only when a screen is actually opened, so
``motcua doctor`` or ``motcua events`` never load Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import devices.printer.cli
import ui.cli
from app import cli
from app.ports import install_devices
from devices.factory import FACTORIES


def main(argv: Sequence[str] | None = None) -> int:
    install_devices(FACTORIES)
    return cli.main(argv, plugins=[ui.cli, devices.printer.cli])


if __name__ == "__main__":
    sys.exit(main())
