"""``python -m motcua`` runs the launcher."""

import sys

from motcua.main import main

sys.exit(main())
