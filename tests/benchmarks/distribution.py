"""Benchmark of three-tier distribution (not a test).

Builds M members in a 10-level tree rooted at a store (set-based SQL: the
tree itself is not what is measured) and N quotations of random members,
then, in the same run:

1. commission creation alone for the N orders (ms per order);
2. confirmation + payment event of N orders of members in the tree (with
   commissions) against N orders of customers outside it (no chain, so
   no commission): the ratio is the cost commissions add;
3. a settlement over all the earned commissions (collect + post).

Everything is rolled back.

    .venv/bin/python tests/benchmarks/distribution.py \\
        -c .run/odoo.conf -d <copy of mall_test> [--members 50000]
        [--orders 20000]
"""
import argparse
import random
import time

from odoo import fields

#: Members per level of the 10-level tree, as shares of the total.
LEVEL_SHARES = (0.0001, 0.0005, 0.002, 0.006, 0.02, 0.05, 0.1, 0.16,
                0.26, 0.4004)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=50000)
    parser.add_argument("--orders", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {
            "tracking_disable": True, "mail_notrack": True,
            "mail_create_nolog": True})
        try:
            run(env, args)
        finally:
            cr.rollback()


def make_tree(env, rnd, count):
    """A store and ``count`` members below it over 10 levels; returns the
    member ids (deepest levels hold most members)."""
    cr = env.cr
    store = env["res.partner"].create({"name": "Bench store",
                                       "mall_is_store": True})
    previous, members = [store.id], []
    for share in LEVEL_SHARES:
        size = max(1, int(count * share))
        uplines = [rnd.choice(previous) for _index in range(size)]
        cr.execute("""
            INSERT INTO res_partner (name, display_name, active, customer,
                                     type, invoice_warn, picking_warn,
                                     sale_warn, purchase_warn,
                                     mall_upline_id, lang)
            SELECT 'Bench member', 'Bench member', true, true, 'contact',
                   'no-message', 'no-message', 'no-message', 'no-message',
                   upline, 'en_US'
              FROM unnest(%s) AS upline
            RETURNING id""", (uplines,))
        level = [row[0] for row in cr.fetchall()]
        members.extend(level)
        previous = level
    # The stored computed fields, set-based: commercial partner and the
    # materialised path, level by level.
    cr.execute("UPDATE res_partner SET commercial_partner_id = id "
               "WHERE id = ANY(%s)", (members,))
    cr.execute("""
        WITH RECURSIVE tree(id, path, depth) AS (
            SELECT id, '/' || id || '/', 0 FROM res_partner WHERE id = %s
            UNION ALL
            SELECT p.id, tree.path || p.id || '/', tree.depth + 1
              FROM res_partner p JOIN tree ON p.mall_upline_id = tree.id)
        UPDATE res_partner p SET mall_referral_path = tree.path,
                                 mall_referral_depth = tree.depth
          FROM tree WHERE tree.id = p.id""", (store.id,))
    env.cache.invalidate()
    return members


def make_orders(env, rnd, partners, count, product):
    orders = env["sale.order"]
    for _index in range(count):
        orders |= orders.create({
            "partner_id": rnd.choice(partners),
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": rnd.randint(1, 3),
                                   "price_unit": 100.0})]})
    return orders


def confirm_and_pay(orders):
    for order in orders:
        order.action_confirm()
        order._mall_order_paid()


def run(env, args):
    rnd = random.Random(args.seed)
    started = time.time()
    members = make_tree(env, rnd, args.members)
    product = env["product.product"].create({
        "name": "Bench distribution tea", "type": "consu",
        "taxes_id": [(5, 0, 0)]})
    outsiders = [env["res.partner"].create({"name": "Bench outsider %d" % i,
                                            "customer": True}).id
                 for i in range(50)]
    tree_orders = make_orders(env, rnd, members, args.orders, product)
    outside_orders = make_orders(env, rnd, outsiders, args.orders, product)
    print("set-up: %d members in 10 levels, 2 x %d orders in %.1f s "
          "(not counted)" % (len(members), args.orders,
                             time.time() - started))

    Commission = env["mall.commission"]
    # 1. Commission creation alone (on quotations: the amounts are the
    # same, the state is not looked at).
    started = time.time()
    created = Commission._mall_create_for_orders(tree_orders)
    alone = time.time() - started
    print("commission creation: %.2f ms/order (%d lines)" % (
        1000.0 * alone / args.orders, len(created)))
    created.unlink()

    # 2. Confirmation + payment event, with and without commissions.
    started = time.time()
    confirm_and_pay(tree_orders)
    with_commissions = time.time() - started
    started = time.time()
    confirm_and_pay(outside_orders)
    without = time.time() - started
    print("confirm + paid event, buyers in the tree: %.1f ms/order" % (
        1000.0 * with_commissions / args.orders))
    print("confirm + paid event, buyers outside (no commission): "
          "%.1f ms/order" % (1000.0 * without / args.orders))
    print("ratio with / without commissions: %.2f" % (
        with_commissions / without))

    # 3. Settlement of everything earned.
    lines = Commission.search([("order_id", "in", tree_orders.ids)])
    lines.write({"state": "earned",
                 "earned_date": fields.Date.context_today(lines)})
    started = time.time()
    settlement = env["mall.commission.settlement"].create({})
    settlement.action_generate()
    settlement.action_post()
    print("settlement: %d commission lines, %d beneficiaries, %.1f s" % (
        len(settlement.commission_ids), len(settlement.line_ids),
        time.time() - started))


if __name__ == "__main__":
    main()
