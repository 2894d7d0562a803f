from . import complaint_transfer_wizard
from . import complaint_invalid_wizard
from . import complaint_followup_wizard
from . import complaint_sla_pause_wizard
from . import complaint_report_wizard
from . import complaint_bulk_action
from . import complaint_merge_withdraw_wizard
from . import sms_composer
