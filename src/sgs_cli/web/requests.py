"""The request class of the application: a multipart form whose part headers are not UTF-8 (a file name
in GBK sent by an old client or a script) is answered with what is wrong with it, instead of an empty
form that would be refused as an expired one (browsers always send UTF-8 names)."""

from __future__ import annotations

from flask import Request
from werkzeug.formparser import FormDataParser


class UndecodableUpload(Exception):
    """The multipart form has a header (a file name) that is not UTF-8."""


class _Parser(FormDataParser):
    def _parse_multipart(self, stream, mimetype, content_length, options):
        try:
            return super()._parse_multipart(stream, mimetype, content_length, options)
        except UnicodeDecodeError:
            raise UndecodableUpload() from None


class SgsRequest(Request):
    form_data_parser_class = _Parser


MESSAGE = ("上传的文件名不是 UTF-8 编码，服务器无法识别（常见于旧版程序或脚本上传）。"
           "请在浏览器中从本页面重新选择文件上传；如仍不行，请把文件改为简短的中文或英文名后再上传。")
