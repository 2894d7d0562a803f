from . import test_profiles_pure
from . import test_bank_deadlines
from . import test_bank_notices
from . import test_bank_review
from . import test_bank_regulator
from . import test_bank_statistics
from . import test_bank_views
from . import test_bank_merge
