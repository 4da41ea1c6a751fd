"""sgs — 双公示（行政许可、行政处罚）数据校验、工作日期限与月报告工具。

Library entry points (the CLI is a thin layer over these)::

    from sgs_cli import validate_file, validate_paths
    report = validate_paths(["台账.xlsx"])
    report.to_dict()

    from sgs_cli import validate_dataframe     # pip install 'sgs-cli[dask]'
    findings = validate_dataframe(dask_dataframe, "penalty")   # lazy Dask DataFrame of findings
"""

__version__ = "0.1.0"


def __getattr__(name):  # lazy, so `sgs --help` does not import the readers
    if name in ("validate_file", "validate_paths", "ValidateOptions"):
        from sgs_cli.validation import engine as validate

        return getattr(validate, name)
    if name == "validate_dataframe":  # a Dask DataFrame in, the findings as a Dask DataFrame out (docs/scale.md)
        from sgs_cli.validation.distributed import validate_dataframe

        return validate_dataframe
    raise AttributeError(name)
