from . import deadline
from . import numbering
from . import severity
