# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Base",
    "summary": "Mall Suite: the app menu (商城 / Mall) and its settings page",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["sale_management", "stock", "account_invoicing", "portal"],
    "data": [
        "views/mall_menus.xml",
        "views/res_config_settings_views.xml",
    ],
}
