# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Channel",
    "summary": "Mall Suite: marketplace orders in through channel adapters "
    "(Taobao/Tmall TOP, Shopify, export files), error queue, order review",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "mall_order",
        "delivery",
        "queue_job",
    ],
    "external_dependencies": {"python": ["requests", "xlrd"]},
    "data": [
        "security/ir.model.access.csv",
        "security/mall_channel_security.xml",
        "data/mall_channel_data.xml",
        "views/mall_channel_order_views.xml",
        "views/mall_channel_sku_views.xml",
        "views/mall_channel_review_rule_views.xml",
        "views/mall_channel_sync_log_views.xml",
        "views/stock_picking_views.xml",
        "views/mall_channel_stock_views.xml",
        "wizards/mall_channel_import_file_views.xml",
        "wizards/mall_channel_buyer_contact_views.xml",
        "wizards/mall_channel_sku_propose_views.xml",
        "views/mall_store_views.xml",
        "views/mall_channel_menus.xml",
    ],
    "demo": [
        "demo/mall_channel_demo.xml",
    ],
}
