from . import tools
from . import models
from . import wizards
from . import controllers
from . import report
