from . import commission
from . import res_company
from . import res_config_settings
from . import product
from . import res_partner
from . import mall_referral_move
from . import mall_commission
from . import sale_order
