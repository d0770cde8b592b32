# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Taobao / Tmall through the Taobao Open Platform (TOP) router API.

Wire format: every call is an HTTP POST of form fields to the router
(``https://eco.taobao.com/router/rest``): the system parameters
(``method``, ``app_key``, ``session``, ``timestamp``, ``format``, ``v``,
``sign_method``, ``sign``) and the API parameters side by side.  ``sign``
is the upper-case hex MD5 of ``secret + k1v1k2v2... + secret`` over every
other parameter sorted by name.

A success is ``{"<api>_response": {...}}`` where ``<api>`` is the method
without its ``taobao.`` prefix, dots replaced by underscores; a failure
is ``{"error_response": {"code", "msg", "sub_code", "sub_msg"}}`` (with
HTTP 200).

Times: TOP speaks Beijing time (UTC+8) without a zone; the adapter takes
and returns UTC (``ChannelAdapter``) and converts at the border.

Buyer data: TOP masks the receiver of an order (``张**``,
``*******1234``) and gives an ``oaid`` instead of the buyer; the plaintext
is only available through ``taobao.top.oaid.decrypt`` for a declared
scene, and must not be stored, so the adapter never caches it.
"""
import datetime
import hashlib
import json
import math
import re

import requests

from .base import (
    ChannelAdapter,
    OrderPage,
    PermanentError,
    RateLimited,
    RetryableError,
    register_adapter,
)

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
#: Beijing time is UTC+8 all year (no daylight saving).
BEIJING_OFFSET = datetime.timedelta(hours=8)
#: The router path, appended to an endpoint given without a path.
ROUTER_PATH = "/router/rest"
#: The largest page ``taobao.trades.sold.increment.get`` serves.
MAX_PAGE_SIZE = 100

#: The sub code of ``taobao.logistics.offline.send`` when the order (or
#: the sub-orders given) already has a shipment: the write-back is done.
ALREADY_SHIPPED_SUB_CODE = "isv.logistics-offline-send-already"

TRADE_FIELDS = ",".join(
    (
        "tid",
        "status",
        "created",
        "modified",
        "pay_time",
        "buyer_open_uid",
        "buyer_nick",
        "oaid",
        "receiver_name",
        "receiver_mobile",
        "receiver_phone",
        "receiver_state",
        "receiver_city",
        "receiver_district",
        "receiver_town",
        "receiver_address",
        "receiver_zip",
        "post_fee",
        "discount_fee",
        "payment",
        "total_fee",
        "buyer_message",
        "orders",
    )
)
ITEM_FIELDS = "num_iid,title,outer_id,skus"

#: TOP trade status -> normalised status (``TRADE_CLOSED`` is decided by
#: the payment time: see ``_normalize_status``).
STATUS_MAP = {
    "TRADE_NO_CREATE_PAY": "unpaid",
    "WAIT_BUYER_PAY": "unpaid",
    "PAY_PENDING": "unpaid",
    "WAIT_PRE_AUTH_CONFIRM": "unpaid",
    "WAIT_SELLER_SEND_GOODS": "paid",
    "PAID_FORBID_CONSIGN": "paid",
    "SELLER_CONSIGNED_PART": "shipped",
    "WAIT_BUYER_CONFIRM_GOODS": "shipped",
    "TRADE_BUYER_SIGNED": "shipped",
    "TRADE_FINISHED": "completed",
    "TRADE_CLOSED_BY_TAOBAO": "cancelled",
}

_RETRY_AFTER_RE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:more\s+)?(?:seconds?|secs?|s\b|秒)", re.IGNORECASE
)


def top_sign(params, secret):
    """The MD5 signature of ``params`` (``sign`` itself excluded): upper-case
    hex of ``secret + key1 + value1 + key2 + value2 ... + secret`` with the
    keys sorted, UTF-8 encoded."""
    text = "".join(key + params[key] for key in sorted(params) if key != "sign")
    digest = hashlib.md5((secret + text + secret).encode("utf-8"))
    return digest.hexdigest().upper()


def response_key(method):
    """``taobao.trades.sold.increment.get`` ->
    ``trades_sold_increment_get_response``."""
    if method.startswith("taobao."):
        method = method[len("taobao.") :]
    return method.replace(".", "_") + "_response"


def _text(value):
    """A parameter value as TOP expects it on the wire."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), sort_keys=True
        )
    return "%s" % (value,)


def beijing_to_utc(value):
    """Beijing "%Y-%m-%d %H:%M:%S" -> UTC "%Y-%m-%d %H:%M:%S"."""
    moment = datetime.datetime.strptime(value, TIME_FORMAT)
    return (moment - BEIJING_OFFSET).strftime(TIME_FORMAT)


def utc_to_beijing(value):
    """UTC "%Y-%m-%d %H:%M:%S" -> Beijing "%Y-%m-%d %H:%M:%S"."""
    moment = datetime.datetime.strptime(value, TIME_FORMAT)
    return (moment + BEIJING_OFFSET).strftime(TIME_FORMAT)


def classify_error(error, payload=None):
    """The ``ChannelError`` of a TOP ``error_response`` dict."""
    code = "%s" % (error.get("code", ""),)
    sub_code = "%s" % (error.get("sub_code") or "",)
    msg = "%s" % (error.get("msg") or "",)
    sub_msg = "%s" % (error.get("sub_msg") or "",)
    message = "TOP error %s: %s" % (code, msg)
    if sub_code or sub_msg:
        message += " (%s: %s)" % (sub_code, sub_msg)
    if code == "7" or "limited" in sub_code.lower():
        retry_after = 1.0
        match = _RETRY_AFTER_RE.search(sub_msg) or _RETRY_AFTER_RE.search(msg)
        if match:
            retry_after = float(match.group(1))
        return RateLimited(message, payload=payload, retry_after=retry_after)
    if code == "520" or sub_code.startswith("isp."):
        return RetryableError(message, payload=payload)
    return PermanentError(message, payload=payload)


@register_adapter("top")
class TopAdapter(ChannelAdapter):
    """Taobao and Tmall shops through the TOP router.  ``config``:
    ``endpoint`` (the router URL), ``app_key``, ``app_secret``,
    ``access_token`` (the shop's session key), and optionally
    ``waybill_sender`` (the sender dict of ``cainiao.waybill.ii.get``) and
    ``waybill_template_url``."""

    label = "Taobao / Tmall (TOP)"
    masks_buyer_data = True
    default_rate_limit = 20

    def __init__(self, config):
        super(TopAdapter, self).__init__(config)
        self.page_size = max(1, min(self.page_size, MAX_PAGE_SIZE))
        self.http = requests.Session()

    # -- transport ------------------------------------------------------
    @property
    def endpoint(self):
        endpoint = (self.config.get("endpoint") or "").strip()
        if not endpoint:
            raise PermanentError("The TOP channel has no endpoint.")
        scheme_host = endpoint.split("://", 1)[-1]
        if "/" not in scheme_host.rstrip("/"):
            endpoint = endpoint.rstrip("/") + ROUTER_PATH
        return endpoint

    def _now(self):
        """The current UTC time (naive); tests replace it."""
        return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)

    def _params(self, method, params):
        """The signed form fields of a call."""
        fields = {
            "method": method,
            "app_key": self.config.get("app_key") or "",
            "timestamp": (self._now() + BEIJING_OFFSET).strftime(TIME_FORMAT),
            "format": "json",
            "v": "2.0",
            "sign_method": "md5",
        }
        if self.config.get("access_token"):
            fields["session"] = self.config["access_token"]
        for key, value in (params or {}).items():
            if value is not None:
                fields[key] = _text(value)
        fields["sign"] = top_sign(fields, self.config.get("app_secret") or "")
        return fields

    def call(self, method, params=None):
        """Call ``method`` and return the body under its response key;
        raises ``RetryableError``, ``RateLimited`` or ``PermanentError``."""
        endpoint = self.endpoint
        data = self._params(method, params)
        self.limiter.wait()
        try:
            response = self.http.post(endpoint, data=data, timeout=self.timeout)
        except requests.Timeout as exc:
            raise RetryableError("TOP %s timed out: %s" % (method, exc))
        except requests.ConnectionError as exc:
            raise RetryableError("TOP %s: connection failed: %s" % (method, exc))
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
        ) as exc:
            raise PermanentError("Invalid TOP endpoint %r: %s" % (endpoint, exc))
        except requests.RequestException as exc:
            raise RetryableError("TOP %s failed: %s" % (method, exc))
        return self._parse(method, response)

    def _parse(self, method, response):
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("error_response"), dict):
            raise classify_error(body["error_response"], payload=body)
        if status == 429:
            retry_after = response.headers.get("Retry-After") or ""
            retry_after = float(retry_after) if retry_after.isdigit() else 1.0
            raise RateLimited(
                "TOP %s: HTTP 429" % method,
                payload=response.text,
                retry_after=retry_after,
            )
        if status >= 500 or status == 408:
            raise RetryableError(
                "TOP %s: HTTP %d" % (method, status), payload=response.text[:2000]
            )
        if status != 200:
            raise PermanentError(
                "TOP %s: HTTP %d" % (method, status), payload=response.text[:2000]
            )
        if not isinstance(body, dict):
            raise RetryableError(
                "TOP %s: the response is not a JSON object" % method,
                payload=response.text[:2000],
            )
        key = response_key(method)
        result = body.get(key)
        if not isinstance(result, dict):
            raise RetryableError(
                "TOP %s: the response has no %r" % (method, key), payload=body
            )
        return result

    # -- orders ---------------------------------------------------------
    def fetch_orders(self, since, cursor=None):
        """One page of ``taobao.trades.sold.increment.get``: trades
        modified from ``since`` (UTC) to the time of the first page.  The
        cursor is ``"<end_modified (Beijing)>|<next page_no>"`` so that the
        window stays fixed while paging.  TOP serves at most one day per
        window: the caller is expected to sync at least daily."""
        if cursor:
            end, _sep, page = cursor.rpartition("|")
            try:
                datetime.datetime.strptime(end, TIME_FORMAT)
                page_no = int(page)
            except ValueError:
                raise PermanentError("Invalid TOP order cursor %r." % cursor)
        else:
            end = (self._now() + BEIJING_OFFSET).strftime(TIME_FORMAT)
            page_no = 1
        if isinstance(since, datetime.datetime):
            since = since.strftime(TIME_FORMAT)
        if since:
            try:
                start = utc_to_beijing(since)
            except (TypeError, ValueError):
                raise PermanentError("Invalid sync start %r." % (since,))
        else:
            start = (
                datetime.datetime.strptime(end, TIME_FORMAT)
                - datetime.timedelta(days=1)
            ).strftime(TIME_FORMAT)
        result = self.call(
            "taobao.trades.sold.increment.get",
            {
                "fields": TRADE_FIELDS,
                "start_modified": start,
                "end_modified": end,
                "page_no": page_no,
                "page_size": self.page_size,
                "use_has_next": True,
            },
        )
        trades = result.get("trades") or {}
        trades = (trades.get("trade") or []) if isinstance(trades, dict) else trades
        if not isinstance(trades, list):
            raise RetryableError("TOP returned a malformed trade list.", payload=result)
        has_next = result.get("has_next")
        if has_next is None:
            total = _int(result.get("total_results") or 0, "total_results")
            has_next = page_no * self.page_size < total
        next_cursor = None
        if has_next in (True, "true") and trades:
            next_cursor = "%s|%d" % (end, page_no + 1)
        return OrderPage(trades, next_cursor)

    def fetch_order(self, channel_order_id):
        result = self.call(
            "taobao.trade.fullinfo.get",
            {"fields": TRADE_FIELDS, "tid": channel_order_id},
        )
        trade = result.get("trade")
        if not isinstance(trade, dict):
            raise RetryableError(
                "TOP returned no trade for %s." % channel_order_id, payload=result
            )
        return trade

    def normalize_order(self, payload):
        if not isinstance(payload, dict):
            raise PermanentError("A TOP trade must be a JSON object.")
        tid = payload.get("tid")
        if tid in (None, ""):
            raise PermanentError("The TOP trade has no tid.", payload=payload)
        tid = "%s" % (tid,)
        if not tid.isdigit():
            raise PermanentError(
                "The TOP tid %r is not a number." % tid, payload=payload
            )
        modified = payload.get("modified") or payload.get("created")
        created = payload.get("created") or modified
        if not modified:
            raise PermanentError(
                "TOP trade %s has no modified time." % tid, payload=payload
            )
        try:
            updated_at = beijing_to_utc(modified)
            created_at = beijing_to_utc(created)
        except (TypeError, ValueError):
            raise PermanentError(
                "TOP trade %s has an invalid time (%r, %r)." % (tid, created, modified),
                payload=payload,
            )
        lines = self._normalize_lines(tid, payload)
        payment = payload.get("payment")
        if payment in (None, ""):
            raise PermanentError("TOP trade %s has no payment." % tid, payload=payload)
        total = _money(payment, "payment", tid)
        return {
            "channel_order_id": tid,
            "status": self._normalize_status(tid, payload),
            "updated_at": updated_at,
            "created_at": created_at,
            "currency": "CNY",
            "buyer_id": "%s"
            % (payload.get("oaid") or payload.get("buyer_open_uid") or ""),
            "buyer_nick": payload.get("buyer_nick") or "",
            "receiver": {
                "name": payload.get("receiver_name") or "",
                "phone": (
                    payload.get("receiver_mobile")
                    or payload.get("receiver_phone")
                    or ""
                ),
                "country_code": "CN",
                "state": payload.get("receiver_state") or "",
                "city": payload.get("receiver_city") or "",
                "district": payload.get("receiver_district") or "",
                "address": payload.get("receiver_address") or "",
                "zip": payload.get("receiver_zip") or "",
                "masked": True,
            },
            "lines": lines,
            "shipping_fee": _money(payload.get("post_fee"), "post_fee", tid),
            "discount_amount": _money(payload.get("discount_fee"), "discount_fee", tid),
            "total": total,
            "paid_amount": total if payload.get("pay_time") else 0.0,
            "remark": payload.get("buyer_message") or "",
        }

    def _normalize_status(self, tid, payload):
        status = payload.get("status")
        if status == "TRADE_CLOSED":
            return "refunded" if payload.get("pay_time") else "cancelled"
        try:
            return STATUS_MAP[status]
        except (KeyError, TypeError):
            raise PermanentError(
                "TOP trade %s has an unknown status %r." % (tid, status),
                payload=payload,
            )

    def _normalize_lines(self, tid, payload):
        orders = payload.get("orders")
        if isinstance(orders, dict):
            orders = orders.get("order")
        if not orders or not isinstance(orders, list):
            raise PermanentError(
                "TOP trade %s has no orders (lines)." % tid, payload=payload
            )
        lines = []
        for order in orders:
            oid = order.get("oid")
            if oid in (None, ""):
                raise PermanentError(
                    "A line of TOP trade %s has no oid." % tid, payload=payload
                )
            what = "line %s " % (oid,)
            sku = order.get("outer_sku_id") or order.get("outer_iid")
            if not sku:
                raise PermanentError(
                    "Line %s (%s) of TOP trade %s has no SKU code "
                    "(outer_sku_id / outer_iid)."
                    % (oid, order.get("title") or "?", tid),
                    payload=payload,
                )
            if order.get("num") in (None, "") or order.get("price") in (None, ""):
                raise PermanentError(
                    "Line %s of TOP trade %s has no quantity or price." % (oid, tid),
                    payload=payload,
                )
            discount = _money(order.get("discount_fee"), what + "discount_fee", tid)
            adjust = _money(order.get("adjust_fee"), what + "adjust_fee", tid)
            lines.append(
                {
                    "line_id": "%s" % (oid,),
                    "sku": "%s" % (sku,),
                    "name": order.get("title") or "%s" % (sku,),
                    "quantity": _money(order.get("num"), what + "num", tid),
                    "price_unit": _money(order.get("price"), what + "price", tid),
                    # TOP: payment = price * num + adjust_fee - discount_fee
                    "discount_amount": round(discount - adjust, 2),
                }
            )
        return lines

    # -- stock, shipments, products ---------------------------------------
    def push_stock(self, quantities):
        """Full update of each SKU with ``taobao.item.quantity.update``
        (``outer_id`` = SKU, ``type`` 1).  TOP has no batch by outer id
        (``taobao.skus.quantity.update`` needs the item's ``num_iid``), so
        the "batch" is one call per SKU.  A permanent error of one SKU is
        its result; a retryable error stops the batch and propagates."""
        results = {}
        for sku, quantity in quantities.items():
            try:
                quantity = max(0, int(quantity))
            except (TypeError, ValueError):
                results[sku] = "Invalid quantity %r." % (quantity,)
                continue
            try:
                self.call(
                    "taobao.item.quantity.update",
                    {"outer_id": sku, "quantity": quantity, "type": 1},
                )
            except PermanentError as exc:
                results[sku] = "%s" % exc
            else:
                results[sku] = None
        return results

    def write_shipment(
        self, channel_order_id, carrier_code, tracking_number, lines=None
    ):
        """``taobao.logistics.offline.send`` (own logistics).  ``lines``
        splits the shipment by sub-order (TOP ships whole sub-orders: the
        quantities are ignored).  An order TOP reports as already shipped
        (``ALREADY_SHIPPED_SUB_CODE``) is a success: the write-back is
        idempotent.  Returns ``{"already_shipped": bool}``."""
        if not carrier_code or not tracking_number:
            raise PermanentError(
                "A TOP shipment needs a carrier code and a tracking number."
            )
        params = {
            "tid": channel_order_id,
            "out_sid": tracking_number,
            "company_code": carrier_code,
        }
        if lines:
            params["is_split"] = 1
            params["sub_tid"] = ",".join("%s" % (line[0],) for line in lines)
        try:
            result = self.call("taobao.logistics.offline.send", params)
        except PermanentError as exc:
            error = (exc.payload or {}).get("error_response") or {}
            if error.get("sub_code") == ALREADY_SHIPPED_SUB_CODE:
                return {"already_shipped": True}
            raise
        shipping = result.get("shipping") or {}
        if shipping.get("is_success") not in (True, "true"):
            raise PermanentError(
                "TOP did not confirm the shipment of %s." % channel_order_id,
                payload=result,
            )
        return {"already_shipped": False}

    def fetch_products(self):
        """The on-sale items (``taobao.items.onsale.get``), one entry per
        SKU with an outer id; items without SKUs give their own outer id.
        Entries without an outer id cannot be matched and are left out."""
        products = []
        page_no = 1
        while True:
            result = self.call(
                "taobao.items.onsale.get",
                {
                    "fields": ITEM_FIELDS,
                    "page_no": page_no,
                    "page_size": self.page_size,
                },
            )
            items = (result.get("items") or {}).get("item") or []
            for item in items:
                products.extend(self._item_products(item))
            total = _int(result.get("total_results") or 0, "total_results")
            if not items or page_no * self.page_size >= total:
                return products
            page_no += 1

    @staticmethod
    def _item_products(item):
        num_iid = "%s" % (item.get("num_iid") or "",)
        title = item.get("title") or ""
        skus = (item.get("skus") or {}).get("sku") or []
        if not skus:
            if not item.get("outer_id"):
                return []
            return [
                {
                    "sku": "%s" % item["outer_id"],
                    "name": title,
                    "product_ref": num_iid,
                    "variant_ref": "",
                }
            ]
        products = []
        for sku in skus:
            if not sku.get("outer_id"):
                continue
            name = title
            if sku.get("properties_name"):
                name = "%s (%s)" % (title, sku["properties_name"])
            products.append(
                {
                    "sku": "%s" % sku["outer_id"],
                    "name": name,
                    "product_ref": num_iid,
                    "variant_ref": "%s" % (sku.get("sku_id") or "",),
                }
            )
        return products

    # -- masked buyer data ---------------------------------------------
    @staticmethod
    def _oaid_tid(payload):
        payload = payload or {}
        tid = payload.get("tid") or payload.get("channel_order_id")
        oaid = payload.get("oaid") or payload.get("buyer_id")
        if not tid or not oaid:
            raise PermanentError(
                "Decrypting a TOP receiver needs the trade's tid and oaid."
            )
        return "%s" % (tid,), "%s" % (oaid,)

    def decrypt_receiver(self, payload, scene):
        """The plaintext receiver of a raw trade (``tid`` and ``oaid``)
        through ``taobao.top.oaid.decrypt``; not cached."""
        if not scene:
            raise PermanentError("Decrypting a TOP receiver needs a scene.")
        tid, oaid = self._oaid_tid(payload)
        result = self.call(
            "taobao.top.oaid.decrypt",
            {"query_list": [{"oaid": oaid, "tid": tid, "scene": scene}]},
        )
        receivers = (result.get("receiver_list") or {}).get("receiver") or []
        if not receivers:
            raise PermanentError(
                "TOP decrypted no receiver for %s." % tid, payload=result
            )
        receiver = receivers[0]
        return {
            "name": receiver.get("name") or "",
            "phone": receiver.get("mobile") or receiver.get("phone") or "",
            "state": receiver.get("state") or "",
            "city": receiver.get("city") or "",
            "district": receiver.get("district") or "",
            "address": receiver.get("address_detail") or "",
        }

    def get_waybill(self, payload, carrier_code):
        """An electronic waybill from Cainiao (``cainiao.waybill.ii.get``)
        for the raw trade ``payload``; the recipient is given by oaid and
        tid, Cainiao prints the plaintext itself."""
        if not carrier_code:
            raise PermanentError("A waybill needs a carrier code.")
        tid, oaid = self._oaid_tid(payload)
        items = []
        orders = payload.get("orders") or {}
        if isinstance(orders, dict):
            orders = orders.get("order") or []
        for order in orders or []:
            items.append(
                {
                    "name": order.get("title") or "",
                    "count": _int(order.get("num") or 1, "num"),
                }
            )
        request = {
            "cp_code": carrier_code,
            "sender": self.config.get("waybill_sender") or {},
            "trade_order_info_dtos": [
                {
                    "object_id": tid,
                    "order_info": {
                        "order_channels_type": "TB",
                        "trade_order_list": [tid],
                    },
                    "package_info": {"id": tid, "items": items},
                    "recipient": {"oaid": oaid, "tid": tid},
                    "template_url": self.config.get("waybill_template_url") or "",
                }
            ],
        }
        result = self.call(
            "cainiao.waybill.ii.get",
            {"param_waybill_cloud_print_apply_new_request": request},
        )
        modules = (result.get("modules") or {}).get(
            "waybill_cloud_print_response"
        ) or []
        if not modules or not modules[0].get("waybill_code"):
            raise RetryableError(
                "Cainiao returned no waybill for %s." % tid, payload=result
            )
        return {
            "waybill_code": modules[0]["waybill_code"],
            "print_data": modules[0].get("print_data") or "",
        }


def _money(value, what, tid):
    """A TOP amount ("10.00", 10, None) as a float; None/"" is 0."""
    if value in (None, ""):
        return 0.0
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = None
    if number is None or math.isnan(number) or math.isinf(number):
        raise PermanentError(
            "TOP trade %s: %s %r is not a number." % (tid, what, value)
        )
    return number


def _int(value, what):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RetryableError("TOP returned a non-numeric %s %r." % (what, value))
