from . import test_deadline_pure
from . import test_lifecycle
