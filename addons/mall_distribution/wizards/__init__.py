from . import mall_referral_move_wizard
