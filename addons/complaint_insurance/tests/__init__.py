from . import test_insurance_rules
from . import test_ins_catalogue_routing
from . import test_ins_regulator
from . import test_ins_handling
from . import test_ins_clock
from . import test_ins_integrity
from . import test_ins_privacy
from . import test_ins_acceptance_notice
