from . import mall_deposit_topup
from . import mall_dealer_statement_pay
