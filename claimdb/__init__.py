"""claimdb: who said what in the news, who disputes it, and where. Never imports spaCy at import time."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
