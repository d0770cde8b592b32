from . import mall_routing_simulator
from . import mall_routing_dry_run
