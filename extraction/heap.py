"""Hand freed memory back to the operating system."""

from __future__ import annotations

import ctypes
import gc


def trim_heap() -> None:
    """Collect garbage and ask glibc to return freed heap pages to the system (elsewhere only the
    collection). Arrow's Parquet readers free what they parse on many threads, which glibc keeps
    in per-thread arenas; a long run reading thousands of files would otherwise grow by hundreds
    of MB it no longer uses."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
