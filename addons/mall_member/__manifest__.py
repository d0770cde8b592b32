# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Member",
    "summary": "Mall Suite: member points ledger with staged release, "
    "points as payment, growth and VIP levels, RFM",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "mall_order",
        "account_invoicing",
        "portal",
    ],
    "data": [
        "security/mall_member_security.xml",
        "security/ir.model.access.csv",
        "data/mall_member_data.xml",
        "wizards/mall_member_wizard_views.xml",
        "views/mall_member_level_views.xml",
        "views/mall_points_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/mall_member_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/mall_member_demo.xml",
    ],
}
