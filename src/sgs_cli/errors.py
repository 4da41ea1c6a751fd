"""User-facing errors, each mapped to an exit code of the command contract (docs/contract.md)."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, EXIT_CALENDAR = 0, 1, 2, 3, 4


class SgsError(Exception):
    exit_code = EXIT_INPUT

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self):
        # crosses process boundaries (the contained reader, worker processes) with every field: rebuilt
        # without calling __init__, whose arguments differ by subclass (CalendarDataMissing(year, covered))
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[SgsError], args: tuple, fields: dict) -> SgsError:
    """An SgsError of class ``cls`` with its args and fields, as pickled by SgsError.__reduce__."""
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(fields)
    return err


class InputError(SgsError):
    """The input cannot be read or is not a recognisable sheet (exit 3)."""

    exit_code = EXIT_INPUT


class UsageError(SgsError):
    exit_code = EXIT_USAGE


class OutputError(SgsError):
    """An output cannot be written (e.g. it would overwrite an input)."""

    exit_code = EXIT_USAGE
