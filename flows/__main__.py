"""`python -m eventpipe.flows` reaches the same CLI as the `eventpipe` script."""

from .cli import main

main()
