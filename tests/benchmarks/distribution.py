"""Benchmark of three-tier distribution (not a test).

Builds M members in a 10-level tree rooted at a store and N orders of
random members (set-based SQL: the set-up is not what is measured), then,
in the same run:

1. commission creation for the N orders, one paid event at a time (ms
   per order);
2. confirmation + payment event of S orders of members in the tree (with
   commissions) against S orders of customers outside it (no chain, so
   no commission): the ratio is the cost commissions add (S is a sample:
   plain Odoo confirmation takes most of a second an order here);
3. a settlement over all the N orders' commissions (collect + post).

Everything is rolled back.

    .venv/bin/python tests/benchmarks/distribution.py \\
        -c .run/odoo.conf -d <copy of mall_test> [--members 50000]
        [--orders 20000] [--sample 200]
"""
import random
import time

from harness import run_rolled_back

from odoo import fields

#: Members per level of the 10-level tree, as shares of the total.
LEVEL_SHARES = (0.0001, 0.0005, 0.002, 0.006, 0.02, 0.05, 0.1, 0.16,
                0.26, 0.4004)


def main():
    run_rolled_back(run, members=50000, orders=20000, sample=200, seed=7)


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


def columns(cr, table, skip):
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_name = %s AND column_name != ALL(%s)",
               (table, list(skip)))
    return ", ".join('"%s"' % row[0] for row in cr.fetchall())


def clone_orders(env, rnd, template, partners, count):
    """``count`` copies of the quotation ``template`` for random buyers,
    written with two INSERT ... SELECT (set-up, not measured): the
    commission code reads them like any order."""
    cr = env.cr
    buyers = [rnd.choice(partners) for _index in range(count)]
    order_columns = columns(cr, "sale_order", (
        "id", "name", "partner_id", "partner_invoice_id",
        "partner_shipping_id"))
    cr.execute("""
        INSERT INTO sale_order (name, partner_id, partner_invoice_id,
                                partner_shipping_id, %s)
        SELECT 'BENCH/' || b.n, b.buyer, b.buyer, b.buyer, %s
          FROM sale_order o,
               unnest(%%s::int[]) WITH ORDINALITY AS b(buyer, n)
         WHERE o.id = %%s
        RETURNING id""" % (order_columns, order_columns),
               (buyers, template.id))
    ids = [row[0] for row in cr.fetchall()]
    line_columns = columns(cr, "sale_order_line", ("id", "order_id"))
    cr.execute("""
        INSERT INTO sale_order_line (order_id, %s)
        SELECT o.id, %s
          FROM sale_order_line l, unnest(%%s::int[]) AS o(id)
         WHERE l.order_id = %%s""" % (line_columns, line_columns.replace(
        '"', 'l."', 1).replace(', "', ', l."')), (ids, template.id))
    cr.execute("""
        UPDATE sale_order_line l SET order_partner_id = o.partner_id
          FROM sale_order o WHERE o.id = l.order_id AND o.id = ANY(%s)""",
               (ids,))
    env.cache.invalidate()
    return env["sale.order"].browse(ids)


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
    template = env["sale.order"].create({
        "partner_id": outsiders[0],
        "order_line": [(0, 0, {"product_id": product.id,
                               "product_uom_qty": 2,
                               "price_unit": 100.0})]})
    paid_orders = clone_orders(env, rnd, template, members, args.orders)
    tree_orders = make_orders(env, rnd, members, args.sample, product)
    outside_orders = make_orders(env, rnd, outsiders, args.sample, product)
    print("set-up: %d members in 10 levels, %d orders of members, 2 x %d "
          "orders to confirm, in %.1f s (not counted)" % (
              len(members), args.orders, args.sample,
              time.time() - started))

    Commission = env["mall.commission"]
    # 1. Commission creation, one paid event after the other, for all
    # the orders (the amounts do not depend on the order's state).
    started = time.time()
    for order in paid_orders:
        Commission._mall_create_for_orders(order)
    alone = time.time() - started
    created = Commission.search([("order_id", "in", paid_orders.ids)])
    print("commission creation, one paid event at a time: %.2f ms/order "
          "(%d orders, %d lines, %.1f s)" % (
              1000.0 * alone / args.orders, args.orders, len(created),
              alone))

    # 2. Confirmation + payment event, with and without commissions.
    started = time.time()
    confirm_and_pay(tree_orders)
    with_commissions = time.time() - started
    started = time.time()
    confirm_and_pay(outside_orders)
    without = time.time() - started
    print("confirm + paid event, buyers in the tree: %.1f ms/order "
          "(%d orders)" % (1000.0 * with_commissions / args.sample,
                           args.sample))
    print("confirm + paid event, buyers outside (no commission): "
          "%.1f ms/order" % (1000.0 * without / args.sample))
    print("ratio with / without commissions: %.2f" % (
        with_commissions / without))

    # 3. Settlement of everything earned.
    lines = Commission.search([("order_id", "in", paid_orders.ids)])
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
