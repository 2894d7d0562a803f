"""Month cells of the statistics (issue 14), no ORM.

A period of whole local months is read from one cell per company and month
(``complaint.stats.cell``).  A cell stores the month's complaints grouped
in a few grouping sets, each row carrying the additive figures of
:func:`.stats_rollup.add_partials` (``n``, ``sum_days``, ``sum_sat``,
``transfers``); the rows of several cells, and the rows of the complaints a
reader may not read with their counts negated, add up to the figures of the
period as the reader sees them.

The set of a row is told by ``s``, PostgreSQL's ``GROUPING()`` of the
columns :data:`GROUPING_COLUMNS` (a bit is 1 when the column is not
grouped).
"""

import datetime as dt

from . import local_time
from .stats_rollup import PARTIALS, add_partials

#: the breakdown dimensions a cell carries
CELL_DIMENSIONS = ("category", "channel", "department", "employee", "severity")
#: the columns whose ``GROUPING()`` bits name a row's set
GROUPING_COLUMNS = ("k_channel", "k_department", "k_employee", "k_category", "state")
#: the sets of a cell: ``GROUPING()`` mask -> (grouped columns, dimensions)
SETS = {
    0b01111: (("k_channel", "k_severity", "cls"), ("channel", "severity")),
    0b10111: (("k_department", "cls"), ("department",)),
    0b11011: (("k_employee", "cls"), ("employee",)),
    0b11101: (("k_category", "cls"), ("category",)),
    0b11111: (("cls",), ()),
}
#: the set of the key figures' complaint classes
CLASS_SET = 0b11110
CLASS_COLUMNS = (
    "state",
    "major",
    "late",
    "resolved",
    "days",
    "followed",
    "score",
    "transferred",
    "repeat",
)
#: the set whose rows are counted per month (the trend)
MONTH_SET = 0b11111
#: the columns of a cell row and their PostgreSQL types
ROW_TYPES = (
    ("s", "int"),
    ("k_channel", "int"),
    ("k_severity", "varchar"),
    ("k_department", "int"),
    ("k_employee", "int"),
    ("k_category", "int"),
    ("cls", "int"),
    ("state", "varchar"),
    ("major", "bool"),
    ("late", "bool"),
    ("resolved", "bool"),
    ("days", "int"),
    ("followed", "bool"),
    ("score", "int"),
    ("transferred", "bool"),
    ("repeat", "bool"),
    ("n", "bigint"),
    ("sum_days", "bigint"),
    ("sum_sat", "bigint"),
    ("transfers", "bigint"),
)
ROW_COLUMNS = tuple(name for name, _type in ROW_TYPES)
#: the additive columns of a row
SUMMED = ("n", "sum_days", "sum_sat", "transfers")


def month_starts(start_utc, end_utc, tz):
    """The local first days of the months of ``[start_utc, end_utc)`` and
    the next one, when the range is whole local months of ``tz``, else
    ``None`` (such a range is counted live)."""
    tzinfo = local_time.get_tz(tz)
    first = local_time._to_local(start_utc, tzinfo)
    last = local_time._to_local(end_utc, tzinfo)
    if not (_is_month_start(first) and _is_month_start(last)) or last <= first:
        return None
    starts = [first.date()]
    while starts[-1] < last.date():
        day = starts[-1]
        starts.append(dt.date(day.year + day.month // 12, day.month % 12 + 1, 1))
    return starts


def _is_month_start(moment):
    return moment.day == 1 and moment.time() == dt.time(0)


def reduce_rows(rows, months):
    """Sum cell rows (see :data:`ROW_COLUMNS`, plus ``m``: the month's index
    in the period for the :data:`MONTH_SET` rows) into ``{"dims": {dimension:
    {key: partials}}, "months": [partials per month], "classes": [class
    rows]}``.  Groups whose count adds up to zero (all hidden from the
    reader) are left out, as a live count would not show them."""
    dims = {dim: {} for dim in CELL_DIMENSIONS}
    per_month = [dict.fromkeys(PARTIALS, 0) for _month in range(months)]
    classes = []
    for row in rows:
        if not row["n"]:
            continue
        mask = row["s"]
        if mask == CLASS_SET:
            classes.append(row)
            continue
        if mask == MONTH_SET:
            add_partials(per_month[row["m"]], row)
            continue
        for dim in SETS[mask][1]:
            parts = dims[dim].setdefault(row[f"k_{dim}"], dict.fromkeys(PARTIALS, 0))
            add_partials(parts, row)
    return {"dims": dims, "months": per_month, "classes": classes}
