"""Entry point of `python -m veta.build`."""

from __future__ import annotations

import sys

from veta.build.cli import main

sys.exit(main())
