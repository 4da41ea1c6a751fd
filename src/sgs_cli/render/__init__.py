"""Renderers: terminal table (terminal.py), JSON (json_out.py), Excel error receipt (receipt.py),
monthly report workbook (monthly.py)."""
