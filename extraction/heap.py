"""Hand freed memory back to the operating system."""

from __future__ import annotations

import ctypes
import gc


def trim_heap(collect: bool = True) -> None:
    """Collect garbage and ask glibc to return freed heap pages to the system (elsewhere only the
    collection). Arrow's Parquet readers free what they parse on many threads, which glibc keeps
    in per-thread arenas; a long run reading thousands of files would otherwise grow by hundreds
    of MB it no longer uses.

    collect=False skips the collection (a second or so with spaCy and the dictionaries loaded;
    the trim alone takes about a millisecond): after work that frees by reference counting, as
    parsing does, the trim is what gives the pages back.
    """
    if collect:
        gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)


def limit_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas for threads started from now on; True where glibc took it.

    Each thread that allocates may get its own arena (up to 8 per core) and keeps its freed
    pages there; a process whose threads come and go (Arrow's readers and writers, Prefect's
    task threads) grows by what they leave behind. A few shared arenas cost little contention
    to threads that mostly wait.
    """
    try:
        return ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas) == 1
    except (OSError, AttributeError):
        return False
