"""`python -m sgs_cli …` runs the same command line as `sgs …`."""

from sgs_cli.cli.app import run

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess in the tests
    run()
