# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Warehouse routing: which warehouse ships each line of a sale order.

Plain Python (no Odoo import), so that it is fast, testable without a
database and reusable from a benchmark.  The Odoo side turns its records
into the namedtuples below, calls :func:`route` and turns the returned
:class:`Decision` into pickings; the :class:`Reason` objects it returns
are translated with :data:`REASON_CODES`.

Precedence for one order (the first step that decides wins):

1. a warehouse designated on the order ships every line, whatever the
   other rules say (even if it is not eligible or has no stock);
   routing rules (in sequence order, then id) then narrow the
   candidates of each line: every matching *exclude* rule removes its
   warehouses, the first matching *force* rule keeps only its own;
2. only warehouses that are shippable, sellable, deliver to the address
   and have capacity left today stay candidates;
3. one own (central or regional) warehouse that ships the whole order
   from available stock is preferred to a split;
4. better area level (1 before 2 before 3);
5. warehouse priority (sequence, lower first);
6. lower estimated shipping cost;
7. otherwise the order is split line by line with a greedy set cover
   (the warehouse that can fully ship the most remaining lines first,
   ties by steps 4 to 6 and id); what no own warehouse can supply is
   drop-shipped by the best supplier warehouse that has the stock (or by
   the supplier a force rule names); a line nobody has stock for waits
   in its best own warehouse; a line without any candidate is
   unroutable.

The final tie-break is the warehouse id (lower first).  A line is never
split across warehouses; stock is checked per warehouse with the lines
of the order taken in id order, so two lines of the same product add up.
"""
from collections import namedtuple

CENTRAL = "central"
REGIONAL = "regional"
SUPPLIER = "supplier"
KINDS = (CENTRAL, REGIONAL, SUPPLIER)

FORCE = "force"
EXCLUDE = "exclude"

# Quantities are floats: tolerate rounding noise when comparing stock.
EPSILON = 1e-6

Area = namedtuple("Area", "country state city level lead_days cost")
Area.__new__.__defaults__ = (None, None, 1, 0, 0.0)
Area.__doc__ = """A delivery area of a warehouse.

country: country code; state: province id, None for the whole country;
city: city name, None for the whole province; level: 1, 2 or 3 (1 is
best); lead_days: days from shipping to arrival; cost: estimated
shipping cost of one order to that area."""

Warehouse = namedtuple(
    "Warehouse",
    "id name kind sellable shippable sequence areas capacity_left",
)
Warehouse.__new__.__defaults__ = ("", CENTRAL, True, True, 10, (), None)
Warehouse.__doc__ = """A warehouse that may ship orders.

kind: "central", "regional" or "supplier"; areas: tuple of Area;
capacity_left: orders it can still ship today, None for unlimited."""

Line = namedtuple("Line", "id product_id quantity category_ids")
Line.__new__.__defaults__ = (1.0, ())
Line.__doc__ = """A sale order line; category_ids holds the product's
category and all its parents."""

Order = namedtuple(
    "Order",
    [
        "id",
        "country",
        "state",
        "city",
        "store_id",
        "tag_ids",
        "amount",
        "designated_warehouse_id",
        "lines",
    ],
)
Order.__new__.__defaults__ = (None, None, None, (), 0.0, None, ())
Order.__doc__ = """A sale order and its delivery address."""

Rule = namedtuple(
    "Rule",
    "id sequence name action warehouse_ids store_ids category_ids"
    " countries state_ids tag_ids amount_min amount_max",
)
Rule.__new__.__defaults__ = ((), (), (), (), (), None, None)
Rule.__doc__ = """A routing rule: action "force" or "exclude" applied to
warehouse_ids; an empty (or None) criterion matches anything."""

Allocation = namedtuple(
    "Allocation",
    "line_id warehouse_id quantity dropship lead_days level cost",
)
Allocation.__doc__ = """One line shipped by one warehouse; lead_days,
level and cost come from the warehouse's area for the address (None
when it does not cover it: a designated warehouse)."""

Reason = namedtuple("Reason", "code warehouse_id params")
Reason.__doc__ = """Why a line went (or did not go) to a warehouse:
code is a key of REASON_CODES, params fill its placeholders;
warehouse_id is None for a reason about the line itself."""

Decision = namedtuple("Decision", "allocations reasons split unroutable")
Decision.__doc__ = """What route() decided: allocations ordered by line
id, reasons {line_id: [Reason]}, split when more than one warehouse
ships the order, unroutable line ids."""

# fmt: off
REASON_CODES = {
    "designated": (
        "Designated on the order: it ships every line, whatever the other"
        " rules say."
    ),
    "forced_by_rule": (
        "Routing rule %(rule)s limits this line to its warehouses."
    ),
    "excluded_by_rule": "Excluded by routing rule %(rule)s.",
    "not_shippable": "Does not ship orders.",
    "not_sellable": "Its stock is not for sale.",
    "no_coverage": "Does not deliver to this address.",
    "full": "Has no shipping capacity left today.",
    "supplier_only_dropship": (
        "Supplier warehouse: it only drop-ships what no own warehouse can"
        " supply."
    ),
    "short": "Not enough stock: %(available)s available, %(needed)s needed.",
    "chosen_whole": (
        "Chosen: ships the whole order from stock (area level %(level)s,"
        " priority %(sequence)s, shipping cost %(cost)s)."
    ),
    "lost_level": (
        "Area level %(level)s, the chosen warehouse has level"
        " %(best_level)s."
    ),
    "lost_sequence": (
        "Priority %(sequence)s, the chosen warehouse has priority"
        " %(best_sequence)s."
    ),
    "lost_cost": (
        "Shipping cost %(cost)s, the chosen warehouse costs %(best_cost)s."
    ),
    "lost_id": (
        "Tied with the chosen warehouse: the one created first wins."
    ),
    "chosen_split": (
        "Chosen: the order is split, this warehouse ships %(lines)s"
        " line(s) from stock."
    ),
    "lost_split": (
        "Can ship %(lines)s line(s) from stock, the chosen warehouse"
        " %(best_lines)s."
    ),
    "dropship": "Chosen: drop-shipped by this supplier.",
    "no_stock_anywhere": (
        "Chosen although no warehouse or supplier has the stock: the line"
        " waits for stock here."
    ),
    "unroutable": "No warehouse can ship this line.",
}
# fmt: on


def _norm_text(value):
    """Lower-case stripped text, None for empty."""
    value = (value or "").strip().lower()
    return value or None


def _specificity(area, country, state, city):
    """3 for a city match, 2 for a province, 1 for the whole country,
    None when the area does not contain the address."""
    if _norm_text(area.country) != country:
        return None
    area_city = _norm_text(area.city)
    if area_city is not None:
        if area_city != city:
            return None
        if area.state is not None and area.state != state:
            return None
        return 3
    if area.state is not None:
        return 2 if area.state == state else None
    return 1


def coverage(warehouse, country, state=None, city=None):
    """Return the Area of ``warehouse`` that covers the address, or None.

    The most specific matching area wins (city, then province, then the
    whole country); among equally specific ones the better level, then
    the lower cost, then the shorter lead time.  Countries and cities
    compare case-insensitively after strip.
    """
    country = _norm_text(country)
    city = _norm_text(city)
    best = None
    best_rank = None
    for area in warehouse.areas:
        spec = _specificity(area, country, state, city)
        if spec is None:
            continue
        rank = (-spec, area.level, area.cost, area.lead_days)
        if best_rank is None or rank < best_rank:
            best, best_rank = area, rank
    return best


def _rule_label(rule):
    return rule.name or "#%s" % rule.id


def _order_matches(rule, order):
    """The order-level criteria of ``rule`` hold for ``order``."""
    if rule.store_ids and order.store_id not in rule.store_ids:
        return False
    if rule.countries:
        countries = set(_norm_text(code) for code in rule.countries)
        if _norm_text(order.country) not in countries:
            return False
    if rule.state_ids and order.state not in rule.state_ids:
        return False
    if rule.tag_ids and not set(rule.tag_ids) & set(order.tag_ids or ()):
        return False
    amount = order.amount or 0.0
    if rule.amount_min is not None and amount < rule.amount_min:
        return False
    if rule.amount_max is not None and amount > rule.amount_max:
        return False
    return True


def _order_rules(rules, order):
    """The rules whose order-level criteria match, in application order."""
    matching = []
    for rule in sorted(rules, key=lambda r: (r.sequence, r.id)):
        if rule.action not in (FORCE, EXCLUDE):
            raise ValueError(
                "Routing rule %s: unknown action %r" % (rule.id, rule.action)
            )
        if _order_matches(rule, order):
            matching.append(rule)
    return matching


def _capacity_left(warehouse, capacity):
    if capacity is not None and warehouse.id in capacity:
        return capacity[warehouse.id]
    return warehouse.capacity_left


def _block(warehouse, area, capacity_left):
    """The step-2 Reason that rules ``warehouse`` out, or None."""
    code = None
    if not warehouse.shippable:
        code = "not_shippable"
    elif not warehouse.sellable:
        code = "not_sellable"
    elif area is None:
        code = "no_coverage"
    elif capacity_left is not None and capacity_left <= 0:
        code = "full"
    if code is None:
        return None
    return Reason(code, warehouse.id, {})


def _lost_by_key(wid, key, best_key):
    """Why the warehouse with ``key`` lost to the one with ``best_key``
    (keys are (level, sequence, cost, id))."""
    if key[0] != best_key[0]:
        params = {"level": key[0], "best_level": best_key[0]}
        return Reason("lost_level", wid, params)
    if key[1] != best_key[1]:
        params = {"sequence": key[1], "best_sequence": best_key[1]}
        return Reason("lost_sequence", wid, params)
    if key[2] != best_key[2]:
        params = {"cost": key[2], "best_cost": best_key[2]}
        return Reason("lost_cost", wid, params)
    return Reason("lost_id", wid, {})


def _short(wid, shortage):
    available, needed = shortage
    return Reason("short", wid, {"available": available, "needed": needed})


class _Router:
    """The state of routing one order (see :func:`route`)."""

    def __init__(self, order, warehouses, stock, rules, capacity):
        self.order = order
        self.stock = stock
        self.whs = sorted(warehouses, key=lambda w: w.id)
        self.by_id = dict((w.id, w) for w in self.whs)
        self.lines = sorted(order.lines, key=lambda line: line.id)
        self.reasons = dict((line.id, []) for line in self.lines)
        self.area = {}
        self.key = {}
        block = {}
        for wh in self.whs:
            area = coverage(wh, order.country, order.state, order.city)
            self.area[wh.id] = area
            if area is not None:
                self.key[wh.id] = (area.level, wh.sequence, area.cost, wh.id)
            block[wh.id] = _block(wh, area, _capacity_left(wh, capacity))
        self.block = block
        self.rules = _order_rules(rules, order)
        # line id -> {warehouse id: Reason ruling it out, or None}
        self.state = {}
        self.forced = {}
        for line in self.lines:
            self._apply_rules(line)
        # warehouse id -> {line id: (available, needed)}
        self.shortage = dict((wh.id, {}) for wh in self.whs)
        self.allocations = []

    def _apply_rules(self, line):
        categories = set(line.category_ids or ())
        excluded = {}
        forced = None
        for rule in self.rules:
            if rule.category_ids and not categories & set(rule.category_ids):
                continue
            if rule.action == EXCLUDE:
                for wid in rule.warehouse_ids:
                    excluded.setdefault(wid, rule)
            elif forced is None:
                forced = rule
        state = {}
        for wh in self.whs:
            rule = excluded.get(wh.id)
            if rule is None and forced is not None:
                if wh.id not in forced.warehouse_ids:
                    rule = forced
            if rule is not None:
                params = {"rule": _rule_label(rule)}
                state[wh.id] = Reason("excluded_by_rule", wh.id, params)
            else:
                state[wh.id] = self.block[wh.id]
        self.state[line.id] = state
        self.forced[line.id] = forced
        if forced is not None:
            params = {"rule": _rule_label(forced)}
            reason = Reason("forced_by_rule", None, params)
            self.reasons[line.id].append(reason)

    def _allocate(self, line, wid, dropship):
        area = self.area.get(wid)
        if area is None:
            lead_days = level = cost = None
        else:
            lead_days, level, cost = area.lead_days, area.level, area.cost
        alloc = Allocation(
            line.id, wid, line.quantity, dropship, lead_days, level, cost
        )
        self.allocations.append(alloc)

    def _shippable(self, wh, lines, usage=None):
        """The ids of ``lines`` that ``wh`` can ship from its stock, the
        lines taken in order; records the shortages of the others."""
        usage = {} if usage is None else usage
        shortage = self.shortage[wh.id]
        shipped = []
        for line in lines:
            if self.state[line.id][wh.id] is not None:
                continue
            product = line.product_id
            available = self.stock.get((wh.id, product), 0.0)
            needed = usage.get(product, 0.0) + line.quantity
            if needed <= available + EPSILON:
                usage[product] = needed
                shipped.append(line.id)
            else:
                shortage[line.id] = (available, needed)
        return shipped

    # -- step 1: designated warehouse -----------------------------------

    def designated(self, wid):
        """Every line to the designated warehouse ``wid``."""
        wh = self.by_id.get(wid)
        shipped = set()
        if wh is not None:
            shipped = set(self._shippable(wh, self.lines))
        for line in self.lines:
            reasons = self.reasons[line.id]
            reasons.append(Reason("designated", wid, {}))
            if wh is not None:
                if self.state[line.id][wid] is not None:
                    reasons.append(self.state[line.id][wid])
                elif line.id not in shipped:
                    reasons.append(_short(wid, self.shortage[wid][line.id]))
            dropship = wh is not None and wh.kind == SUPPLIER
            self._allocate(line, wid, dropship)

    # -- steps 2 to 7 ---------------------------------------------------

    def routed(self):
        """Route every line by the precedence of the module docstring."""
        own = [wh for wh in self.whs if wh.kind != SUPPLIER]
        pool = [wh for wh in own if self.block[wh.id] is None]
        remaining = list(self.lines)
        rounds = []
        assigned = {}
        while remaining and pool:
            counts = {}
            ships = {}
            best = None
            best_rank = None
            for wh in pool:
                shipped = self._shippable(wh, remaining)
                counts[wh.id] = len(shipped)
                ships[wh.id] = set(shipped)
                rank = (-len(shipped), self.key[wh.id])
                if shipped and (best_rank is None or rank < best_rank):
                    best, best_rank = wh, rank
            if best is None:
                break
            rounds.append((best.id, counts, ships))
            for line_id in ships[best.id]:
                assigned[line_id] = len(rounds) - 1
            remaining = [ln for ln in remaining if ln.id not in assigned]
            pool = [wh for wh in pool if wh.id != best.id]
        supplier_usage = {}
        for line in self.lines:
            if line.id in assigned:
                self._from_stock(line, rounds, assigned[line.id])
            else:
                self._leftover(line, supplier_usage)

    def _from_stock(self, line, rounds, index):
        """``line`` ships from the stock of the warehouse picked at round
        ``index`` of the set cover."""
        chosen, counts, ships = rounds[index]
        reasons = self.reasons[line.id]
        best_key = self.key[chosen]
        if index == 0 and counts[chosen] == len(self.lines):
            params = {
                "level": best_key[0],
                "sequence": best_key[1],
                "cost": best_key[2],
            }
            reasons.append(Reason("chosen_whole", chosen, params))
        else:
            params = {"lines": counts[chosen]}
            reasons.append(Reason("chosen_split", chosen, params))
        self._allocate(line, chosen, False)
        for wh in self.whs:
            if wh.id == chosen:
                continue
            reason = self.state[line.id][wh.id]
            if reason is None and wh.kind == SUPPLIER:
                reason = Reason("supplier_only_dropship", wh.id, {})
            elif reason is None and line.id in ships.get(wh.id, ()):
                if counts[wh.id] < counts[chosen]:
                    params = {
                        "lines": counts[wh.id],
                        "best_lines": counts[chosen],
                    }
                    reason = Reason("lost_split", wh.id, params)
                else:
                    reason = _lost_by_key(wh.id, self.key[wh.id], best_key)
            elif reason is None:
                reason = _short(wh.id, self.shortage[wh.id][line.id])
            reasons.append(reason)

    def _leftover(self, line, supplier_usage):
        """``line`` that no own warehouse can ship from stock: drop-ship,
        wait for stock in an own warehouse, or unroutable."""
        state = self.state[line.id]
        suppliers = []
        own = []
        for wh in self.whs:
            if state[wh.id] is None:
                (suppliers if wh.kind == SUPPLIER else own).append(wh)
        stocked = set()
        for wh in suppliers:
            usage = dict(supplier_usage.get(wh.id, ()))
            if self._shippable(wh, [line], usage):
                stocked.add(wh.id)
        if stocked:
            chosen = min(stocked, key=lambda wid: self.key[wid])
            usage = supplier_usage.setdefault(chosen, {})
            product = line.product_id
            usage[product] = usage.get(product, 0.0) + line.quantity
            code, dropship, group = "dropship", True, stocked
        elif suppliers and self.forced[line.id] is not None:
            code, dropship = "dropship", True
            group = set(wh.id for wh in suppliers)
        elif own:
            code, dropship = "no_stock_anywhere", False
            group = set(wh.id for wh in own)
        else:
            self.reasons[line.id].append(Reason("unroutable", None, {}))
            self._losers(line, None, ())
            return
        chosen = min(group, key=lambda wid: self.key[wid])
        self.reasons[line.id].append(Reason(code, chosen, {}))
        self._allocate(line, chosen, dropship)
        self._losers(line, chosen, group)

    def _losers(self, line, chosen, group):
        """Reasons of the warehouses that lost ``line`` to ``chosen``
        (``group``: those that only lost on level, sequence, cost, id)."""
        reasons = self.reasons[line.id]
        for wh in self.whs:
            if wh.id == chosen:
                continue
            reason = self.state[line.id][wh.id]
            if reason is None and wh.id in group:
                best_key = self.key[chosen]
                reason = _lost_by_key(wh.id, self.key[wh.id], best_key)
            elif reason is None:
                reason = _short(wh.id, self.shortage[wh.id][line.id])
            reasons.append(reason)

    def consume(self, capacity):
        """Take the allocated stock and one unit of capacity per used
        warehouse."""
        products = dict((line.id, line.product_id) for line in self.lines)
        for alloc in self.allocations:
            key = (alloc.warehouse_id, products[alloc.line_id])
            if not alloc.dropship and key in self.stock:
                self.stock[key] = max(0.0, self.stock[key] - alloc.quantity)
        if capacity is None:
            return
        for wid in sorted(set(a.warehouse_id for a in self.allocations)):
            wh = self.by_id.get(wid)
            left = capacity.get(wid, wh.capacity_left if wh else None)
            if left is not None:
                capacity[wid] = left - 1

    def decision(self):
        """The Decision of the routed order."""
        allocated = set(alloc.line_id for alloc in self.allocations)
        used = set(alloc.warehouse_id for alloc in self.allocations)
        unroutable = [ln.id for ln in self.lines if ln.id not in allocated]
        return Decision(
            sorted(self.allocations, key=lambda a: a.line_id),
            self.reasons,
            len(used) > 1,
            unroutable,
        )


def route(order, warehouses, stock, rules=(), capacity=None, consume=False):
    """Decide which warehouse ships each line of ``order``.

    :param order: an :class:`Order` with its :class:`Line` tuples
    :param warehouses: iterable of :class:`Warehouse`
    :param stock: {(warehouse_id, product_id): available quantity}
    :param rules: iterable of :class:`Rule`
    :param capacity: optional {warehouse_id: orders left today}; it
        overrides ``Warehouse.capacity_left`` for the ids it holds
    :param consume: subtract the allocated quantities from ``stock``
        (own warehouses only, never below 0) and, when ``capacity`` is
        given, take one order from each warehouse used
    :returns: a :class:`Decision`
    """
    designated = order.designated_warehouse_id
    if designated is not None:
        rules = ()  # staff decided: rules do not apply
    router = _Router(order, warehouses, stock, rules, capacity)
    if designated is not None:
        router.designated(designated)
    else:
        router.routed()
    if consume:
        router.consume(capacity)
    return router.decision()


def explain(decision, names):
    """The reasons of ``decision`` as English sentences, line by line.

    :param names: {warehouse_id: name}; ids without a name print as ids
    :returns: list of str such as ``"Line 3, WH North: Excluded by
        routing rule No ice."``
    """
    sentences = []
    for line_id in sorted(decision.reasons):
        for reason in decision.reasons[line_id]:
            text = REASON_CODES[reason.code] % reason.params
            if reason.warehouse_id is None:
                sentences.append("Line %s: %s" % (line_id, text))
            else:
                name = names.get(reason.warehouse_id, reason.warehouse_id)
                sentences.append("Line %s, %s: %s" % (line_id, name, text))
    return sentences
