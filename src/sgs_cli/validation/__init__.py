"""Validation: the engine, the runner, the worker processes (a light package: the command line imports
quiet_gc from here at start)."""

#: the cyclic garbage collector's first threshold in sgs's own processes (the command line and its workers; a
#: library caller's interpreter is left alone): validating allocates millions of short-lived, acyclic objects, and
#: at Python's 700 a collection ran every few rows — 6–11 µs per row of CPU that landed on whichever rule family
#: allocated at the moment (bench/families.py, 2026-12-08; 100k rows 75.6/79.1 → 71.6/72.0 µs per row)
GC_THRESHOLD = (100_000, 50, 50)


def quiet_gc() -> None:
    """Collect cyclic garbage less often (GC_THRESHOLD): for sgs's own processes only."""
    import gc

    gc.set_threshold(*GC_THRESHOLD)
