"""Typed validation errors; rules turn them into findings with a stable code."""


class ValidationError(ValueError):
    kind = "format"

    def __init__(self, message: str, expected: str | None = None):
        super().__init__(message)
        self.message = message
        self.expected = expected  # e.g. the correct check character


class InvalidLength(ValidationError):
    kind = "length"


class InvalidFormat(ValidationError):
    kind = "format"


class InvalidChecksum(ValidationError):
    kind = "checksum"


class InvalidComponent(ValidationError):
    """A part of the number is impossible (birth date, embedded organisation code)."""

    kind = "component"
