"""Columns that real ledgers carry beyond the 790 standard: provincial extension fields (2016–2017 江苏/苏州,
武汉 and others), local item codes and the old standard's bookkeeping columns. They have no 790 target: the
header recogniser names them as known extras (not “unknown”), validation does not check them, and
``sgs convert`` keeps them (named as in the source) instead of dropping them.

Origins of the labels (see docs/header-labels.md):
* 信息使用范围, 失信严重程度, 公示日期, 处罚编码, 许可/处罚权利(权力)编码 — health-program/credit 信用办 import
  templates (tests/data/realdata/health-program-credit), udatech 苏州 SGS_XZCF column catalogue;
* 地方编码, 数据更新时间戳/数据更新时间/数据更新录入日期, 公示期限 — 2015 national layout and the 四川 tax-office
  publication pages (a public scraper's header map for 内江/乐山/成都 pages);
* 权力编码 — udatech 行政权力目录模板.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extra:
    code: str
    name: str  # the usual label (a source column keeps its own label)
    aliases: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ("license", "penalty")


EXTRAS: tuple[Extra, ...] = (
    Extra("SYFW", "信息使用范围", ("使用范围", "公开范围", "公示范围")),
    Extra("SXYZCD", "失信严重程度", ("严重程度", "失信程度"), kinds=("penalty",)),
    Extra("GSRQ", "公示日期", ("公示时间", "发布日期", "公开日期")),
    Extra("GSQX", "公示期限", ()),
    Extra("CF_BM", "处罚编码", ("处罚权利编码", "处罚权力编码", "处罚事项编码", "行政处罚编码", "权力编码",
                                 "职权编码", "事项编码"), kinds=("penalty",)),
    Extra("XK_BM", "许可编码", ("许可权利编码", "许可权力编码", "许可事项编码", "行政许可编码", "权力编码",
                                 "职权编码", "事项编码"), kinds=("license",)),
    Extra("DFBM", "地方编码", ("行政区划代码", "地区编码", "区划代码")),
    Extra("SJC", "数据更新时间戳", ("数据更新时间", "数据更新录入日期", "更新时间")),
    Extra("ZT_OLD", "当前状态", ("状态", "当权状态"), kinds=("penalty",)),  # the old penalty status: no 790 field
    Extra("CF_CFMC", "处罚名称", ("案件名称", "行政处罚名称"), kinds=("penalty",)),
    Extra("XH", "序号", ("编号",)),
    Extra("ID", "记录标识", ("XK_ID", "CF_ID", "ID", "唯一标识", "数据标识", "记录编号")),  # warehouse extracts
    Extra("QLBM", "权力编码", ("事项编码", "职权编码"), kinds=("catalog",)),  # udatech 行政权力目录模板
)


def extras_for(kind: str) -> tuple[Extra, ...]:
    return tuple(e for e in EXTRAS if kind in e.kinds)
