from . import test_property_tools
from . import test_property_units
from . import test_repair_dispatch
from . import test_repair_closing
from . import test_tour_property
from . import test_property_escalation
from . import test_property_settlement
from . import test_property_reporting
