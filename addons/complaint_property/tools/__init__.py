from . import escalation
from . import kpi
from . import repair_sla
