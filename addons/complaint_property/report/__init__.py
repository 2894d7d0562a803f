from . import property_summary_report
