import unicodedata
from functools import cache


def compact(value: str) -> str:
    """NFKC (full-width → ASCII), drop spaces and hyphens, upper-case."""
    value = unicodedata.normalize("NFKC", str(value))
    return "".join(value.split()).replace("-", "").upper()


# what compact() removes from an ASCII text: str.split()'s ASCII white space (\x1c-\x1f included) and "-"
_ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_ASCII_DROPPED = r"[\t-\r\x1c-\x1f -]"


def valid_mask(values, width: int, check, scalar):
    """``scalar`` (a module's is_valid) over many values at once, as a numpy bool array.

    The values (a sequence of str, a numpy array, a pandas Series or an Arrow array of strings; None is not
    valid) are compacted as compact() does; those whose compact form is ASCII and ``width`` characters long
    are judged together by ``check`` on a (width, k) uint8 array: row i holds the i-th bytes of the k
    codes. A non-ASCII value goes to ``scalar`` (NFKC and Unicode digits decide it); values Arrow cannot
    hold as strings (numbers, lone surrogates) all go to ``scalar``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        arr = values.cast(pa.large_string()) if isinstance(values, pa.Array) else pa.array(values, pa.large_string())
    except (pa.ArrowException, TypeError, ValueError, UnicodeError):
        return np.fromiter(map(scalar, values), bool, len(values))
    out = np.zeros(len(arr), bool)
    if not len(arr):
        return out
    # which bytes occur decides which of compact()'s steps an ASCII value may need (usually none)
    seen = np.bincount(_bytes(arr), minlength=256).astype(bool)
    if seen[[ord(c) for c in _ASCII_SPACE]].any():
        arr_c = pc.replace_substring_regex(arr, _ASCII_DROPPED, "")
    elif seen[ord("-")]:
        arr_c = pc.replace_substring(arr, "-", "")
    else:
        arr_c = arr
    if seen[ord("a"):ord("z") + 1].any():
        arr_c = pc.ascii_upper(arr_c)
    fit = pc.equal(pc.binary_length(arr_c), width)
    non_ascii = None
    if seen[128:].any():
        ascii_ = pc.fill_null(pc.string_is_ascii(arr), False)
        fit = pc.and_(fit, ascii_)
        non_ascii = pc.and_(pc.invert(ascii_), pc.is_valid(arr))
    fit = pc.fill_null(fit, False)
    sub = arr_c.filter(fit)
    if len(sub):
        out[np.flatnonzero(fit.to_numpy(zero_copy_only=False))] = check(_bytes(sub).reshape(len(sub), width).T.copy())
    if non_ascii is not None and pc.any(non_ascii).as_py():  # compact's NFKC decides these
        where = np.flatnonzero(non_ascii.to_numpy(zero_copy_only=False))
        out[where] = [scalar(v) for v in arr.filter(non_ascii).to_pylist()]
    return out


def _bytes(arr):
    """The UTF-8 bytes of an Arrow large_string array's values, end to end, as a numpy uint8 array."""
    import numpy as np

    _, offsets, data = arr.buffers()
    bounds = np.frombuffer(offsets, np.int64, len(arr) + 1, arr.offset * 8)
    start, end = int(bounds[0]), int(bounds[-1])
    if data is None or end == start:
        return np.zeros(0, np.uint8)
    return np.frombuffer(data, np.uint8, end - start, start)


def lookup(pairs, default: int = 255):
    """A 256-entry numpy table from byte values to small numbers (``default`` elsewhere)."""
    import numpy as np

    table = np.full(256, default, np.uint8)
    for c, v in pairs:
        table[ord(c)] = v
    return table



@cache
def digits():
    """The lookup table of the ASCII digits (255 elsewhere)."""
    return lookup((str(i), i) for i in range(10))
