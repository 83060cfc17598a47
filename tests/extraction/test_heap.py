"""heap: hand freed memory back and cap malloc arenas."""

import sys

import pytest

from eventpipe.extraction.heap import limit_arenas, trim_heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
@pytest.mark.parametrize("arenas", [8])
def test_heap_limit_arenas_is_taken_by_glibc(arenas):
    assert limit_arenas(arenas) is True
    trim_heap()  # still works after the cap


@pytest.mark.parametrize("collect", [False, True])
def test_heap_trim_heap_with_or_without_collection(collect):
    trim_heap(collect=collect)  # never raises, with or without glibc
