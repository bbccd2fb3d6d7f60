"""``python -m csto_kb``: the ``csto-kb`` command line."""

import sys

from csto_kb.cli import main

sys.exit(main())
