"""`sgs reconcile --catalog`: the month's decisions (monthly.build) against the catalogues given apart from the
ledgers (reports/catalog_match.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sgs_cli.reports.catalog_match import CatalogReport


def reconcile(ym: tuple[int, int], paths: list, catalogues: list, *, today=None) -> CatalogReport:
    """`sgs reconcile --catalog`: the decisions of month `ym` in `paths` against the catalogues in `catalogues`
    (files or folders; validated once together with the ledgers)."""
    from sgs_cli.calendar.workdays import WorkCalendar
    from sgs_cli.errors import InputError
    from sgs_cli.io.reading import find_inputs
    from sgs_cli.reports import monthly
    from sgs_cli.validation.engine import ValidateOptions, validate_paths

    cat_files = find_inputs([str(p) for p in catalogues])
    ledgers = find_inputs([str(p) for p in paths]) if paths else []
    seen = {p.resolve() for p in cat_files}
    files = [str(p) for p in cat_files] + [str(p) for p in ledgers if p.resolve() not in seen]
    today = today or dt.date.today()
    opts = ValidateOptions(today=today, keep_records=True, calendar=WorkCalendar.load(None))
    result = validate_paths(files, opts)
    cat_set = {str(p) for p in cat_files}
    in_catalogue = [fr for fr in result.files if fr.path in cat_set]
    no_catalogue = InputError("--catalog 给出的文件中没有事项目录：" + "、".join(Path(p).name for p in cat_set),
                              "请给出773号附件1“行政许可和行政处罚事项目录”（表头含 行政职权类别、项目名称、设定依据）")
    if not any(sr.kind == "catalog" for fr in in_catalogue if not fr.error for sr in fr.sheets):
        raise no_catalogue
    rep = monthly.build(ym, files, today=today, validated=result)
    if not isinstance(rep.catalog, CatalogReport):  # None only when no catalogue was read (checked above)
        raise no_catalogue
    return rep.catalog
