from . import test_points
from . import test_levels
