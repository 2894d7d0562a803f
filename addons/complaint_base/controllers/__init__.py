from . import portal_rating
from . import portal_form
from . import portal
from . import sms_receipt
from . import period_report
