"""``python -m fakes`` (started by ``make run``) serves the demo stores'
marketplaces with the demo credentials and seeded orders."""
import os
import subprocess
import sys

from adapters.shopify import ShopifyAdapter
from adapters.top import TopAdapter
from fakes.__main__ import SHOPIFY_TOKEN, TOP_KEY, TOP_SECRET, TOP_SESSION
from odoo11compat.pytest_plugin import wait_for_port

from ..helpers import free_port

MODULE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "addons", "mall_channel")


def test_demo_marketplaces_serve_seeded_orders():
    top_port, shopify_port = free_port(), free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "fakes", "--top-port", str(top_port),
         "--shopify-port", str(shopify_port), "--every", "3600"],
        cwd=MODULE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for_port("127.0.0.1", top_port)
        wait_for_port("127.0.0.1", shopify_port)
        top = TopAdapter({
            "endpoint": "http://127.0.0.1:%d" % top_port, "app_key": TOP_KEY,
            "app_secret": TOP_SECRET, "access_token": TOP_SESSION})
        page = top.fetch_orders("2020-01-01 00:00:00")
        assert len(page.orders) == 8
        assert {line["sku"] for order in page.orders
                for line in top.normalize_order(order)["lines"]} == {
                    "MALL-DEMO-TEA", "MALL-DEMO-POT"}
        shopify = ShopifyAdapter({
            "endpoint": "http://127.0.0.1:%d" % shopify_port,
            "access_token": SHOPIFY_TOKEN, "rate_limit": 100})
        assert len(shopify.fetch_orders("2020-01-01 00:00:00").orders) == 8
    finally:
        proc.terminate()
        proc.wait(timeout=30)
