from . import mall_deposit_topup
