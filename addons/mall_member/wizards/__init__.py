from . import mall_member_wizards
