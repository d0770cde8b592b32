from . import test_mall_base
from . import test_store
from . import test_roles
from . import test_regions
from . import test_auditlog
