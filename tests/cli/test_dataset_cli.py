"""`sgs validate` on datasets through the CLI (issue 19): Parquet part files with typed columns, the
`--dask` options and their refusals, damaged parts, which folders are datasets, and a fast `sgs --help`."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import subprocess
import sys

import pytest
from test_cli_validate import BAD_ID, CODES, HEADERS, ORG, PERSON, col, run

TODAY = "2019-11-08"


def _write_parquet(path, records):
    """A part file as a database exports it: dates as date32, amounts as float64, the rest text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = {}
    for code, name in zip(CODES, HEADERS):
        values = [r.get(code) for r in records]
        if any(isinstance(v, dt.date) for v in values):
            cols[name] = pa.array(values, pa.date32())
        elif any(isinstance(v, float) for v in values):
            cols[name] = pa.array(values, pa.float64())
        else:
            cols[name] = pa.array([None if v is None else str(v) for v in values], pa.string())
    pq.write_table(pa.table(cols), path)


@pytest.fixture
def dataset(tmp_path):
    folder = tmp_path / "全省处罚数据"
    folder.mkdir()
    _write_parquet(folder / "part-00000.parquet", [ORG, PERSON])
    _write_parquet(folder / "part-00001.parquet", [dict(PERSON, CF_XDR_ZJHM=BAD_ID, CF_WSH="中市监罚〔2019〕301号"), ORG])
    return folder


def test_parquet_dataset_findings_name_the_part_file_and_the_row_within_it(dataset):
    r = run("validate", dataset, "--today", TODAY, "--format", "json")
    assert r.exit_code == 1, r.output
    doc = json.loads(r.output)
    [fr] = doc["files"]
    assert [(s["sheet"], s["rows"], s["header_row"]) for s in fr["sheets"]] == [
        ("part-00000.parquet", 2, 1), ("part-00001.parquet", 2, 1)]
    first, second = fr["sheets"]
    assert first["findings"] == []  # typed dates and amounts are read as a workbook's date and number cells
    found = {(f["code"], f["cell"]): f for f in second["findings"]}
    assert set(found) == {("IDCARD_CHECKSUM", f"{col('CF_XDR_ZJHM')}2"), ("DUPLICATE_RECORD", f"{col('CF_WSH')}3")}
    assert found[("DUPLICATE_RECORD", f"{col('CF_WSH')}3")]["message"] == \
        "与“part-00000.parquet”第2行重复（决定书文号、相对人相同）"
    assert found[("IDCARD_CHECKSUM", f"{col('CF_XDR_ZJHM')}2")]["value"] == BAD_ID[:6] + "********" + BAD_ID[-4:]


def test_terminal_output_of_a_dataset(dataset):
    r = run("validate", dataset, "--today", TODAY)
    assert r.exit_code == 1
    assert "全省处罚数据 › part-00001.parquet" in r.output
    assert f"part-00001.parquet!{col('CF_WSH')}3" in r.output


@pytest.fixture(scope="module")
def scheduler():
    """An in-process local cluster of 2 workers the CLI connects to with --scheduler."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as lc:
        yield lc.scheduler_address


def test_dask_option_writes_findings_and_prints_the_summary(dataset, scheduler, tmp_path):
    import pandas as pd

    out = tmp_path / "问题清单"
    r = run("validate", dataset, "--dask", "--scheduler", scheduler, "--findings-out", out, "--today", TODAY)
    assert r.exit_code == 1, r.output
    assert "共 4 行数据：2 个错误，0 个警告" in r.output
    assert "错误 DUPLICATE_RECORD：1 条" in r.output
    assert f"part-00001.parquet!{col('CF_WSH')}3「行政处罚决定书文号」 与“part-00000.parquet”第2行重复" in r.output
    assert f"全部问题已写入：{out}" in r.output
    found = pd.read_parquet(out).sort_values(["part", "row"])
    assert found[["part", "cell", "code"]].values.tolist() == [
        ["part-00001.parquet", f"{col('CF_XDR_ZJHM')}2", "IDCARD_CHECKSUM"],
        ["part-00001.parquet", f"{col('CF_WSH')}3", "DUPLICATE_RECORD"]]
    # the same folder again: refused without --force, replaced with it; JSON summary
    again = run("validate", dataset, "--dask", "--scheduler", scheduler, "--findings-out", out, "--today", TODAY)
    assert again.exit_code == 2 and "输出文件夹已存在" in again.output
    doc = run("validate", dataset, "--dask", "--scheduler", scheduler, "--findings-out", out, "--today", TODAY,
              "--force", "--format", "json")
    assert doc.exit_code == 1
    summary = json.loads(doc.output)
    assert (summary["rows"], summary["errors"], summary["parts"], summary["workers"]) == (4, 2, 2, 2)
    assert [f["cell"] for f in summary["first_findings"]] == [f"{col('CF_XDR_ZJHM')}2", f"{col('CF_WSH')}3"]


@pytest.mark.parametrize("extra, message", [
    ([], "--dask 需要 --findings-out 文件夹"),
    (["--findings-out", "x", "--report", "r.xlsx"], "--report 不能与 --dask 一起使用"),
    (["--findings-out", "x", "--format", "csv"], "--dask 不支持 --format csv"),
])
def test_dask_usage_errors(dataset, extra, message):
    r = run("validate", dataset, "--dask", *extra)
    assert r.exit_code == 2
    assert message in r.output


def test_findings_out_inside_the_dataset_is_refused(dataset):
    r = run("validate", dataset, "--dask", "--findings-out", dataset / "问题清单")
    assert r.exit_code == 2 and "--findings-out 不能放在数据集文件夹" in r.output
    assert not (dataset / "问题清单").exists()


def test_dask_refuses_a_workbook_and_a_scheduler_that_is_not_there(tmp_path, dataset, monkeypatch):
    import distributed
    from test_cli_validate import write_penalty

    # the real Client and its refused connection, given up after 0.5 s instead of the product's 10 s
    real_client = distributed.Client
    monkeypatch.setattr(distributed, "Client", lambda *a, timeout=None, **kw: real_client(*a, timeout="0.5s", **kw))
    book = tmp_path / "台账.xlsx"
    write_penalty(book, [ORG])
    r = run("validate", book, "--dask", "--findings-out", tmp_path / "out")
    assert r.exit_code == 2 and "--dask 只能校验 Parquet 或 CSV 数据集" in r.output
    r = run("validate", dataset, "--dask", "--scheduler", "tcp://127.0.0.1:9", "--findings-out", tmp_path / "out")
    assert r.exit_code == 2 and "无法连接 Dask 调度器“tcp://127.0.0.1:9”" in r.output
    assert not (tmp_path / "out").exists()


def test_dask_not_installed_says_how_to_install(dataset, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    r = run("validate", dataset, "--dask", "--findings-out", tmp_path / "out")
    assert r.exit_code == 2
    assert "pip install 'sgs-cli[dask]'" in r.output


def test_damaged_part_is_exit_3_with_a_chinese_message(dataset):
    (dataset / "part-00001.parquet").write_bytes(b"PAR1 not really")
    r = run("validate", dataset, "--today", TODAY)
    assert r.exit_code == 3
    assert "数据集文件“part-00001.parquet”不是有效的 Parquet 文件" in r.output
    assert "Traceback" not in r.output


def _csv(path, records):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for rec in records:
            w.writerow(["" if rec.get(c) is None else
                        (rec[c].strftime("%Y/%m/%d") if isinstance(rec.get(c), dt.date) else str(rec[c]))
                        for c in CODES])


def test_which_folders_are_datasets(tmp_path):
    depts = tmp_path / "各部门"
    depts.mkdir()
    _csv(depts / "市场监管局.csv", [ORG])
    _csv(depts / "城管局.csv", [ORG])
    doc = json.loads(run("validate", depts, "--today", TODAY, "--format", "json").output)
    assert [p["path"].rsplit("/", 1)[-1] for p in doc["files"]] == ["城管局.csv", "市场监管局.csv"]
    assert doc["files"][0]["sheets"][0]["findings"][0]["code"] == "DUPLICATE_ACROSS_FILES"  # as before
    export = tmp_path / "导出"
    export.mkdir()
    _csv(export / "part-00000.csv", [ORG, PERSON])
    _csv(export / "part-00001.csv", [ORG])
    doc = json.loads(run("validate", export, "--today", TODAY, "--format", "json").output)
    [fr] = doc["files"]
    assert [s["sheet"] for s in fr["sheets"]] == ["part-00000.csv", "part-00001.csv"]
    [dup] = fr["sheets"][1]["findings"]
    assert (dup["code"], dup["cell"], dup["message"]) == (
        "DUPLICATE_RECORD", f"{col('CF_WSH')}2", "与“part-00000.csv”第2行重复（决定书文号、相对人相同）")


def test_help_does_not_import_dask():
    code = ("import sys; from sgs_cli.cli.app import app; "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pyarrow', 'pandas')]")
    subprocess.run([sys.executable, "-c", code], check=True)
    r = run("validate", "--help")
    assert "示例：sgs validate 全省处罚数据/ --dask --findings-out 问题清单/" in r.output


def test_dask_over_csv_part_files(tmp_path, scheduler):
    export = tmp_path / "导出"
    export.mkdir()
    _csv(export / "part-00000.csv", [ORG, PERSON])
    _csv(export / "part-00001.csv", [ORG])
    single = json.loads(run("validate", export, "--today", TODAY, "--format", "json").output)
    r = run("validate", export, "--dask", "--scheduler", scheduler, "--findings-out", tmp_path / "out",
            "--today", TODAY, "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert (doc["rows"], doc["parts"], doc["errors"]) == (3, 2, single["summary"]["errors"])
    [f] = doc["first_findings"]
    assert (f["part"], f["cell"], f["message"]) == (
        "part-00001.csv", f"{col('CF_WSH')}2", "与“part-00000.csv”第2行重复（决定书文号、相对人相同）")


def test_parquet_parts_are_streamed_in_bounded_batches(tmp_path):
    from sgs_cli.io.dataset import BATCH_ROWS, open_dataset

    folder = tmp_path / "大数据"
    folder.mkdir()
    _write_parquet(folder / "part-00000.parquet", [ORG] * (2 * BATCH_ROWS + 5))
    [sheet] = open_dataset(folder).sheets()
    sizes = [len(b) for b in sheet.batches()]
    assert sizes == [1 + BATCH_ROWS, BATCH_ROWS, 5]  # the column names (row 1) ride with the first batch
    assert sheet.head[0] == HEADERS


@pytest.mark.parametrize("option", ["--report", "--split"])
def test_receipt_and_split_are_for_ledgers_not_datasets(dataset, tmp_path, option):
    r = run("validate", dataset, option, tmp_path / "out.xlsx")
    assert r.exit_code == 2
    assert "--report 和 --split 用于 Excel / CSV 台账，不用于 Parquet 或分片数据集" in r.output
    assert not (tmp_path / "out.xlsx").exists()
