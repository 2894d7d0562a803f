"""Back-off of scheduled actions for a record that failed (BASE-58)."""

from datetime import timedelta

FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(days=1)


def retry_delay(failures):
    """Delay before the next try after ``failures`` consecutive failures:
    5 min, 10 min, 20 min... doubling, at most one day."""
    failures = max(int(failures or 1), 1)
    delay = FIRST_RETRY * (2 ** min(failures - 1, 16))
    return min(delay, LONGEST_RETRY)
