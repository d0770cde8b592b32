"""Benchmark of warehouse routing (not a test).

Builds 10 warehouses covering the 31 provinces of mainland China (each
warehouse level 1 in three or four home provinces, level 2 elsewhere, its
own costs and lead times), 60 products with mixed stock (each in 2 to 6
warehouses) and N quotations spread over the provinces with 1 to 3 lines.
Then, in the same run:

1. routing alone: the engine's decision for every order, with the
   set-based reads it needs (ms per order);
2. confirmation with routing of N orders;
3. plain Odoo confirmation (routing switched off) of N identical orders;

and prints ms per order and the ratio of 2 to 3.  Everything is rolled
back.

    .venv/bin/python tests/benchmarks/routing.py \\
        -c .run/odoo.conf -d <copy of mall_test> [--orders 2000]
"""
import random
import time

from harness import run_rolled_back


def main():
    run_rolled_back(run, orders=2000, seed=11)


def setup(env, rnd):
    """Warehouses, areas, products, stock, one customer per province."""
    china = env.ref("base.cn")
    provinces = env["res.country.state"].search(
        [("country_id", "=", china.id)], order="code")[:31]
    env["mall.routing.area"].search([]).unlink()
    env["mall.routing.rule"].search([]).unlink()
    env["mall.routing.carrier.rule"].search([]).unlink()
    env.user.company_id.mall_routing_enabled = True
    warehouses = env["stock.warehouse"]
    for index in range(10):
        home = provinces[index * 3:index * 3 + 3 + (index == 9)]
        warehouses |= warehouses.create({
            "name": "Bench W%02d" % index, "code": "BW%02d" % index,
            "mall_kind": "central" if index == 0 else "regional",
            "mall_sequence": index,
            "mall_area_ids": [(0, 0, {
                "country_id": china.id, "state_id": state.id,
                "level": "1" if state in home else "2",
                "lead_days": 1 if state in home else rnd.randint(2, 4),
                "cost": rnd.choice((5.0, 6.0, 8.0, 10.0, 12.0))})
                for state in provinces],
        })
    products = env["product.product"]
    for index in range(60):
        products |= products.create({
            "name": "Bench routed product %d" % index, "type": "product",
            "default_code": "BR-%d" % index, "taxes_id": [(5, 0, 0)]})
    Quant = env["stock.quant"]
    for product in products:
        for warehouse in rnd.sample(list(warehouses), rnd.randint(2, 6)):
            Quant._update_available_quantity(
                product, warehouse.lot_stock_id, rnd.randint(20, 400))
    customers = env["res.partner"]
    for state in provinces:
        customers |= customers.create({
            "name": "Bench customer %s" % state.code, "customer": True,
            "country_id": china.id, "state_id": state.id})
    return warehouses, products, customers


def make_orders(env, rnd, products, customers, count):
    orders = env["sale.order"]
    for _index in range(count):
        orders |= orders.create({
            "partner_id": rnd.choice(list(customers)).id,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "product_uom_qty": rnd.randint(1, 3), "price_unit": 50.0})
                for product in rnd.sample(list(products),
                                          rnd.randint(1, 3))]})
    return orders


def run(env, args):
    rnd = random.Random(args.seed)
    started = time.time()
    warehouses, products, customers = setup(env, rnd)
    routed = make_orders(env, random.Random(args.seed + 1), products,
                         customers, args.orders)
    plain = make_orders(env, random.Random(args.seed + 1), products,
                        customers, args.orders)
    print("set-up: 10 warehouses x %d provinces, %d products, 2 x %d "
          "orders in %.1f s (not counted)" % (
              len(warehouses[0].mall_area_ids), len(products), args.orders,
              time.time() - started))

    # 1. Routing alone: reads + engine, no reservation.
    SaleOrder = env["sale.order"]
    started = time.time()
    context = SaleOrder._mall_routing_context(
        env.user.company_id, routed)
    splits = 0
    for order in routed:
        decision, _lines = order._mall_decide(context)
        splits += decision.split
    alone = time.time() - started
    print("routing alone: %.2f ms/order (%d orders, %d would split)" % (
        1000.0 * alone / args.orders, args.orders, splits))

    # 2. Confirmation with routing.
    started = time.time()
    for order in routed:
        order.action_confirm()
    with_routing = time.time() - started
    states = {}
    for order in routed:
        states[order.mall_routing_state] = states.get(
            order.mall_routing_state, 0) + 1

    # 3. Plain Odoo confirmation.
    env.user.company_id.mall_routing_enabled = False
    started = time.time()
    for order in plain:
        order.action_confirm()
    without = time.time() - started

    print("confirm with routing: %.1f ms/order (%s)" % (
        1000.0 * with_routing / args.orders, ", ".join(
            "%s %d" % item for item in sorted(states.items()))))
    print("confirm without routing (plain Odoo): %.1f ms/order" % (
        1000.0 * without / args.orders))
    print("ratio with / without routing: %.2f" % (with_routing / without))


if __name__ == "__main__":
    main()
