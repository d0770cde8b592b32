# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Dealer",
    "summary": "Mall Suite: dealers, franchise onboarding, pre-deposit "
    "ledger, credit limits, monthly statements posted to accounting, "
    "period close",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "mall_distribution",
        "portal",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/mall_dealer_security.xml",
        "security/ir.model.access.csv",
        "wizards/mall_deposit_topup_views.xml",
        "views/mall_dealer_deposit_views.xml",
        "wizards/mall_dealer_statement_pay_views.xml",
        "views/mall_dealer_statement_views.xml",
        "views/mall_dealer_writeoff_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/mall_dealer_menus.xml",
        "views/portal_templates.xml",
        "views/report_statement.xml",
    ],
    "demo": [
        "demo/mall_dealer_demo.xml",
    ],
}
