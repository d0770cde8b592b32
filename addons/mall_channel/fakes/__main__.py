# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run the demo marketplaces: a fake Tmall (TOP) shop and a fake Shopify
shop on fixed local ports, seeded with orders of the demo products, and a
new order every ``--every`` seconds so that a new user sees orders arrive.

    cd addons/mall_channel && python -m fakes [--top-port 18701]
        [--shopify-port 18702] [--every 60]

The credentials match the demo stores of mall_channel (demo data)."""
import argparse
import itertools
import signal
import sys
import threading

from .shopify import FakeShopifyServer
from .top import FakeTopServer

DEMO_SKUS = ("MALL-DEMO-TEA", "MALL-DEMO-POT")
TOP_KEY, TOP_SECRET, TOP_SESSION = "demo-app-key", "demo-app-secret", \
    "demo-session"
SHOPIFY_TOKEN = "shpat_demo_token"
PROVINCES = [("浙江省", "杭州市", "西湖区"), ("北京市", "北京市", "朝阳区"),
             ("广东省", "广州市", "天河区"), ("四川省", "成都市", "锦江区")]


def add_demo_orders(top, shopify, count, counter):
    for _ in range(count):
        number = next(counter)
        state, city, district = PROVINCES[number % len(PROVINCES)]
        sku = DEMO_SKUS[number % 2]
        top.add_order(skus=[(sku, 1 + number % 2, "268.00")], state=state,
                      city=city, district=district,
                      buyer_message="请周末送货" if number % 7 == 0 else "")
        shopify.add_order(skus=[(sku, 1, "268.00")])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--top-port", type=int, default=18701)
    parser.add_argument("--shopify-port", type=int, default=18702)
    parser.add_argument("--every", type=float, default=60.0)
    args = parser.parse_args(argv)
    top = FakeTopServer(TOP_KEY, TOP_SECRET, TOP_SESSION,
                        port=args.top_port).start()
    shopify = FakeShopifyServer(SHOPIFY_TOKEN, port=args.shopify_port).start()
    for sku in DEMO_SKUS:
        top.add_product(sku, quantity=0)
        shopify.add_product(sku, sku)
    counter = itertools.count()
    add_demo_orders(top, shopify, 8, counter)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    sys.stdout.write("demo marketplaces: TOP %s, Shopify %s\n" % (
        top.url, shopify.url))
    sys.stdout.flush()
    try:
        while not stop.wait(args.every):
            add_demo_orders(top, shopify, 1, counter)
    except KeyboardInterrupt:
        sys.stdout.write("stopping the demo marketplaces\n")
    finally:
        top.stop()
        shopify.stop()


if __name__ == "__main__":
    main()
