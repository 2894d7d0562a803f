from . import profiles
from . import statistics
from . import xlsx_export
