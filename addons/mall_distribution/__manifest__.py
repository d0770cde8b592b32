# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Distribution",
    "summary": "Mall Suite: three-tier distribution (三级分销): referral "
    "tree, commissions from order events, HQ sales rebate",
    "version": "11.0.1.1.0",
    "category": "Sales",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "mall_order",
        "account_invoicing",
        "portal",
        "auth_signup",
    ],
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "security/ir.model.access.csv",
        "security/mall_distribution_security.xml",
        "data/mall_distribution_data.xml",
        "wizards/mall_referral_move_views.xml",
        "views/mall_commission_views.xml",
        "views/mall_commission_settlement_views.xml",
        "views/mall_referral_report_views.xml",
        "views/res_partner_views.xml",
        "views/product_views.xml",
        "views/res_config_settings_views.xml",
        "views/mall_distribution_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/mall_distribution_demo.xml",
    ],
}
