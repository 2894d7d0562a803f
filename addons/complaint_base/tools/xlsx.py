"""A small Excel (.xlsx) writer shared by the reports and exports, no ORM.

The models prepare translated labels and plain values; this module lays them
out with ``xlsxwriter`` (an Odoo requirement): safe sheet names, a title,
label/value pairs and bordered tables with a header row.  Numbers stay
numbers, so whoever reads the workbook can sum them.

Usage::

    book = XlsxBook()
    sheet = book.sheet("Summary")
    row = book.title(sheet, "Complaint report 2025-06")
    book.table(sheet, row + 1, ["Name", "Count"], [["A", 3]], widths={0: 40})
    data = book.close()
"""

import io

import xlsxwriter

#: Excel limits a sheet name to 31 characters and forbids a few characters
SHEET_NAME_MAX = 31
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})
DEFAULT_WIDTH = 16


def sheet_name(name, used):
    """A valid sheet name for ``name``, unique among ``used`` (updated)."""
    base = (name or "Sheet").translate(_FORBIDDEN).strip()[:SHEET_NAME_MAX]
    base = base or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


class XlsxBook:
    """An in-memory workbook with the suite's formats."""

    def __init__(self):
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, {"in_memory": True})
        self._used = set()
        self.formats = {
            "title": self.book.add_format({"bold": True, "font_size": 14}),
            "head": self.book.add_format(
                {"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}
            ),
            "cell": self.book.add_format({"border": 1}),
            "total": self.book.add_format({"bold": True, "border": 1, "top": 2}),
            "label": self.book.add_format({"bold": True}),
        }

    def sheet(self, name):
        """Add a worksheet named ``name`` (made valid and unique)."""
        return self.book.add_worksheet(sheet_name(name, self._used))

    def title(self, sheet, text, row=0, subtitle=None):
        """Write a title (and a subtitle below it); the next free row."""
        sheet.write(row, 0, text, self.formats["title"])
        if subtitle:
            row += 1
            sheet.write(row, 0, subtitle)
        return row + 1

    def pairs(self, sheet, row, pairs, widths=(32, 40)):
        """Write ``(label, value)`` lines from ``row``; the next free row."""
        sheet.set_column(0, 0, widths[0])
        sheet.set_column(1, 1, widths[1])
        for label, value in pairs:
            sheet.write(row, 0, label, self.formats["label"])
            sheet.write(row, 1, "" if value is None else value)
            row += 1
        return row

    def table(self, sheet, row, headers, lines, widths=None, total=None):
        """Write a header row and ``lines`` (lists of values, ``None`` shown
        empty) from ``row``, then ``total`` if given; columns are
        ``widths.get(col, DEFAULT_WIDTH)`` wide.  Returns the first row after
        the table and one blank row."""
        widths = widths or {}
        for col, header in enumerate(headers):
            sheet.write(row, col, header, self.formats["head"])
            sheet.set_column(col, col, widths.get(col, DEFAULT_WIDTH))
        for line in list(lines) + ([total] if total else []):
            row += 1
            fmt = self.formats["total" if line is total else "cell"]
            for col, value in enumerate(line):
                sheet.write(row, col, "" if value is None else value, fmt)
        return row + 2

    def close(self):
        """Finish the workbook; its bytes."""
        self.book.close()
        return self._buffer.getvalue()
