from . import test_mall_base
