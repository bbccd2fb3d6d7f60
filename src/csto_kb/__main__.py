"""``python -m csto_kb``: the ``csto-kb`` command line."""

import sys

from csto_kb.cli import main

if __name__ == "__main__":
    sys.exit(main())
