"""Texts as Arrow string arrays and Arrow masks as numpy, for the columnar forms of the rules and the columnar
engine (validation/columnar.py): texts joined by NUL and encoded once give an Arrow array without a conversion
text by text."""

from __future__ import annotations


def arrow_strings(values: list):
    """A list of str as an Arrow string array; None when Arrow cannot hold one (a lone surrogate)."""
    import pyarrow as pa

    if len(values) >= 16:
        enc = encoded("\x00".join(values), len(values))
        if enc is not None:
            return from_encoded(enc)
    try:
        return pa.array(values, type=pa.string())
    except (UnicodeError, ValueError, TypeError, pa.ArrowException):
        return None


def encoded(joined: str, n: int):
    """n texts joined by NUL, encoded once (in C): (UTF-8 bytes, the same as numpy uint8, where each text
    starts and ends in them); None when a text holds a NUL or a lone surrogate (or n is 0)."""
    import numpy as np

    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:
        return None
    b = np.frombuffer(data, np.uint8)
    seps = np.flatnonzero(b == 0)
    if n == 0 or len(seps) != n - 1 or len(data) - len(seps) >= 1 << 31:
        return None
    starts, ends = np.empty(n, np.int64), np.empty(n, np.int64)
    starts[0], starts[1:], ends[:-1], ends[-1] = 0, seps + 1, seps, len(data)
    return data, b, starts, ends


def from_encoded(enc):
    """The Arrow string array of encoded() texts: the bytes without the NULs and offsets from the NULs' places
    (no conversion text by text); equal to pa.array of the texts (tests/validation/test_columnar.py)."""
    import numpy as np
    import pyarrow as pa

    data, _, starts, ends = enc
    offsets = np.zeros(len(starts) + 1, np.int32)
    np.cumsum(ends - starts, out=offsets[1:])
    return pa.StringArray.from_buffers(len(starts), pa.py_buffer(offsets), pa.py_buffer(data.replace(b"\x00", b"")))


def as_mask(values):
    """An Arrow boolean array as a numpy mask (null → False)."""
    import numpy as np

    return values.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=False) if len(values) \
        else np.zeros(0, bool)
