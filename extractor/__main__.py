"""``python -m extractor``."""

import sys

from extractor.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
