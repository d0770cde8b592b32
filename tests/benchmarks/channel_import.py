"""Benchmark of the channel pipeline (not a test).

Imports N orders from a local fake TOP server through the whole pipeline
(HTTP pages, channel orders, sale orders, confirmation with reservation,
queue_job jobs) and, in the same run, creates and confirms the same N
orders directly through the ORM; prints orders/s for both and their ratio.
Then computes and pushes the stock of S SKUs to 3 stores (HTTP calls to 3
fake servers) and prints the time.  Everything is rolled back.

    .venv/bin/python tests/benchmarks/channel_import.py \\
        -c .run/odoo.conf -d mall_test [--orders 5000] [--skus 10000]
"""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
sys.path.insert(0, os.path.join(ROOT, "addons", "mall_channel"))


def drain_jobs(env):
    """Perform the benchmark stores' pending jobs like the job runner."""
    from odoo.addons.queue_job.job import Job
    count = 0
    while True:
        record = env["queue.job"].search([
            ("state", "=", "pending"),
            ("channel", "=like", "root.mall_channel.BENCH%")],
            order="id", limit=1)
        if not record:
            return count
        job = Job.load(env, record.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        count += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--skus", type=int, default=10000)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api
    from fakes.top import FakeTopServer

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    servers = [FakeTopServer().start() for _ in range(3)]
    try:
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {
                "tracking_disable": True, "mail_notrack": True,
                "mail_create_nolog": True})
            try:
                run(env, servers, args)
            finally:
                cr.rollback()
    finally:
        for server in servers:
            server.stop()


def make_store(env, server, code):
    config = server.adapter_config()
    return env["mall.store"].create({
        "name": "Bench %s" % code, "code": code, "store_type": "marketplace",
        "platform": "tmall", "channel_adapter": "top",
        "channel_endpoint": config["endpoint"],
        "channel_app_key": config["app_key"],
        "channel_app_secret": config["app_secret"],
        "channel_access_token": config["access_token"],
        "channel_page_size": 100, "channel_auto_confirm": True,
        # Our own cost, not the platform's per-app limit (TOP: 20 calls/s
        # by default, which alone makes 30,000 stock calls take 25 min).
        "channel_rate_limit": 100000})


def make_stocked_products(env, count):
    """``count`` stockable products SB-0... with 10 to 59 units on hand,
    written in three set-based statements (the ORM takes longer to create
    them than the push takes to send them; what is measured is the push)."""
    cr = env.cr
    location = env["stock.warehouse"].search([], limit=1).lot_stock_id
    category = env.ref("product.product_category_all")
    uom = env.ref("product.product_uom_unit")
    cr.execute("""
        INSERT INTO product_template (
            name, type, categ_id, uom_id, uom_po_id, active, sale_ok,
            purchase_ok, tracking, invoice_policy, responsible_id,
            sale_line_warn,
            list_price, sequence, company_id, create_uid, write_uid,
            create_date, write_date)
        SELECT 'Stock bench ' || n, 'product', %(categ)s, %(uom)s, %(uom)s,
               true, true, true, 'none', 'order', 1, 'no-message', 1.0, 1,
               %(company)s, 1, 1, now(), now()
          FROM generate_series(0, %(last)s) n
        RETURNING id""", {
        "categ": category.id, "uom": uom.id,
        "company": env.user.company_id.id, "last": count - 1})
    template_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute("""
        INSERT INTO product_product (product_tmpl_id, default_code, active,
                                     create_uid, write_uid, create_date,
                                     write_date)
        SELECT t.id, 'SB-' || (row_number() OVER (ORDER BY t.id) - 1), true,
               1, 1, now(), now()
          FROM product_template t WHERE t.id IN %s
        RETURNING id, default_code""", (tuple(template_ids),))
    rows = cr.fetchall()
    cr.execute("""
        INSERT INTO stock_quant (product_id, location_id, company_id,
                                 quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date,
                                 write_date)
        SELECT p.id, %(location)s, %(company)s, 10 + p.id %% 50, 0, now(),
               1, 1, now(), now()
          FROM product_product p WHERE p.id IN %(ids)s""", {
        "location": location.id, "company": location.company_id.id,
        "ids": tuple(row[0] for row in rows)})
    env.cache.invalidate()


def run(env, servers, args):
    env["mall.channel.review.rule"].search([]).write({"active": False})
    # The demo stores' marketplaces do not run here.
    env["mall.store"].search([]).write({"stock_push_enabled": False,
                                        "channel_sync_enabled": False})
    if args.orders:
        run_orders(env, servers, args)
    if args.skus:
        run_stock(env, servers, args)


def run_orders(env, servers, args):
    products = env["product.product"]
    for index in range(20):
        products |= products.create({
            "name": "Bench product %d" % index, "type": "consu",
            "default_code": "BENCH-%d" % index, "taxes_id": [(5, 0, 0)]})
    server = servers[0]
    for number in range(args.orders):
        server.add_order(skus=[("BENCH-%d" % (number % 20), 1 + number % 3,
                                "100.00")])
    store = make_store(env, server, "BENCH1")

    # 1. The whole pipeline.
    started = time.time()
    store._job_import_orders("2020-01-01 00:00:00", "2099-01-01 00:00:00")
    pages = 1 + drain_jobs(env)
    pipeline = time.time() - started
    imported = env["sale.order"].search_count([("store_id", "=", store.id),
                                               ("state", "=", "sale")])
    assert imported == args.orders, imported

    # 2. The same orders straight through the ORM (baseline), each with
    # its own buyer and delivery address like the imported ones.
    Partner = env["res.partner"]
    state = env.ref("l10n_cn.state_SH", raise_if_not_found=False)
    started = time.time()
    for number in range(args.orders):
        address = {"country_id": env.ref("base.cn").id,
                   "state_id": state.id if state else False,
                   "city": "上海市", "street": "某某路 %d 号" % number}
        buyer = Partner.create(dict(address, name="Bench buyer %d" % number,
                                    customer=True))
        shipping = Partner.create(dict(address, type="delivery",
                                       parent_id=buyer.id,
                                       name="Receiver %d" % number))
        order = env["sale.order"].create({
            "partner_id": buyer.id, "partner_shipping_id": shipping.id,
            "store_id": store.id,
            "order_line": [(0, 0, {
                "product_id": products[number % 20].id,
                "product_uom_qty": 1 + number % 3, "price_unit": 100.0})]})
        order.action_confirm()
    baseline = time.time() - started

    print("orders: %d (%d pages of %d)" % (args.orders, pages, 100))
    print("pipeline (HTTP + channel order + sale order + confirm): "
          "%.1f s, %.1f orders/s" % (pipeline, args.orders / pipeline))
    print("baseline (ORM create + confirm):                       "
          "%.1f s, %.1f orders/s" % (baseline, args.orders / baseline))
    print("ratio pipeline / baseline throughput: %.2f" % (
        (args.orders / pipeline) / (args.orders / baseline)))


def run_stock(env, servers, args):
    """3. Stock push: S SKUs to 3 stores."""
    cr = env.cr
    started = time.time()
    make_stocked_products(env, args.skus)
    setup = time.time() - started
    stores = env["mall.store"]
    for number, fake in enumerate(servers):
        for index in range(args.skus):
            fake.stock["SB-%d" % index] = 0
        stores |= make_store(env, fake, "BSTOCK%d" % number)
    stores.write({"stock_push_enabled": True, "stock_safety": 2,
                  "stock_share": 50})
    env["mall.channel.sku"]._mall_resolve(
        stores[0], ["SB-%d" % index for index in range(args.skus)])
    started = time.time()
    Stock = env["mall.channel.stock"]
    for each in stores:
        Stock._mall_compute(each)
    computed = time.time() - started
    for each in stores:
        Stock._mall_push(each)
    total = time.time() - started
    cr.execute("SELECT count(*) FROM mall_channel_stock WHERE store_id IN %s "
               "AND state = 'pushed'", (tuple(stores.ids),))
    pushed = cr.fetchone()[0]
    print("stock: %d SKUs x 3 stores (set-up %.1f s, not counted)" % (
        args.skus, setup))
    print("stock compute (all SKUs, 3 stores): %.2f s" % computed)
    print("stock compute + push over HTTP: %.1f s, %d levels pushed, "
          "%.0f levels/s" % (total, pushed, pushed / total))


if __name__ == "__main__":
    main()
