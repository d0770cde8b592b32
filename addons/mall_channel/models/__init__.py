from . import mall_store
from . import mall_channel_sku
from . import mall_channel_review_rule
from . import mall_channel_sync_log
from . import mall_channel_order
from . import res_partner
from . import sale_order
