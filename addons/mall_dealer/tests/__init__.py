from . import test_deposit
from . import test_statement
from . import test_writeoff
