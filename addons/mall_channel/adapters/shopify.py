# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shopify Admin REST API (version 2024-01).

Configuration keys: ``endpoint`` (``https://{shop}.myshopify.com``; when
it is empty, ``shop_id`` gives the shop name), ``access_token`` (the
custom app's Admin API token, sent as ``X-Shopify-Access-Token``),
``location_id`` (the Shopify location whose stock is set and from which
orders are fulfilled), ``rate_limit`` (default 2 calls per second, the
REST limit of a standard shop), ``timeout`` and ``page_size`` (at most
250).

Shopify pages with cursors: the first request of a listing carries the
filters, the next ones only ``limit`` and the opaque ``page_info`` taken
from the ``Link: <...page_info=...>; rel="next"`` response header.

Shopify does not mask buyer data: the receiver is stored as returned.
Every HTTP call opens its own connection (``requests.request``), so an
adapter holds no socket between calls.
"""
import datetime
import math
import re
from urllib.parse import parse_qs, urlsplit

import requests

from .base import (ChannelAdapter, OrderPage, PermanentError, RateLimited,
                   RetryableError, register_adapter)

API_VERSION = "2024-01"
#: Shopify's largest ``limit`` for REST listings.
MAX_PAGE_SIZE = 250
#: Seconds to wait on a 429 without a usable Retry-After header.
DEFAULT_RETRY_AFTER = 2.0

UNPAID_STATES = ("pending", "authorized")
PAID_STATES = ("paid", "partially_paid")
REVERSED_STATES = ("refunded", "voided", "partially_refunded")
#: Financial statuses in which the buyer's money was captured.
CAPTURED_STATES = ("paid", "partially_refunded", "refunded")

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"^\d+$")


def parse_timestamp(value):
    """A naive UTC ``datetime`` of an ISO 8601 string ("2026-11-20T18:00:00
    +08:00", "...Z", or without offset, taken as UTC), or None."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(
                tzinfo=None)
        return value
    if not isinstance(value, str):
        return None
    match = _TIMESTAMP.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day),
                                   int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if offset and offset.upper() != "Z":
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
        moment -= sign * datetime.timedelta(minutes=minutes)
    return moment


def _flatten_errors(errors):
    """Shopify's ``errors`` (a string, a list, or {field: [messages]}) as
    one line of text."""
    if isinstance(errors, dict):
        parts = []
        for key in sorted(errors, key=str):
            text = _flatten_errors(errors[key])
            parts.append(text if key == "base" else "%s: %s" % (key, text))
        return "; ".join(parts)
    if isinstance(errors, (list, tuple)):
        return ", ".join(_flatten_errors(item) for item in errors)
    return "" if errors is None else str(errors)


@register_adapter("shopify")
class ShopifyAdapter(ChannelAdapter):
    """Orders, stock and fulfilments of one Shopify shop."""

    label = "Shopify"
    masks_buyer_data = False
    default_rate_limit = 2

    def __init__(self, config):
        super(ShopifyAdapter, self).__init__(config)
        #: {sku: inventory_item_id} of the shop's variants, fetched once
        #: by ``push_stock`` (None: not fetched yet).
        self._inventory_items = None
        #: SKUs carried by more than one variant (stock is not pushed).
        self._ambiguous_skus = set()

    # -- HTTP -------------------------------------------------------------
    def _base_url(self):
        endpoint = (self.config.get("endpoint") or "").strip().rstrip("/")
        if not endpoint and self.config.get("shop_id"):
            endpoint = "https://%s.myshopify.com" % self.config["shop_id"]
        if not endpoint:
            raise PermanentError("Shopify: the endpoint (shop URL) is not "
                                 "configured.")
        return "%s/admin/api/%s/" % (endpoint, API_VERSION)

    def _headers(self):
        token = self.config.get("access_token")
        if not token:
            raise PermanentError("Shopify: the access token is not "
                                 "configured.")
        return {"X-Shopify-Access-Token": token,
                "Accept": "application/json"}

    def _call(self, method, path, params=None, payload=None):
        """One API call: (JSON body as a dict, ``requests.Response``).
        Raises ``RateLimited``, ``RetryableError`` or ``PermanentError``."""
        url = self._base_url() + path
        headers = self._headers()
        what = "Shopify %s %s" % (method, path)
        self.limiter.wait()
        try:
            response = requests.request(
                method, url, params=params, json=payload, headers=headers,
                timeout=self.timeout)
        except requests.Timeout as exc:
            raise RetryableError("%s timed out after %gs: %s"
                                 % (what, self.timeout, exc))
        except requests.RequestException as exc:
            raise RetryableError("%s failed: %s" % (what, exc))
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if status == 429:
            raise RateLimited(
                "%s: rate limited (HTTP 429)" % what,
                payload=body if body is not None else response.text[:500],
                retry_after=self._retry_after(response))
        if status >= 500:
            raise RetryableError("%s: HTTP %d %s" % (
                what, status, response.text[:200]),
                payload=body if body is not None else response.text[:500])
        if status >= 400:
            if isinstance(body, dict) and "errors" in body:
                detail = _flatten_errors(body["errors"])
            else:
                detail = response.text[:200]
            error = PermanentError("%s: HTTP %d %s" % (what, status, detail),
                                   payload=body if body is not None
                                   else response.text[:500])
            error.status_code = status
            raise error
        if not 200 <= status < 300:
            raise RetryableError("%s: unexpected HTTP %d" % (what, status))
        if not isinstance(body, dict):
            raise RetryableError("%s: the response is not a JSON object: %r"
                                 % (what, response.text[:200]),
                                 payload=response.text[:500])
        return body, response

    @staticmethod
    def _retry_after(response):
        try:
            delay = float(response.headers.get("Retry-After"))
        except (TypeError, ValueError):
            return DEFAULT_RETRY_AFTER
        if math.isnan(delay) or delay < 0 or math.isinf(delay):
            return DEFAULT_RETRY_AFTER
        return delay

    @staticmethod
    def _next_page_info(response):
        """The ``page_info`` of the ``rel="next"`` link, or None."""
        link = response.links.get("next")
        if not link:
            return None
        values = parse_qs(urlsplit(link.get("url", "")).query).get(
            "page_info")
        if not values or not values[0]:
            raise RetryableError("Shopify: the next-page link has no "
                                 "page_info: %r" % link.get("url"))
        return values[0]

    @staticmethod
    def _expect(data, key, kind):
        value = data.get(key)
        if not isinstance(value, kind):
            raise RetryableError("Shopify: the response has no %r %s."
                                 % (key, kind.__name__), payload=data)
        return value

    def _limit(self):
        return max(1, min(self.page_size, MAX_PAGE_SIZE))

    @staticmethod
    def _check_id(value, what):
        text = str(value).strip() if value is not None else ""
        if not _NUMERIC_ID.match(text):
            raise PermanentError("Shopify: %r is not a valid %s id."
                                 % (value, what))
        return text

    def _location_id(self):
        location = self.config.get("location_id")
        if location in (None, "", False):
            raise PermanentError("Shopify: the location id is not "
                                 "configured.")
        return int(self._check_id(location, "location"))

    # -- orders -----------------------------------------------------------
    @staticmethod
    def _since_param(since):
        """``since`` (UTC "%Y-%m-%d %H:%M:%S" or a datetime) as Shopify's
        ``updated_at_min``: "YYYY-MM-DDTHH:MM:SSZ"."""
        moment = parse_timestamp(since)
        if moment is None:
            raise PermanentError("Shopify: invalid 'since' timestamp %r."
                                 % (since,))
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def fetch_orders(self, since, cursor=None):
        """One page of orders of any status updated at or after ``since``,
        oldest update first.  The next pages send only ``limit`` and
        ``page_info`` (Shopify rejects filters alongside ``page_info``)."""
        limit = self._limit()
        if cursor:
            params = [("limit", limit), ("page_info", cursor)]
        else:
            params = [("status", "any")]
            if since:
                params.append(("updated_at_min", self._since_param(since)))
            params += [("limit", limit), ("order", "updated_at asc")]
        data, response = self._call("GET", "orders.json", params=params)
        orders = self._expect(data, "orders", list)
        return OrderPage(orders, self._next_page_info(response))

    def fetch_order(self, channel_order_id):
        """The raw order (the ``order`` object of ``orders/{id}.json``)."""
        order_id = self._check_id(channel_order_id, "order")
        data, _response = self._call("GET", "orders/%s.json" % order_id)
        return self._expect(data, "order", dict)

    # -- normalisation ----------------------------------------------------
    @staticmethod
    def _number(value, what, ref, required=False):
        if value is None or value == "":
            if required:
                raise PermanentError("Shopify order %s: %s is missing."
                                     % (ref, what))
            return 0.0
        if isinstance(value, bool):
            number = None
        else:
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = None
        if number is None or math.isnan(number) or math.isinf(number):
            raise PermanentError("Shopify order %s: %s is not a number: %r."
                                 % (ref, what, value))
        return number

    @staticmethod
    def _timestamp(value, what, ref):
        moment = parse_timestamp(value)
        if moment is None:
            raise PermanentError("Shopify order %s: %s is not an ISO 8601 "
                                 "timestamp: %r." % (ref, what, value))
        return moment.strftime("%Y-%m-%d %H:%M:%S")

    @staticmethod
    def _order_status(order, paid_amount):
        """Shopify's financial/fulfilment/cancel state as one status:

        * refunded, partially_refunded, voided: ``refunded`` when money was
          captured (``paid_amount`` > 0), else ``cancelled`` (a voided
          authorisation); a fulfilled, partially refunded order stays
          ``shipped`` (a refund of part of a shipped order is after-sales);
        * otherwise ``cancelled_at`` set (or financial status ``expired``):
          ``cancelled``;
        * ``fulfillment_status`` "fulfilled": ``shipped`` (also when unpaid,
          e.g. cash on delivery); "partial" keeps the payment status;
        * paid, partially_paid: ``paid``; pending, authorized (and unknown
          or missing statuses): ``unpaid``.

        Shopify has no buyer confirmation: closed (archived) orders stay
        ``shipped``, never ``completed``."""
        financial = (order.get("financial_status") or "").lower()
        fulfilled = (order.get("fulfillment_status") or "").lower() \
            == "fulfilled"
        cancelled = bool(order.get("cancelled_at"))
        if financial in REVERSED_STATES:
            if financial == "partially_refunded" and fulfilled \
                    and not cancelled:
                return "shipped"
            return "refunded" if paid_amount > 0 else "cancelled"
        if cancelled or financial == "expired":
            return "cancelled"
        if fulfilled:
            return "shipped"
        if financial in PAID_STATES:
            return "paid"
        return "unpaid"

    def normalize_order(self, payload):
        """The normalised order of a Shopify order (or of the
        ``{"order": {...}}`` body of ``orders/{id}.json``).

        Money (strings in Shopify) becomes floats in the shop currency
        (``currency``; ``presentment_currency`` is ignored):

        * ``lines``: ``price`` per unit, ``total_discount`` as the line's
          discount;
        * ``shipping_fee``: the sum of the ``shipping_lines`` prices;
        * ``discount_amount``: ``total_discounts`` minus the line discounts
          (Shopify's total includes them), so that lines - discounts +
          shipping = ``total`` (taxes aside);
        * ``total``: ``total_price`` (the order as placed; refunds and
          edits only change ``current_total_price``, not used here);
        * ``paid_amount``: ``total_price`` when the money was captured
          (paid, partially_refunded, refunded: what the buyer paid, refunds
          are after-sales), ``total_price - total_outstanding`` when
          partially_paid, 0 otherwise (pending, authorized, voided, ...).

        Times become UTC "%Y-%m-%d %H:%M:%S" (``updated_at`` falls back to
        ``created_at``).  ``buyer_id`` is the customer id ("" for a guest),
        ``buyer_nick`` the customer's name, else the e-mail.  Raises
        ``PermanentError`` when the id or the lines are missing, a line has
        no SKU, or a number or a timestamp does not parse."""
        order = payload
        if isinstance(order, dict) and set(order) == {"order"}:
            order = order["order"]
        if not isinstance(order, dict):
            raise PermanentError("Shopify: an order payload must be a JSON "
                                 "object, not %r." % type(order).__name__)
        if order.get("id") in (None, ""):
            raise PermanentError("Shopify order %s has no id."
                                 % (order.get("name") or "?"))
        order_id = str(order["id"])
        ref = "%s (%s)" % (order.get("name"), order_id) \
            if order.get("name") else order_id

        created = order.get("created_at")
        updated = order.get("updated_at") or created
        if not updated:
            raise PermanentError("Shopify order %s has no updated_at." % ref)
        updated_at = self._timestamp(updated, "updated_at", ref)
        created_at = self._timestamp(created, "created_at", ref) \
            if created else updated_at

        lines = self._normalize_lines(order.get("line_items"), ref)
        line_discounts = sum(line["discount_amount"] for line in lines)
        shipping_fee = 0.0
        for shipping in order.get("shipping_lines") or []:
            shipping_fee += self._number((shipping or {}).get("price"),
                                         "a shipping line price", ref)
        total_discounts = self._number(order.get("total_discounts"),
                                       "total_discounts", ref)
        total = self._number(order.get("total_price"), "total_price", ref,
                             required=True)

        financial = (order.get("financial_status") or "").lower()
        if financial in CAPTURED_STATES:
            paid_amount = total
        elif financial == "partially_paid":
            paid_amount = total - self._number(
                order.get("total_outstanding"), "total_outstanding", ref)
        else:
            paid_amount = 0.0

        return {
            "channel_order_id": order_id,
            "status": self._order_status(order, paid_amount),
            "updated_at": updated_at,
            "created_at": created_at,
            "currency": order.get("currency") or "",
            "buyer_id": self._buyer_id(order),
            "buyer_nick": self._buyer_nick(order),
            "receiver": self._receiver(order),
            "lines": lines,
            "shipping_fee": round(shipping_fee, 2),
            "discount_amount": round(max(total_discounts - line_discounts,
                                         0.0), 2),
            "total": total,
            "paid_amount": round(max(paid_amount, 0.0), 2),
            "remark": order.get("note") or "",
        }

    def _normalize_lines(self, items, ref):
        if not isinstance(items, list) or not items:
            raise PermanentError("Shopify order %s has no line items." % ref)
        lines = []
        for index, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise PermanentError("Shopify order %s: line %d is not an "
                                     "object." % (ref, index))
            line_ref = item.get("id") if item.get("id") is not None \
                else "#%d" % index
            sku = item.get("sku")
            sku = sku.strip() if isinstance(sku, str) else ""
            if not sku:
                raise PermanentError(
                    "Shopify order %s: line %s (%s) has no SKU; give the "
                    "variant a SKU in Shopify." % (
                        ref, line_ref, item.get("title") or item.get("name")
                        or "?"))
            what = "line %s" % line_ref
            lines.append({
                "line_id": str(line_ref),
                "sku": sku,
                "name": item.get("title") or item.get("name") or sku,
                "quantity": self._number(item.get("quantity"),
                                         what + " quantity", ref,
                                         required=True),
                "price_unit": self._number(item.get("price"),
                                           what + " price", ref,
                                           required=True),
                "discount_amount": self._number(item.get("total_discount"),
                                                what + " discount", ref),
            })
        return lines

    @staticmethod
    def _buyer_id(order):
        customer = order.get("customer") or {}
        if customer.get("id") in (None, ""):
            return ""
        return str(customer["id"])

    @staticmethod
    def _buyer_nick(order):
        customer = order.get("customer") or {}
        name = " ".join(part for part in (customer.get("first_name"),
                                          customer.get("last_name")) if part)
        return name.strip() or customer.get("email") or \
            order.get("email") or ""

    @staticmethod
    def _receiver(order):
        address = order.get("shipping_address") or {}
        name = address.get("name") or " ".join(
            part for part in (address.get("first_name"),
                              address.get("last_name")) if part)
        street = " ".join(part.strip() for part in (
            address.get("address1"), address.get("address2"))
            if part and part.strip())
        return {
            "name": name or "",
            "phone": address.get("phone") or "",
            "country_code": address.get("country_code") or "",
            "state": address.get("province") or "",
            "city": address.get("city") or "",
            "district": "",
            "address": street,
            "zip": address.get("zip") or "",
            "masked": False,
        }

    # -- products and stock -------------------------------------------------
    def _variants(self):
        """(product, variant) of every product, over all pages."""
        limit = self._limit()
        cursor = None
        seen = set()
        while True:
            params = [("limit", limit)]
            if cursor:
                params.append(("page_info", cursor))
            data, response = self._call("GET", "products.json",
                                        params=params)
            for product in self._expect(data, "products", list):
                for variant in (product or {}).get("variants") or []:
                    if isinstance(variant, dict):
                        yield product, variant
            cursor = self._next_page_info(response)
            if not cursor:
                return
            if cursor in seen:
                raise RetryableError("Shopify: the product pages loop on "
                                     "page_info %r." % cursor)
            seen.add(cursor)

    def fetch_products(self):
        """Every variant with a SKU: ``name`` is the product title, with the
        variant title unless it is Shopify's "Default Title"; ``product_ref``
        and ``variant_ref`` are the Shopify ids.  Variants without a SKU are
        left out (they cannot be matched)."""
        products = []
        for product, variant in self._variants():
            sku = (variant.get("sku") or "").strip()
            if not sku:
                continue
            name = product.get("title") or sku
            if variant.get("title") and variant["title"] != "Default Title":
                name = "%s - %s" % (name, variant["title"])
            products.append({
                "sku": sku,
                "name": name,
                "product_ref": str(product.get("id", "")),
                "variant_ref": str(variant.get("id", "")),
            })
        return products

    def _inventory_item_ids(self):
        """{sku: inventory_item_id}, fetched on first use and kept on the
        adapter (a new adapter sees new products)."""
        if self._inventory_items is None:
            items = {}
            ambiguous = set()
            for _product, variant in self._variants():
                sku = (variant.get("sku") or "").strip()
                item_id = variant.get("inventory_item_id")
                if not sku or item_id is None:
                    continue
                if sku in items and items[sku] != item_id:
                    ambiguous.add(sku)
                items.setdefault(sku, item_id)
            self._inventory_items = items
            self._ambiguous_skus = ambiguous
        return self._inventory_items

    def push_stock(self, quantities):
        """Set ``available`` at the configured location, one
        ``inventory_levels/set.json`` call per SKU (Shopify has no batch).
        Negative quantities are pushed as 0.  An unknown SKU, a SKU shared
        by several variants or a refused call (4xx) is an error of that SKU;
        a ``RetryableError`` (5xx, timeout, rate limit) stops the push and
        propagates: setting stock is idempotent, the whole push may be
        retried."""
        location_id = self._location_id()
        items = self._inventory_item_ids()
        result = {}
        for sku in sorted(quantities):
            if sku in self._ambiguous_skus:
                result[sku] = ("SKU %s is used by several Shopify variants; "
                               "stock is not pushed." % sku)
                continue
            item_id = items.get(sku)
            if item_id is None:
                result[sku] = "SKU %s is not a variant of the Shopify " \
                              "shop." % sku
                continue
            try:
                available = max(int(quantities[sku]), 0)
            except (TypeError, ValueError):
                result[sku] = "Invalid quantity %r." % (quantities[sku],)
                continue
            try:
                self._call("POST", "inventory_levels/set.json", payload={
                    "location_id": location_id,
                    "inventory_item_id": item_id,
                    "available": available,
                })
            except PermanentError as exc:
                result[sku] = str(exc)
            else:
                result[sku] = None
        return result

    # -- shipments ----------------------------------------------------------
    def write_shipment(self, channel_order_id, carrier_code, tracking_number,
                       lines=None):
        """Create a fulfilment from the configured location, without
        notifying the customer.  ``lines`` ([(line_id, quantity)]) ships
        part of the order; without it, the order is read first and every
        line's ``fulfillable_quantity`` is shipped.  Idempotent: an order
        with nothing left to ship, or Shopify's 422 "already fulfilled",
        counts as done.  Returns Shopify's fulfilment ({} when it was
        already shipped)."""
        order_id = self._check_id(channel_order_id, "order")
        location_id = self._location_id()
        if lines:
            line_items = []
            for line_id, quantity in lines:
                try:
                    quantity = int(quantity)
                except (TypeError, ValueError):
                    quantity = 0
                if quantity <= 0:
                    raise PermanentError("Shopify: invalid quantity for "
                                         "line %s of order %s." % (
                                             line_id, order_id))
                line_items.append({
                    "id": int(self._check_id(line_id, "line item")),
                    "quantity": quantity})
        else:
            line_items = self._remaining_lines(self.fetch_order(order_id))
            if not line_items:
                return {}
        fulfillment = {
            "location_id": location_id,
            "tracking_number": tracking_number or None,
            "line_items": line_items,
            "notify_customer": False,
        }
        if carrier_code:
            fulfillment["tracking_company"] = carrier_code
        try:
            data, _response = self._call(
                "POST", "orders/%s/fulfillments.json" % order_id,
                payload={"fulfillment": fulfillment})
        except PermanentError as exc:
            if getattr(exc, "status_code", None) == 422 and \
                    "already fulfilled" in str(exc).lower():
                return {}
            raise
        return data.get("fulfillment") or {}

    @staticmethod
    def _remaining_lines(order):
        remaining = []
        for item in order.get("line_items") or []:
            quantity = item.get("fulfillable_quantity")
            if quantity is None:
                quantity = item.get("quantity") or 0
            if int(quantity) > 0 and item.get("id") is not None:
                remaining.append({"id": item["id"],
                                  "quantity": int(quantity)})
        return remaining
