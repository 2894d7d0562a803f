from . import deadline
from . import numbering
from . import receipt
from . import cron_retry
from . import workflow_guard
from . import severity
from . import cbirc2020
