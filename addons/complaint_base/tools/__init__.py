from . import deadline, numbering, severity
