from . import complaint_regulator_report_wizard
