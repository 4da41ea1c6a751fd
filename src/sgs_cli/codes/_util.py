import unicodedata


def compact(value: str) -> str:
    """NFKC (full-width → ASCII), drop spaces and hyphens, upper-case."""
    value = unicodedata.normalize("NFKC", str(value))
    return "".join(value.split()).replace("-", "").upper()
