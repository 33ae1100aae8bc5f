"""``python -m renderer``: the same as the ``renderer`` command."""

import sys

from .cli import main

sys.exit(main())
