from . import test_file_import
from . import test_top_import
from . import test_shopify_import
