"""Knowledge files: the codebook, actor dictionaries, gazetteer extract and curated lists in `data/`.

`data/README.md` gives each file's source, licence and the command that rebuilt it. The converters
beside this file (`convert_dictionaries`, `convert_gazetteer`) run at build time only: the runtime
imports `DATA_DIR` from here and never a converter.
"""

from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
