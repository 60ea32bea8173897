"""``python -m claimdb`` runs the ``claims`` command line."""

from .cli import main

main()
