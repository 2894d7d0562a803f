"""XLSX workbook of the half-year complaint report (BANK-05), without ORM.

The model prepares translated labels and figures; this module only lays them
out with ``xlsxwriter``: a summary sheet, then one sheet per table.
"""

import io

import xlsxwriter

#: Excel limits a sheet name to 31 characters and forbids a few characters
_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_name(name, used):
    base = (name or "Sheet").translate(_FORBIDDEN).strip()[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def build_workbook(title, summary, tables):
    """Bytes of an .xlsx file.

    :param str title: title written on top of the summary sheet
    :param list summary: ``[(label, value), ...]`` rows of the summary sheet
        (its first entry names the sheet: ``("Summary", None)``)
    :param list tables: ``[{"name": sheet name, "title": str,
        "headers": [str], "rows": [[value, ...]], "total": [value, ...] or
        None}]``; numbers stay numbers, so the regulator can sum them.
    """
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    fmt_title = book.add_format({"bold": True, "font_size": 14})
    fmt_head = book.add_format(
        {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}
    )
    fmt_cell = book.add_format({"border": 1})
    fmt_total = book.add_format({"bold": True, "border": 1, "top": 2})
    fmt_label = book.add_format({"bold": True})
    used = set()

    summary = list(summary)
    sheet_title = summary[0][0] if summary and summary[0][1] is None else "Summary"
    rows = summary[1:] if summary and summary[0][1] is None else summary
    sheet = book.add_worksheet(_sheet_name(sheet_title, used))
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 1, 36)
    sheet.write(0, 0, title, fmt_title)
    for i, (label, value) in enumerate(rows, start=2):
        sheet.write(i, 0, label, fmt_label)
        sheet.write(i, 1, "" if value is None else value)

    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table["name"], used))
        headers = table["headers"]
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, max(len(headers) - 1, 1), 14)
        sheet.write(0, 0, table.get("title") or table["name"], fmt_title)
        for col, header in enumerate(headers):
            sheet.write(2, col, header, fmt_head)
        row_index = 3
        for row in table["rows"]:
            for col, value in enumerate(row):
                sheet.write(row_index, col, value, fmt_cell)
            row_index += 1
        if table.get("total"):
            for col, value in enumerate(table["total"]):
                sheet.write(row_index, col, value, fmt_total)
        sheet.freeze_panes(3, 1)
    book.close()
    return output.getvalue()
