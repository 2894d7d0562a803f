from . import test_deadline_pure
