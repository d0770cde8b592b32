# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A fake Shopify shop speaking the Admin REST API 2024-01.

``server.url`` stands for ``https://{shop}.myshopify.com``; the API lives
under ``/admin/api/2024-01/``:

``GET orders.json``              status (open|closed|cancelled|any, default
                                 open), updated_at_min/max, created_at_min,
                                 order ("updated_at asc" default, "... desc",
                                 created_at, id), limit (<= 250)
``GET orders/{id}.json``         {"order": {...}}
``POST orders/{id}/fulfillments.json``  legacy fulfilment of line items
``GET products.json``            products with their variants, by id
``POST inventory_levels/set.json``  {"location_id", "inventory_item_id",
                                 "available"}

Listings page like Shopify: an opaque ``page_info`` (URL-safe base64 of a
JSON cursor holding the filters and the sort key of the last row seen) in
``Link: <...>; rel="previous", <...>; rel="next"``.  A request with
``page_info`` may carry nothing but ``limit`` and ``fields`` (400
otherwise).  The ``duplicate_page`` fault serves the previously served
order page again, its next link pointing at the page that was asked for:
the client sees every order, some twice.

Every request needs ``X-Shopify-Access-Token`` (401 otherwise).  Times are
written in the shop's UTC offset (``utc_offset``, default +08:00).
"""
import base64
import datetime
import json
import re
from decimal import Decimal

from .server import FakeMarketplace, Response

API_VERSION = "2024-01"
API_PREFIX = "/admin/api/%s/" % API_VERSION
MAX_LIMIT = 250
DEFAULT_LIMIT = 50
CENT = Decimal("0.01")

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE)
_ORDER_SORTS = ("updated_at", "created_at", "id")


def _offset(text):
    """A ``datetime.timezone`` of "+08:00" / "-0500" / "Z"."""
    if not text or text.upper() == "Z":
        return datetime.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return datetime.timezone(sign * datetime.timedelta(
        hours=int(digits[:2]), minutes=int(digits[2:] or 0)))


def parse_time(value):
    """An aware datetime of an ISO 8601 string (no offset: UTC), or None."""
    match = _TIMESTAMP.match(value.strip()) if isinstance(value, str) \
        else None
    if not match:
        return None
    parts = [int(part) for part in match.groups()[:6]]
    try:
        return datetime.datetime(*parts, tzinfo=_offset(match.group(7)))
    except ValueError:
        return None


def format_time(moment):
    """"2026-11-20T18:00:00+08:00" (Shopify's format) of an aware datetime."""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S%z")
    return text[:-2] + ":" + text[-2:]


def _utc(value):
    """The UTC sort key "YYYY-MM-DDTHH:MM:SS" of a Shopify timestamp."""
    moment = parse_time(value)
    return moment.astimezone(datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S") if moment else ""


def _money(value):
    return str(Decimal(str(value)).quantize(CENT))


def _copy(data):
    return json.loads(json.dumps(data))


def _error(status, errors):
    return Response(status, {"errors": errors})


def _encode_cursor(cursor):
    raw = json.dumps(cursor, sort_keys=True, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode(
        "ascii").rstrip("=")


def _decode_cursor(text):
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        cursor = json.loads(raw.decode("utf-8"))
    except (ValueError, TypeError):
        return None
    if not isinstance(cursor, dict) or not isinstance(
            cursor.get("filters"), dict):
        return None
    return cursor


class FakeShopifyServer(FakeMarketplace):
    """One shop with one location (``location_id``).  State: ``orders``
    {id: order}, ``products`` {id: product}, ``inventory_levels``
    {(inventory_item_id, location_id): available}, ``fulfillments``
    {id: fulfillment}.  The ``add_*``/``update_order`` helpers return the
    stored (live) dicts."""

    #: The Retry-After header of the rate-limit fault (Shopify sends "2.0").
    retry_after = "2.0"

    def __init__(self, access_token="shpat_fake_token",
                 location_id=61000000001, utc_offset="+08:00", port=0):
        super(FakeShopifyServer, self).__init__(port)
        self.access_token = access_token
        self.location_id = int(location_id)
        self.tz = _offset(utc_offset)
        self.reset()

    def reset(self):
        """Forget the shop's state, the recorded requests and the queued
        faults (one running server may serve many tests)."""
        with self.lock:
            self.faults.clear()
            del self.requests[:]
            self.fault_delay = type(self).fault_delay
            self.retry_after = type(self).retry_after
            self.duplicate_next_page = False
            self.orders = {}
            self.products = {}
            self.inventory_levels = {}
            self.fulfillments = {}
            self._next_id = 5000000001
            self._order_number = 1000
            self._last_order_page = None

    # -- helpers for tests ---------------------------------------------------
    def new_id(self):
        with self.lock:
            self._next_id += 1
            return self._next_id

    def now(self):
        """The current time in the shop's offset, as Shopify writes it."""
        return format_time(datetime.datetime.now(self.tz).replace(
            microsecond=0))

    def _variant_of(self, sku):
        for product in self.products.values():
            for variant in product["variants"]:
                if variant["sku"] == sku:
                    return product, variant
        return None, None

    def add_product(self, sku, title, inventory_item_id=None, price="0.00",
                    product_id=None, variant_title="Default Title",
                    available=0):
        """A product with one variant (or one more variant of the product
        ``product_id``) stocked ``available`` at the location.  Returns the
        stored product."""
        with self.lock:
            stamp = self.now()
            product = self.products.get(int(product_id)) if product_id \
                else None
            if product is None:
                pid = int(product_id) if product_id else self.new_id()
                product = self.products[pid] = {
                    "id": pid, "title": title,
                    "handle": re.sub(r"[^a-z0-9]+", "-", title.lower()),
                    "status": "active", "created_at": stamp,
                    "updated_at": stamp, "variants": []}
            item_id = int(inventory_item_id) if inventory_item_id \
                else self.new_id()
            product["variants"].append({
                "id": self.new_id(), "product_id": product["id"],
                "title": variant_title, "sku": sku, "price": _money(price),
                "inventory_item_id": item_id,
                "inventory_management": "shopify",
                "inventory_quantity": int(available)})
            self.inventory_levels[(item_id, self.location_id)] = int(
                available)
            return product

    def stock(self, sku, location_id=None):
        """``available`` of the SKU at the location (None: unknown SKU)."""
        with self.lock:
            _product, variant = self._variant_of(sku)
            if variant is None:
                return None
            return self.inventory_levels.get((
                variant["inventory_item_id"],
                int(location_id or self.location_id)))

    def add_order(self, order_id=None, skus=(("SKU-1", 1, "100.00"),),
                  financial_status="paid", updated_at=None, note="",
                  province="Zhejiang", city="Hangzhou", shipping="10.00",
                  currency="CNY", created_at=None, fulfillment_status=None,
                  cancelled_at=None, discount="0.00", customer_id=None,
                  first_name="Xiao", last_name="Ming",
                  email="xiaoming@example.com", phone="+8613800001234",
                  address1="1 Wensan Road", address2="", country_code="CN",
                  province_code="ZJ", zip_code="310000", **extra):
        """An order of ``skus`` [(sku, quantity, price[, line discount])]
        (sku None: a custom line without SKU).  ``discount`` is the
        order-level discount, ``shipping`` the shipping price (None: no
        shipping line), ``updated_at``/``created_at`` ISO 8601 strings
        (default now), ``cancelled_at`` a string or True (now).  ``extra``
        keys overwrite the built order (e.g. ``customer=None``)."""
        with self.lock:
            oid = int(order_id) if order_id else self.new_id()
            self._order_number += 1
            updated_at = updated_at or self.now()
            created_at = created_at or updated_at
            if cancelled_at is True:
                cancelled_at = self.now()
            shipped = fulfillment_status == "fulfilled"
            lines, gross, line_discounts = [], Decimal(0), Decimal(0)
            for entry in skus:
                sku, quantity, price = entry[:3]
                line_discount = Decimal(str(entry[3] if len(entry) > 3
                                            else "0"))
                product, variant = self._variant_of(sku)
                title = product["title"] if product else "Product %s" % (
                    sku or "without SKU")
                lines.append({
                    "id": self.new_id(),
                    "variant_id": variant["id"] if variant else None,
                    "product_id": product["id"] if product else None,
                    "sku": sku, "title": title, "name": title,
                    "quantity": int(quantity),
                    "fulfillable_quantity": 0 if shipped else int(quantity),
                    "fulfillment_status": "fulfilled" if shipped else None,
                    "price": _money(price),
                    "total_discount": _money(line_discount),
                    "requires_shipping": True})
                gross += Decimal(str(price)) * int(quantity)
                line_discounts += line_discount
            discounts = line_discounts + Decimal(str(discount))
            shipping_total = Decimal(str(shipping or "0"))
            total = gross - discounts + shipping_total
            customer = {"id": int(customer_id) if customer_id
                        else self.new_id(),
                        "email": email, "first_name": first_name,
                        "last_name": last_name, "phone": phone}
            unpaid = financial_status in ("pending", "authorized")
            order = {
                "id": oid,
                "admin_graphql_api_id": "gid://shopify/Order/%d" % oid,
                "name": "#%d" % self._order_number,
                "order_number": self._order_number,
                "email": email,
                "created_at": created_at, "updated_at": updated_at,
                "processed_at": created_at,
                "cancelled_at": cancelled_at,
                "cancel_reason": "customer" if cancelled_at else None,
                "closed_at": None,
                "currency": currency, "presentment_currency": currency,
                "financial_status": financial_status,
                "fulfillment_status": fulfillment_status,
                "note": note,
                "customer": customer,
                "shipping_address": {
                    "first_name": first_name, "last_name": last_name,
                    "name": ("%s %s" % (first_name, last_name)).strip(),
                    "phone": phone, "address1": address1,
                    "address2": address2, "city": city,
                    "province": province, "province_code": province_code,
                    "country_code": country_code, "zip": zip_code},
                "line_items": lines,
                "shipping_lines": [] if shipping is None else [{
                    "id": self.new_id(), "title": "Standard",
                    "code": "standard", "price": _money(shipping),
                    "discounted_price": _money(shipping)}],
                "total_line_items_price": _money(gross),
                "total_discounts": _money(discounts),
                "subtotal_price": _money(gross - discounts),
                "total_tax": "0.00", "taxes_included": True,
                "total_price": _money(total),
                "current_total_price": _money(total),
                "total_outstanding": _money(total if unpaid else 0),
                "fulfillments": [], "refunds": [],
            }
            order.update(extra)
            self.orders[oid] = order
            return order

    def _bump(self, order):
        """A new ``updated_at``: now, and always later than the last one."""
        previous = parse_time(order.get("updated_at"))
        moment = datetime.datetime.now(self.tz).replace(microsecond=0)
        if previous and moment <= previous:
            moment = (previous + datetime.timedelta(seconds=1)).astimezone(
                self.tz)
        return format_time(moment)

    def update_order(self, order_id, **changes):
        """Apply ``changes`` to the stored order and bump its
        ``updated_at`` (unless ``updated_at`` is among the changes)."""
        with self.lock:
            order = self.orders[int(order_id)]
            explicit = changes.pop("updated_at", None)
            if changes.get("cancelled_at") is True:
                changes["cancelled_at"] = self.now()
            order.update(changes)
            order["updated_at"] = explicit or self._bump(order)
            return order

    # -- HTTP ---------------------------------------------------------------
    def rate_limit_response(self, request):
        return Response(429, {"errors": "Exceeded 2 calls per second for api "
                                        "client. Reduce request rates to "
                                        "resume uninterrupted service."},
                        {"Retry-After": self.retry_after,
                         "X-Shopify-Shop-Api-Call-Limit": "40/40"})

    def handle(self, request):
        if not request.path.startswith(API_PREFIX):
            return _error(404, "Not Found")
        if request.headers.get("X-Shopify-Access-Token") != self.access_token:
            return _error(401, "[API] Invalid API key or access token "
                               "(unrecognized login or wrong password)")
        path = request.path[len(API_PREFIX):]
        method = request.method
        if path == "orders.json" and method == "GET":
            return self._list_orders(request)
        if path == "products.json" and method == "GET":
            return self._list_products(request)
        if path == "inventory_levels/set.json" and method == "POST":
            return self._set_inventory(request)
        match = re.match(r"^orders/(\d+)\.json$", path)
        if match and method == "GET":
            order = self.orders.get(int(match.group(1)))
            if order is None:
                return _error(404, "Not Found")
            return Response(200, {"order": _copy(order)})
        match = re.match(r"^orders/(\d+)/fulfillments\.json$", path)
        if match and method == "POST":
            return self._fulfill(int(match.group(1)), request)
        return _error(404, "Not Found")

    # -- paging -------------------------------------------------------------
    @staticmethod
    def _limit(query):
        try:
            limit = int(query.get("limit") or DEFAULT_LIMIT)
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            return None, _error(400, {"limit": [
                "must be between 1 and %d" % MAX_LIMIT]})
        return limit, None

    @staticmethod
    def _cursor(query):
        """(cursor, error response) of a request with ``page_info``."""
        other = sorted(set(query) - {"page_info", "limit", "fields"})
        if other:
            return None, _error(400, {"page_info": [
                "cannot be combined with other parameters: %s"
                % ", ".join(other)]})
        cursor = _decode_cursor(query["page_info"])
        if cursor is None:
            return None, _error(400, {"page_info": ["Invalid value."]})
        return cursor, None

    def _link(self, resource, limit, cursor, rel):
        return '<%s%s%s.json?limit=%d&page_info=%s>; rel="%s"' % (
            self.url, API_PREFIX, resource, limit, _encode_cursor(cursor),
            rel)

    def _page(self, resource, items, keys, descending, cursor, limit):
        """(page of items, Link header) at ``cursor`` ("after"/"before" a
        sort key, or the start)."""
        def ahead(key, other):
            return key < other if descending else key > other
        total = len(items)
        if cursor.get("before") is not None:
            before = cursor["before"]
            end = next((i for i, key in enumerate(keys)
                        if not ahead(before, key)), total)
            start = max(0, end - limit)
        else:
            after = cursor.get("after")
            start = 0 if after is None else next(
                (i for i, key in enumerate(keys) if ahead(key, after)),
                total)
            end = min(start + limit, total)
        links = []
        filters = cursor["filters"]
        if start > 0 and end > start:
            links.append(self._link(resource, limit, {
                "filters": filters, "before": keys[start]}, "previous"))
        if end < total and end > start:
            links.append(self._link(resource, limit, {
                "filters": filters, "after": keys[end - 1]}, "next"))
        return items[start:end], ", ".join(links)

    # -- orders -------------------------------------------------------------
    def _order_filters(self, query):
        filters = {"status": query.get("status") or "open",
                   "order": query.get("order") or "updated_at asc"}
        if filters["status"] not in ("open", "closed", "cancelled", "any"):
            return None, _error(400, {"status": ["is invalid"]})
        field, _space, direction = filters["order"].strip().partition(" ")
        if field not in _ORDER_SORTS or direction.lower() not in (
                "", "asc", "desc"):
            return None, _error(400, {"order": ["is invalid"]})
        for name in ("updated_at_min", "updated_at_max", "created_at_min"):
            if query.get(name):
                moment = parse_time(query[name])
                if moment is None:
                    return None, _error(400, {name: ["is not a valid date"]})
                filters[name] = _utc(query[name])
        return filters, None

    def _matching_orders(self, filters):
        def keep(order):
            status = filters["status"]
            if status == "open" and (order.get("cancelled_at")
                                     or order.get("closed_at")):
                return False
            if status == "closed" and not order.get("closed_at"):
                return False
            if status == "cancelled" and not order.get("cancelled_at"):
                return False
            updated = _utc(order["updated_at"])
            if filters.get("updated_at_min") and \
                    updated < filters["updated_at_min"]:
                return False
            if filters.get("updated_at_max") and \
                    updated > filters["updated_at_max"]:
                return False
            if filters.get("created_at_min") and \
                    _utc(order["created_at"]) < filters["created_at_min"]:
                return False
            return True
        field, _space, direction = filters["order"].strip().partition(" ")

        def key(order):
            if field == "id":
                return [order["id"]]
            return [_utc(order[field]), order["id"]]
        rows = sorted((order for order in self.orders.values() if keep(order)),
                      key=key, reverse=direction.lower() == "desc")
        return rows, [key(order) for order in rows], \
            direction.lower() == "desc"

    def _list_orders(self, request):
        query = request.query
        limit, error = self._limit(query)
        if error:
            return error
        if "page_info" in query:
            cursor, error = self._cursor(query)
        else:
            filters, error = self._order_filters(query)
            cursor = {"filters": filters, "after": None}
        if error:
            return error
        rows, keys, descending = self._matching_orders(cursor["filters"])
        if self.duplicate_next_page and self._last_order_page is not None:
            # The page served last, again; the page asked for comes next.
            return Response(200, {"orders": _copy(self._last_order_page)}, {
                "Link": self._link("orders", limit, cursor, "next")})
        page, link = self._page("orders", rows, keys, descending, cursor,
                                limit)
        self._last_order_page = _copy(page)
        headers = {"Link": link} if link else {}
        return Response(200, {"orders": _copy(page)}, headers)

    # -- products and stock -------------------------------------------------
    def _list_products(self, request):
        query = request.query
        limit, error = self._limit(query)
        if error:
            return error
        if "page_info" in query:
            cursor, error = self._cursor(query)
            if error:
                return error
        else:
            cursor = {"filters": {}, "after": None}
        rows = [self.products[pid] for pid in sorted(self.products)]
        page, link = self._page("products", rows,
                                [[row["id"]] for row in rows], False,
                                cursor, limit)
        headers = {"Link": link} if link else {}
        return Response(200, {"products": _copy(page)}, headers)

    def _set_inventory(self, request):
        body = request.json if isinstance(request.json, dict) else {}
        try:
            item_id = int(body.get("inventory_item_id"))
            location_id = int(body.get("location_id"))
        except (TypeError, ValueError):
            return _error(400, {"inventory_item_id": [
                "Required parameter missing or invalid"]})
        available = body.get("available")
        if not isinstance(available, int) or isinstance(available, bool):
            return _error(422, {"available": ["must be an integer"]})
        if location_id != self.location_id:
            return _error(422, ["Inventory item is not stocked at the "
                                "location"])
        variants = [variant for product in self.products.values()
                    for variant in product["variants"]
                    if variant["inventory_item_id"] == item_id]
        if not variants:
            return _error(422, ["Inventory item does not exist"])
        self.inventory_levels[(item_id, location_id)] = available
        for variant in variants:
            variant["inventory_quantity"] = available
        return Response(200, {"inventory_level": {
            "inventory_item_id": item_id, "location_id": location_id,
            "available": available, "updated_at": self.now()}})

    # -- fulfilments --------------------------------------------------------
    def _requested_lines(self, order, wanted):
        """{line id: quantity} to fulfil, or an error response."""
        remaining = {line["id"]: line["fulfillable_quantity"]
                     for line in order["line_items"]}
        if not any(remaining.values()):
            return None, _error(422, {"base": [
                "Line items are already fulfilled"]})
        if not wanted:
            return {lid: qty for lid, qty in remaining.items() if qty}, None
        requested = {}
        for entry in wanted:
            try:
                lid, qty = int(entry["id"]), int(entry["quantity"])
            except (KeyError, TypeError, ValueError):
                return None, _error(422, {"line_items": ["are invalid"]})
            if lid not in remaining:
                return None, _error(422, {"line_items": [
                    "Line item %d does not belong to the order" % lid]})
            if qty <= 0:
                return None, _error(422, {"line_items": [
                    "quantity must be greater than 0"]})
            requested[lid] = requested.get(lid, 0) + qty
        for lid, qty in requested.items():
            if not remaining[lid]:
                return None, _error(422, {"base": [
                    "Line items are already fulfilled"]})
            if qty > remaining[lid]:
                return None, _error(422, {"base": [
                    "Quantity exceeds the fulfillable quantity of line "
                    "item %d" % lid]})
        return requested, None

    def _fulfill(self, order_id, request):
        order = self.orders.get(order_id)
        if order is None:
            return _error(404, "Not Found")
        body = (request.json or {}).get("fulfillment") \
            if isinstance(request.json, dict) else None
        if not isinstance(body, dict):
            return _error(400, {"fulfillment": [
                "Required parameter missing or invalid"]})
        if order.get("cancelled_at"):
            return _error(422, {"base": ["Cancelled orders cannot be "
                                         "fulfilled"]})
        try:
            location_id = int(body.get("location_id"))
        except (TypeError, ValueError):
            location_id = None
        if location_id != self.location_id:
            return _error(422, {"location_id": ["is invalid"]})
        requested, error = self._requested_lines(order,
                                                 body.get("line_items"))
        if error:
            return error
        shipped = []
        for line in order["line_items"]:
            qty = requested.get(line["id"])
            if not qty:
                continue
            line["fulfillable_quantity"] -= qty
            line["fulfillment_status"] = "fulfilled" \
                if not line["fulfillable_quantity"] else "partial"
            shipped.append(dict(line, quantity=qty))
        done = not any(line["fulfillable_quantity"]
                       for line in order["line_items"])
        order["fulfillment_status"] = "fulfilled" if done else "partial"
        number = body.get("tracking_number")
        fulfillment = {
            "id": self.new_id(), "order_id": order_id, "status": "success",
            "created_at": self.now(), "location_id": location_id,
            "tracking_company": body.get("tracking_company"),
            "tracking_number": number,
            "tracking_numbers": [number] if number else [],
            "notify_customer": bool(body.get("notify_customer")),
            "line_items": shipped,
        }
        self.fulfillments[fulfillment["id"]] = fulfillment
        order["fulfillments"].append(fulfillment)
        order["updated_at"] = self._bump(order)
        return Response(201, {"fulfillment": _copy(fulfillment)})
