"""XLSX workbook of the half-year complaint report (BANK-05), without ORM.

The model prepares translated labels and figures; this module only lays them
out with ``xlsxwriter``: a summary sheet, then one sheet per table.
"""

from odoo.addons.complaint_base.tools.xlsx import XlsxBook


def build_workbook(title, summary, tables):
    """Bytes of an .xlsx file (laid out with complaint_base's ``XlsxBook``).

    :param str title: title written on top of the summary sheet
    :param list summary: ``[(label, value), ...]`` rows of the summary sheet
        (its first entry names the sheet: ``("Summary", None)``)
    :param list tables: ``[{"name": sheet name, "title": str,
        "headers": [str], "rows": [[value, ...]], "total": [value, ...] or
        None}]``; numbers stay numbers, so the regulator can sum them.
    """
    book = XlsxBook()
    summary = list(summary)
    named = bool(summary) and summary[0][1] is None
    sheet = book.sheet(summary[0][0] if named else "Summary")
    book.title(sheet, title)
    book.pairs(sheet, 2, summary[1:] if named else summary, widths=(42, 36))
    for table in tables:
        sheet = book.sheet(table["name"])
        book.title(sheet, table.get("title") or table["name"])
        headers = table["headers"]
        widths = {0: 36, **{col: 14 for col in range(1, len(headers))}}
        book.table(
            sheet, 2, headers, table["rows"], widths=widths, total=table.get("total")
        )
        sheet.freeze_panes(3, 1)
    return book.close()
