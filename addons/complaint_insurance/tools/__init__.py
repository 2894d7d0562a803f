from . import insurance_rules
