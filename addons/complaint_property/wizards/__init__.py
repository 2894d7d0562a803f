from . import complaint_property_report_wizard
