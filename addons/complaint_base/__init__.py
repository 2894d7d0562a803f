from . import tools
from . import models
from . import wizards
from . import controllers
from . import report


def uninstall_hook(env):
    """Drop what the module created outside Odoo's models: the triggers of
    the statistics cache and their function (issue 14)."""
    env["complaint.stats.dirty"]._drop_triggers()
