"""`python -m eventpipe.flows` reaches the same CLI as the `eventpipe` script."""

# Absolute import: `python -m flows` from a clone must still load everything as eventpipe.flows.*,
# or tasks pickled for Dask name a module (flows.pipeline) the workers import as a second copy.
from eventpipe.flows.cli import main

if __name__ == "__main__":  # spawned Dask/multiprocessing children import this module: they must not run the CLI
    main()
