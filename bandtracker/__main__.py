"""`python -m bandtracker` runs the same program as the `bandtracker` command."""

import sys

from bandtracker.cli import main

sys.exit(main())
