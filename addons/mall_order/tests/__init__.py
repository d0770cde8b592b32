from . import test_status
from . import test_edit
from . import test_crons
from . import test_aftersale
from . import test_access
