"""Benchmark of the dealers' monthly statements (not a test).

Builds D dealers (type dealer, monthly fee 100, main company) with a
store each, L sale order lines confirmed in the current month (L / 2
orders of 2 lines, copies of one quotation, their stores drawn at random
among the dealers' stores, a paid event each), a refund event for one
order in 50, an HQ rebate of the store's dealer for one order in 10 (one
in 10 of them still pending, so not on the statement) and a level-1
commission of the dealer for one order in 25, all earned in the month, a
deposit top-up for one dealer in 10 and a freeze + deduction for one in
20 (set-based SQL, not measured).  Then, in the same run, each figure
against a baseline:

1. generating the statements of every dealer for the month
   (``period.action_generate()``: a statement each, a line per source
   record), then again (regeneration of the drafts), against the naive
   generation of S sampled dealers through the ORM (search the dealer's
   orders, refunds, commissions and deposit moves of the month, one
   ``create`` per statement line), extrapolated to all dealers; and
   that the two give the sampled dealers the same lines and amounts.
   Where the time goes: each INSERT ... SELECT, the other queries and
   Python, and the last step (the ORM recompute of the 8 stored amounts)
   alone against the same amounts written by one UPDATE (rolled back);
2. posting every statement: submit + approve + post (a validated vendor
   bill or customer invoice of the net each, the dealers' commissions
   settled), against the same documents created and validated through
   the ORM for S statements without the statement logic (no state check,
   lock date, commission or statement write), extrapolated: the ratio
   is what the statement adds to the accounting it cannot avoid.

Everything is rolled back.

    PGOPTIONS="-c extra_float_digits=0" \\
    .venv/bin/python tests/benchmarks/dealer.py \\
        -c .run/odoo.conf -d <copy of mall_test_me, mall_dealer up to
        date> [--dealers 1000]
        [--lines 200000] [--sample 20]
"""
import datetime
import random
import time

from distribution import columns
from harness import run_rolled_back
from member import StatementTimes

from odoo import fields

#: The sale_order columns make_orders() sets itself.
ORDER_COLUMNS = ("id", "name", "partner_id", "partner_invoice_id",
                 "partner_shipping_id", "store_id", "state", "mall_state",
                 "mall_payment_state", "invoice_status", "date_order",
                 "confirmation_date", "mall_paid_date", "amount_untaxed",
                 "amount_tax", "amount_total")
#: The sale_order_line columns make_orders() sets itself.
LINE_COLUMNS = ("id", "order_id", "order_partner_id", "state",
                "invoice_status", "price_unit", "price_subtotal",
                "price_total", "price_reduce", "price_reduce_taxinc",
                "price_reduce_taxexcl", "price_tax")
#: The statement amounts compared, in this order.
AMOUNTS = ("sales", "returns", "rebate", "commission", "deposit_in",
           "deposit_out", "fees", "net")


def main():
    run_rolled_back(run, dealers=1000, lines=200000, sample=20, seed=11)


# ----------------------------------------------------------------------
# Set-up (set-based SQL, not measured)

def make_partners(env, count, label, company, dealer_type=None, fee=None):
    """``count`` companies, their own commercial partners; dealers of
    ``dealer_type`` with the monthly ``fee`` when given."""
    env.cr.execute("""
        INSERT INTO res_partner (
            id, commercial_partner_id, name, display_name, active,
            customer, is_company, type, invoice_warn, picking_warn,
            sale_warn, purchase_warn, lang, company_id, mall_dealer_type,
            mall_monthly_fee, mall_settlement_period, create_uid,
            write_uid, create_date, write_date)
        SELECT id, id, %(label)s || n, %(label)s || n, true, true, true,
               'contact', 'no-message', 'no-message', 'no-message',
               'no-message', 'en_US', %(company)s, %(type)s, %(fee)s,
               'monthly', %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
               now() AT TIME ZONE 'UTC'
          FROM (SELECT nextval('res_partner_id_seq') AS id, n
                  FROM generate_series(1, %(count)s) AS n) AS s
         ORDER BY n
        RETURNING id""", {"label": label, "company": company.id,
                          "type": dealer_type, "fee": fee, "uid": env.uid,
                          "count": count})
    return sorted(row[0] for row in env.cr.fetchall())


def make_stores(env, dealers, company):
    """A store for each dealer (mall_dealer_store_rel); returns the store
    ids in the order of ``dealers``."""
    cr = env.cr
    cr.execute("""
        INSERT INTO mall_store (name, code, store_type, company_id, active,
                                sequence, create_uid, write_uid,
                                create_date, write_date)
        SELECT 'Bench dealer store ' || n, 'BENCH-D' || n, 'offline',
               %(company)s, true, 10, %(uid)s, %(uid)s,
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %(count)s) AS n""", {
        "company": company.id, "uid": env.uid, "count": len(dealers)})
    cr.execute("""
        INSERT INTO mall_dealer_store_rel (partner_id, store_id)
        SELECT d.partner_id, s.id
          FROM unnest(%(dealers)s::int[]) WITH ORDINALITY
               AS d(partner_id, n)
          JOIN mall_store s ON s.code = 'BENCH-D' || d.n
                           AND s.company_id = %(company)s
         ORDER BY d.n
        RETURNING store_id""", {"dealers": dealers, "company": company.id})
    return [row[0] for row in cr.fetchall()]


def make_orders(env, template, stores, buyers, count, start, end):
    """``count`` confirmed copies of the 2-line quotation ``template``
    (headers and lines, one INSERT ... SELECT each), confirmed at random
    in [start, end[ in random ``stores``, a paid event each.  Leaves
    their facts in the temporary table bench_dealer_order."""
    cr = env.cr
    cr.execute("""
        CREATE TEMPORARY TABLE bench_dealer_order ON COMMIT DROP AS
        SELECT n, nextval('sale_order_id_seq')::int AS order_id,
               (%(stores)s::int[])[1 + floor(%(nstores)s * random())::int]
                   AS store_id,
               (%(buyers)s::int[])[1 + floor(%(nbuyers)s * random())::int]
                   AS buyer,
               -- Away from the month's first and last day: the month is
               -- cut in the user's time zone, the naive baseline in UTC.
               %(start)s::timestamp + interval '1 day'
                   + random() * (%(end)s::timestamp - %(start)s::timestamp
                                 - interval '2 days')
                   AS confirmed,
               round((20 + random() * 480)::numeric, 2) AS first,
               round((20 + random() * 480)::numeric, 2) AS second
          FROM generate_series(1, %(count)s) AS n""", {
        "stores": stores, "nstores": len(stores), "buyers": buyers,
        "nbuyers": len(buyers), "start": start, "end": end,
        "count": count})
    copied = columns(cr, "sale_order", ORDER_COLUMNS)
    cr.execute("""
        INSERT INTO sale_order (%s, %s)
        SELECT b.order_id, 'BENCH/DEALER/' || b.n, b.buyer, b.buyer,
               b.buyer, b.store_id, 'sale', 'paid', 'paid', 'to invoice',
               b.confirmed - interval '1 hour', b.confirmed, b.confirmed,
               b.first + b.second, 0, b.first + b.second, %s
          FROM sale_order o, bench_dealer_order b
         WHERE o.id = %%(template)s""" % (
        ", ".join(ORDER_COLUMNS), copied, ", ".join(
            "o." + column for column in copied.split(", "))),
               {"template": template.id})
    first_line = min(template.order_line.ids)
    copied = columns(cr, "sale_order_line", LINE_COLUMNS)
    cr.execute("""
        INSERT INTO sale_order_line (%s, %s)
        SELECT nextval('sale_order_line_id_seq'), b.order_id, b.buyer,
               'sale', 'to invoice', p.amount, p.amount, p.amount,
               p.amount, p.amount, p.amount, 0, %s
          FROM sale_order_line l, bench_dealer_order b,
               LATERAL (SELECT CASE WHEN l.id = %%(first)s THEN b.first
                                    ELSE b.second END AS amount) AS p
         WHERE l.order_id = %%(template)s""" % (
        ", ".join(LINE_COLUMNS), copied, ", ".join(
            "l." + column for column in copied.split(", "))),
               {"template": template.id, "first": first_line})
    cr.execute("SELECT count(*) FROM sale_order_line l "
               "JOIN bench_dealer_order b ON b.order_id = l.order_id")
    lines = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO mall_order_event (order_id, event, date, user_id,
                                      amount, store_id, mall_region_id,
                                      create_uid, write_uid, create_date,
                                      write_date)
        SELECT b.order_id, 'paid', b.confirmed, %(uid)s,
               b.first + b.second, b.store_id, o.mall_region_id, %(uid)s,
               %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM bench_dealer_order b JOIN sale_order o ON o.id = b.order_id
        """, {"uid": env.uid})
    return lines


def make_month(env, dealers, company, start, end):
    """Refund events, commissions and deposit moves of the month: see
    the module docstring.  Returns their counts."""
    cr = env.cr
    params = {"uid": env.uid, "company": company.id,
              "currency": company.currency_id.id, "start": start,
              "end": end, "dealers": dealers}
    cr.execute("""
        INSERT INTO mall_order_event (order_id, event, date, user_id,
                                      amount, store_id, mall_region_id,
                                      create_uid, write_uid, create_date,
                                      write_date)
        SELECT b.order_id, 'refunded',
               b.confirmed + random() * (%(end)s::timestamp
                                         - interval '1 day' - b.confirmed),
               %(uid)s,
               round((b.first + b.second) * (0.1 + 0.9 * random())::numeric,
                     2),
               b.store_id, o.mall_region_id, %(uid)s, %(uid)s,
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM bench_dealer_order b JOIN sale_order o ON o.id = b.order_id
         WHERE b.n %% 50 = 0""", params)
    refunds = cr.rowcount
    cr.execute("""
        INSERT INTO mall_commission (
            order_id, partner_id, buyer_id, store_id, company_id,
            currency_id, date, level, kind, base, rate, original_amount,
            refunded_base, amount, state, earned_date, create_uid,
            write_uid, create_date, write_date)
        SELECT b.order_id, r.partner_id, b.buyer, b.store_id, %(company)s,
               %(currency)s, b.confirmed::date, k.level, k.kind,
               b.first + b.second, k.rate,
               round((b.first + b.second) * k.rate / 100, 2), 0,
               round((b.first + b.second) * k.rate / 100, 2),
               CASE WHEN k.kind = 'rebate' AND b.n %% 100 = 0
                    THEN 'pending' ELSE 'earned' END,
               CASE WHEN k.kind = 'rebate' AND b.n %% 100 = 0 THEN NULL
                    ELSE (b.confirmed + random()
                          * (%(end)s::timestamp - b.confirmed))::date END,
               %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
               now() AT TIME ZONE 'UTC'
          FROM bench_dealer_order b
          JOIN mall_dealer_store_rel r ON r.store_id = b.store_id
          JOIN (VALUES (0, 'rebate', 3.0, 10),
                       (1, 'commission', 5.0, 25)) AS k(level, kind, rate,
                                                        every)
            ON b.n %% k.every = 0""", params)
    commissions = cr.rowcount
    cr.execute("""
        INSERT INTO mall_dealer_deposit_move (
            partner_id, company_id, date, kind, available, frozen, reason,
            user_id, create_uid, write_uid, create_date, write_date)
        SELECT d.partner_id, %(company)s,
               %(start)s::timestamp + interval '1 day' + k.at
                   * (%(end)s::timestamp - %(start)s::timestamp
                      - interval '2 days'),
               k.kind, k.available, k.frozen, 'Bench ' || k.kind, %(uid)s,
               %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
               now() AT TIME ZONE 'UTC'
          FROM unnest(%(dealers)s::int[]) WITH ORDINALITY
               AS d(partner_id, n)
          JOIN (VALUES ('topup', 5000.0, 0.0, 10, 0.1),
                       ('freeze', -1000.0, 1000.0, 20, 0.3),
                       ('deduct', 0.0, -1000.0, 20, 0.6))
               AS k(kind, available, frozen, every, at)
            ON d.n %% k.every = 0""", params)
    return refunds, commissions, cr.rowcount


def setup(env, args, period):
    started = time.time()
    company = env.user.company_id
    start = period.date_from
    end = fields.Date.to_string(fields.Date.from_string(period.date_to)
                                + datetime.timedelta(days=1))
    env.cr.execute("SELECT setseed(%s)", (args.seed / 1000.0,))
    dealers = make_partners(env, args.dealers, "Bench dealer ", company,
                            "dealer", 100.0)
    buyers = make_partners(env, max(1, args.dealers), "Bench buyer ",
                           company)
    stores = make_stores(env, dealers, company)
    product = env["product.product"].create({
        "name": "Bench dealer tea", "type": "consu",
        "taxes_id": [(5, 0, 0)]})
    template = env["sale.order"].create({
        "partner_id": buyers[0], "company_id": company.id,
        "order_line": [(0, 0, {"product_id": product.id,
                               "product_uom_qty": 1, "price_unit": 100.0})
                       for _index in range(2)]})
    lines = make_orders(env, template, stores, buyers,
                        max(1, args.lines // 2), start, end)
    refunds, commissions, moves = make_month(env, dealers, company, start,
                                             end)
    env.cr.execute("ANALYZE res_partner, mall_store, mall_dealer_store_rel, "
                   "sale_order, sale_order_line, mall_order_event, "
                   "mall_commission, mall_dealer_deposit_move")
    env.cache.invalidate()
    print("set-up: %d dealers with a store each, %d orders confirmed in %s "
          "(%d lines), %d refund events, %d commission lines (one in 100 "
          "pending), %d deposit moves, in %.1f s (not counted)" % (
              len(dealers), max(1, args.lines // 2), period.name, lines,
              refunds, commissions, moves, time.time() - started))
    return dealers


# ----------------------------------------------------------------------
# 1. Generation

def generate_naive(env, period, dealers):
    """The statements of ``dealers`` the naive way: ORM searches per
    dealer and one ``create`` per line; {dealer id: (line count,
    amounts)}."""
    Statement = env["mall.dealer.statement"]
    Line = env["mall.dealer.statement.line"]
    start = period.date_from
    end = fields.Date.to_string(fields.Date.from_string(period.date_to)
                                + datetime.timedelta(days=1))
    month = [(">=", start), ("<", end)]
    result = {}
    for dealer in dealers:
        statement = Statement.create({"partner_id": dealer.id,
                                      "period_id": period.id})

        def add(kind, date, name, amount, record):
            Line.create({"statement_id": statement.id, "kind": kind,
                         "date": date, "name": name, "amount": amount,
                         "res_model": record._name, "res_id": record.id})
        stores = dealer.mall_dealer_store_ids.ids
        for order in env["sale.order"].search(
                [("store_id", "in", stores), ("state", "in", ("sale", "done"))]
                + [("confirmation_date", op, day) for op, day in month]):
            add("sale", order.confirmation_date[:10], order.name,
                order.amount_untaxed, order)
        for event in env["mall.order.event"].search(
                [("order_id.store_id", "in", stores),
                 ("event", "=", "refunded")]
                + [("date", op, day) for op, day in month]):
            add("return", event.date[:10], event.order_id.name,
                -event.amount, event)
        for line in env["mall.commission"].search(
                [("partner_id", "=", dealer.id), ("state", "=", "earned"),
                 ("settlement_id", "=", False)]
                + [("earned_date", op, day) for op, day in month]):
            add("rebate" if line.kind == "rebate" else "commission",
                line.earned_date, line.order_id.name, line.amount, line)
        for move in env["mall.dealer.deposit.move"].search(
                [("partner_id", "=", dealer.id),
                 ("kind", "in", ("topup", "bonus", "deduct"))]
                + [("date", op, day) for op, day in month]):
            add("deduct" if move.kind == "deduct" else "topup",
                move.date[:10], move.reason or move.kind,
                move.available + move.frozen, move)
        if dealer.mall_monthly_fee:
            add("fee", start, "Monthly fee", -dealer.mall_monthly_fee, dealer)
        result[dealer.id] = (len(statement.line_ids), amounts(statement))
    return result


def amounts(statement):
    return tuple(round(statement[name], 2) for name in AMOUNTS)


def period_counts(env, period):
    env.cr.execute("""
        SELECT count(DISTINCT s.id), count(l.id)
          FROM mall_dealer_statement s
          LEFT JOIN mall_dealer_statement_line l ON l.statement_id = s.id
         WHERE s.period_id = %s""", (period.id,))
    return env.cr.fetchone()


#: How breakdown() names the statements of _mall_generate, by a piece of
#: their text.
GENERATION_STEPS = (
    ("INSERT INTO mall_dealer_statement (", "statements"),
    ("DELETE FROM mall_dealer_statement_line", "delete"),
    ("'sale' AS kind", "sales"), ("'return'", "returns"),
    ("'mall.commission'", "commissions"),
    ("'mall.dealer.deposit.move'", "deposits"), ("'fee'", "fees"))


def breakdown(times, total):
    """Where a generation spent ``total`` seconds: each INSERT ...
    SELECT, the other queries (the ORM search and recompute) and
    Python."""
    spent = dict.fromkeys([name for _text, name in GENERATION_STEPS], 0.0)
    other, count = 0.0, 0
    for seconds, query in times:
        name = next((name for text, name in GENERATION_STEPS
                     if text in query), None)
        if name:
            spent[name] += seconds
        else:
            other += seconds
            count += 1
    return "SQL: %s; %d other queries (search, recompute reads and " \
        "writes) %.2f s; Python %.2f s" % (
            ", ".join("%s %.2f s" % (name, spent[name])
                      for _text, name in GENERATION_STEPS), count, other,
            total - sum(seconds for seconds, _query in times))


#: The line kinds of each statement amount (net: what NET_KINDS says).
KINDS_OF = (("sales", "'sale'"), ("returns", "'return'"),
            ("rebate", "'rebate'"), ("commission", "'commission'"),
            ("deposit_in", "'topup'"), ("deposit_out", "'deduct'"),
            ("fees", "'fee'"), ("net", "'rebate', 'commission', 'fee'"))


def stored_amounts(env, period):
    env.cr.execute("SELECT id, %s FROM mall_dealer_statement "
                   "WHERE period_id = %%s" % ", ".join(AMOUNTS),
                   (period.id,))
    return {row[0]: tuple(round(float(value or 0), 2) for value in row[1:])
            for row in env.cr.fetchall()}


def bench_amounts(env, period):
    """The last step of _mall_generate, the ORM recompute of the 8 stored
    amounts of the drafts, alone, against the same amounts written by
    one UPDATE ... FROM (SELECT ... GROUP BY) (rolled back)."""
    cr = env.cr
    Statement = env["mall.dealer.statement"]
    statements = Statement.search([("period_id", "=", period.id),
                                   ("state", "in", ("draft", "disputed"))])
    before = stored_amounts(env, period)
    cr.execute("SAVEPOINT bench_amounts")
    cr.execute("UPDATE mall_dealer_statement SET %s WHERE id = ANY(%%s)"
               % ", ".join("%s = 0" % name for name in AMOUNTS),
               (statements.ids,))
    started = time.time()
    cr.execute("""
        UPDATE mall_dealer_statement s SET %s
          FROM (SELECT s.id, %s
                  FROM mall_dealer_statement s
                  LEFT JOIN mall_dealer_statement_line l
                         ON l.statement_id = s.id
                 WHERE s.id = ANY(%%s)
                 GROUP BY s.id) AS t
         WHERE t.id = s.id""" % (
        ", ".join("%s = t.%s" % (name, name) for name in AMOUNTS),
        ", ".join("COALESCE(sum(l.amount) FILTER (WHERE l.kind IN (%s)), "
                  "0) AS %s" % (kinds, name) for name, kinds in KINDS_OF)),
               (statements.ids,))
    update = time.time() - started
    by_sql = stored_amounts(env, period)
    cr.execute("ROLLBACK TO SAVEPOINT bench_amounts")
    env.cache.invalidate()
    started = time.time()
    statements = Statement.search([("period_id", "=", period.id),
                                   ("state", "in", ("draft", "disputed"))])
    statements.invalidate_cache()
    for name in AMOUNTS:
        env.add_todo(Statement._fields[name], statements)
    statements.recompute()
    orm = time.time() - started
    same = sum(1 for key, values in before.items()
               if by_sql.get(key) == values)
    print("   where the time goes: the last step of the generation, the "
          "ORM recompute of the 8 stored amounts of the %d drafts, alone: "
          "%.2f s; the same amounts with one UPDATE ... FROM (SELECT ... "
          "GROUP BY) (rolled back): %.2f s, ratio %.0f; the same amounts "
          "for %d of %d statements%s" % (
              len(statements), orm, update, orm / update, same,
              len(before), "" if same == len(before) else " -- MISMATCH"))


def bench_generate(env, args, rnd, period, dealers):
    cr = env.cr
    Partner = env["res.partner"]
    sample = Partner.browse(sorted(rnd.sample(dealers,
                                              min(args.sample,
                                                  len(dealers)))))

    # Baseline first, in a savepoint rolled back (a dealer has one
    # statement a month).
    cr.execute("SAVEPOINT bench_generate")
    started = time.time()
    naive = generate_naive(env, period, sample)
    naive_time = time.time() - started
    cr.execute("ROLLBACK TO SAVEPOINT bench_generate")
    env.cache.invalidate()

    started = time.time()
    with StatementTimes(cr) as queries:
        period.action_generate()
    first = time.time() - started
    count, lines = period_counts(env, period)
    print("1. generation of the statements of %s, set-based "
          "(period.action_generate): %d statements, %d lines in %.2f s = "
          "%.2f ms per statement" % (period.name, count, lines, first,
                                     1000.0 * first / count))
    print("   (%s)" % breakdown(queries.times, first))
    env.cache.invalidate()
    started = time.time()
    with StatementTimes(cr) as queries:
        period.action_generate()
    again = time.time() - started
    count_again, lines_again = period_counts(env, period)
    print("   again (the drafts regenerated): %d statements, %d lines in "
          "%.2f s = %.2f ms per statement" % (
              count_again, lines_again, again, 1000.0 * again / count))
    print("   (%s)" % breakdown(queries.times, again))
    bench_amounts(env, period)
    per_dealer = naive_time / len(sample)
    print("   baseline, naive per dealer through the ORM (search the "
          "dealer's orders, refunds, commissions and deposit moves of the "
          "month, one create per line) for %d sampled dealers (%d lines): "
          "%.2f s = %.0f ms per dealer, %.1f s extrapolated to the %d "
          "statements" % (len(sample), sum(
              size for size, _amounts in naive.values()), naive_time,
              1000.0 * per_dealer, per_dealer * count, count))
    print("   ratio naive / set-based: %.1f (regeneration: %.1f)" % (
        per_dealer * count / first, per_dealer * count / again))
    env.cache.invalidate()
    generated = {statement.partner_id.id: (len(statement.line_ids),
                                           amounts(statement))
                 for statement in env["mall.dealer.statement"].search([
                     ("period_id", "=", period.id),
                     ("partner_id", "in", sample.ids)])}
    wrong = [dealer for dealer in sample.ids
             if generated.get(dealer) != naive[dealer]]
    print("   check: generation and the naive loop agree on the lines "
          "and the amounts (%s) of %d of %d sampled dealers%s" % (
              ", ".join(AMOUNTS), len(sample) - len(wrong), len(sample),
              "" if not wrong else " -- MISMATCH, e.g. dealer %d: naive "
              "%s, generated %s" % (wrong[0], naive[wrong[0]],
                                    generated.get(wrong[0]))))
    same = (count, lines) == (count_again, lines_again)
    print("   check: the regeneration gave the same %s" % (
        "statements and lines" if same else "-- NO: %d statements, %d lines the first time" % (
            count, lines)))
    return count


# ----------------------------------------------------------------------
# 2. Posting

def post_bare(env, statements):
    """The accounting documents of ``statements`` (the vendor bill or
    customer invoice of the net, validated, or the journal entry of a
    zero net), created through the ORM without the statement logic."""
    for statement in statements:
        statement._mall_post_net()


def bench_post(env, args, rnd, period, count):
    cr = env.cr
    Statement = env["mall.dealer.statement"]
    statements = Statement.search([("period_id", "=", period.id)])
    started = time.time()
    statements.action_submit()
    submit = time.time() - started
    started = time.time()
    statements.action_approve()
    approve = time.time() - started
    sample = Statement.browse(sorted(rnd.sample(
        statements.ids, min(args.sample, len(statements)))))

    cr.execute("SAVEPOINT bench_post")
    started = time.time()
    post_bare(env, sample)
    bare_time = time.time() - started
    cr.execute("ROLLBACK TO SAVEPOINT bench_post")
    env.cache.invalidate()

    statements = Statement.search([("period_id", "=", period.id)])
    started = time.time()
    with StatementTimes(cr) as queries:
        statements.action_post()
    post = time.time() - started
    total = submit + approve + post
    print("2. posting of the %d statements: submit %.2f s + approve %.2f s "
          "+ post %.2f s = %.2f s, %.1f ms per statement" % (
              count, submit, approve, post, total, 1000.0 * total / count))
    print("   (post: %s)" % queries.summary().replace(
        " statements,", " queries,", 1))
    per_statement = bare_time / len(sample)
    print("   baseline, the same bills, invoices and entries created and "
          "validated through the ORM for %d sampled statements without the "
          "statement logic: %.2f s = %.1f ms per statement, %.1f s "
          "extrapolated to the %d statements" % (
              len(sample), bare_time, 1000.0 * per_statement,
              per_statement * count, count))
    print("   ratio statement posting / bare documents: %.2f" % (
        total / (per_statement * count)))
    cr.execute("""
        SELECT count(*) FILTER (WHERE s.state = 'posted'),
               count(m.id) FILTER (WHERE m.state = 'posted'),
               COALESCE(sum(GREATEST(s.rebate + s.commission, 0)
                            + GREATEST(s.fees, 0) + GREATEST(-s.net, 0)), 0),
               (SELECT COALESCE(sum(l.debit), 0) FROM account_move_line l
                  JOIN mall_dealer_statement t ON t.move_id = l.move_id
                 WHERE t.period_id = %(period)s)
          FROM mall_dealer_statement s
          LEFT JOIN account_move m ON m.id = s.move_id
         WHERE s.period_id = %(period)s""", {"period": period.id})
    posted, moves, expected, debits = cr.fetchone()
    cr.execute("""
        SELECT count(*) FILTER (WHERE c.state = 'settled'), count(*)
          FROM mall_dealer_statement_line l
          JOIN mall_dealer_statement s ON s.id = l.statement_id
          JOIN mall_commission c ON c.id = l.res_id
         WHERE s.period_id = %s AND l.res_model = 'mall.commission'""",
               (period.id,))
    settled, listed = cr.fetchone()
    print("   check: %d of %d statements posted, %d posted journal entries, "
          "debits %.2f for %.2f expected, %d of %d commission lines "
          "settled%s" % (
              posted, count, moves, debits, expected, settled, listed,
              "" if (posted, settled, round(debits - expected, 2)) == (
                  count, listed, 0) else " -- MISMATCH"))
    before = period_counts(env, period)
    env.cache.invalidate()
    started = time.time()
    period.action_generate()
    print("   generation once everything is posted: %.2f s, statements and "
          "lines %s" % (time.time() - started, "unchanged" if period_counts(
              env, period) == before else "CHANGED"))


def run(env, args):
    rnd = random.Random(args.seed)
    period = env["mall.settlement.period"]._mall_month(fields.Date.today())
    dealers = setup(env, args, period)
    count = bench_generate(env, args, rnd, period, dealers)
    bench_post(env, args, rnd, period, count)


if __name__ == "__main__":
    main()
