from . import insurance_rules
from . import integrity
