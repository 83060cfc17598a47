"""Other taggers run beside eventpipe in the benches (bench only, never a runtime dependency)."""
