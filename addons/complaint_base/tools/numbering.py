"""Complaint numbers (BASE-05): YYMM followed by a 4-digit monthly serial.

``23050001`` is the first complaint of May 2023.  The serial restarts each
month and is kept per company; beyond 9999 complaints in a month the serial
simply grows to 5 digits rather than failing.
"""


def period_key(local_date):
    """The YYMM period of a local date, e.g. date(2023, 5, 17) -> '2305'."""
    return local_date.strftime("%y%m")


def format_number(period, serial):
    """Format a complaint number from its period and serial."""
    return f"{period}{serial:04d}"
