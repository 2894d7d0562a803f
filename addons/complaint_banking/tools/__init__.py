from . import profiles
from . import half_year
from . import xlsx_export
from . import integrity
