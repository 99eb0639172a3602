import json
import logging
import sys

from config.logging import JsonFormatter


def _record(**extra) -> logging.LogRecord:
    record = logging.LogRecord("tthc.test", logging.ERROR, __file__, 1, "lỗi %s", ("nhập",), None)
    record.__dict__.update(extra)
    return record


def test_json_formatter_writes_the_interpolated_message():
    assert json.loads(JsonFormatter().format(_record()))["message"] == "lỗi nhập"


def test_json_formatter_keeps_extra_fields():
    assert json.loads(JsonFormatter().format(_record(status_code=503)))["status_code"] == 503


def test_json_formatter_includes_the_traceback():
    try:
        raise ValueError("hỏng")
    except ValueError:
        record = logging.LogRecord("tthc.test", logging.ERROR, __file__, 1, "x", (), exc_info=sys.exc_info())

    assert "ValueError: hỏng" in json.loads(JsonFormatter().format(record))["exception"]
