from . import mall_channel_import_file
from . import mall_channel_buyer_contact
from . import mall_channel_sku_propose
