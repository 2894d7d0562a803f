from . import complaint_insurance_branch
from . import complaint_category
from . import complaint_complaint
from . import complaint_comfort_fund_request
from . import complaint_liability_dispute
from . import complaint_extension
