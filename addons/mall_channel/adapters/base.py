# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The adapter interface every marketplace protocol implements.

An adapter is built from a plain configuration dict (the store's channel
settings) and speaks one platform's wire format over HTTP.  It returns
*normalised orders*: plain dicts with the keys below, whatever the
platform calls them, so that the Odoo side has one import path.

Normalised order (``normalize_order`` returns it, ``OrderPage.orders``
holds the *raw* payloads)::

    {
        "channel_order_id": "1234567890",     # str, unique in the store
        "status": "paid",                      # see ORDER_STATUSES
        "updated_at": "2026-11-20 10:00:00",   # UTC, "%Y-%m-%d %H:%M:%S"
        "created_at": "2026-11-20 09:58:00",
        "currency": "CNY",
        "buyer_id": "tb_buyer_01",             # platform's buyer id / OAID
        "buyer_nick": "小明",
        "receiver": {
            "name": "张**",                    # as the platform returns it
            "phone": "138****1234",           # (masked on Chinese markets)
            "country_code": "CN",
            "state": "浙江省", "city": "杭州市", "district": "西湖区",
            "address": "文三路**号",
            "zip": "310000",
            "masked": True,                   # plaintext is forbidden
        },
        "lines": [{"line_id": "1", "sku": "TEA-LJ-250", "name": "...",
                   "quantity": 2.0, "price_unit": 268.0,
                   "discount_amount": 10.0}],
        "shipping_fee": 10.0,
        "discount_amount": 5.0,               # order-level discount
        "total": 531.0,                       # what the buyer pays
        "paid_amount": 531.0,
        "remark": "请周末送货",                  # buyer remark
    }

Errors: every failure raises a ``ChannelError``: ``RetryableError`` (5xx,
timeouts, connection errors, malformed responses that a retry may fix),
``RateLimited`` (a retryable error with the delay the platform asks for)
or ``PermanentError`` (bad credentials, unknown order, invalid argument:
retrying will not help).
"""
import time

ORDER_STATUSES = (
    "unpaid",      # placed, awaiting payment
    "paid",        # paid, to ship
    "shipped",     # shipped by the seller
    "completed",   # buyer confirmed / platform closed as success
    "cancelled",   # closed before shipment (buyer or platform)
    "refunded",    # refunded after payment, before shipment
)

_REGISTRY = {}


def register_adapter(code):
    """Class decorator: make the adapter available under ``code``."""
    def decorator(cls):
        cls.code = code
        _REGISTRY[code] = cls
        return cls
    return decorator


def get_adapter_class(code):
    try:
        return _REGISTRY[code]
    except KeyError:
        raise PermanentError("No channel adapter is registered as %r." % code)


def registered_adapters():
    """[(code, label)] of the registered adapters, sorted by label."""
    return sorted(((code, cls.label) for code, cls in _REGISTRY.items()),
                  key=lambda item: item[1])


class ChannelError(Exception):
    """A call to the channel failed.  ``retryable`` says whether the same
    call may succeed later; ``payload`` keeps the raw response if any."""

    retryable = False

    def __init__(self, message, payload=None, retry_after=None):
        super(ChannelError, self).__init__(message)
        self.payload = payload
        self.retry_after = retry_after


class RetryableError(ChannelError):
    retryable = True


class RateLimited(RetryableError):
    """The platform's rate limit: retry after ``retry_after`` seconds."""


class PermanentError(ChannelError):
    retryable = False


class OrderPage(object):
    """One page of changed orders: the raw payloads and the cursor of the
    next page (None on the last page)."""

    def __init__(self, orders, next_cursor=None):
        self.orders = orders
        self.next_cursor = next_cursor

    def __repr__(self):
        return "<OrderPage %d orders, next=%r>" % (
            len(self.orders), self.next_cursor)


class RateLimiter(object):
    """At most ``rate`` calls per second for one adapter instance (the
    platforms' per-app limits); ``rate`` 0 disables it."""

    def __init__(self, rate, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / rate if rate else 0.0
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0

    def wait(self):
        if not self.interval:
            return
        now = self.clock()
        if now < self._next:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


class ChannelAdapter(object):
    """Base class.  ``config`` keys (all optional but ``endpoint`` for the
    HTTP adapters): ``endpoint``, ``app_key``, ``app_secret``,
    ``access_token``, ``shop_id``, ``location_id``, ``rate_limit`` (calls
    per second), ``timeout`` (seconds), ``page_size``."""

    code = None
    label = None
    #: The platform masks buyer data and forbids storing the plaintext.
    masks_buyer_data = False
    #: The adapter fetches orders over an API (False: file upload only).
    can_fetch = True
    #: Default calls per second.
    default_rate_limit = 0

    def __init__(self, config):
        self.config = dict(config or {})
        self.timeout = float(self.config.get("timeout") or 30)
        self.page_size = int(self.config.get("page_size") or 100)
        self.limiter = RateLimiter(float(
            self.config.get("rate_limit") or self.default_rate_limit))

    # -- orders ---------------------------------------------------------
    def fetch_orders(self, since, cursor=None):
        """Orders changed since ``since`` (UTC "%Y-%m-%d %H:%M:%S"), one
        page: ``OrderPage``.  ``cursor`` is the previous page's
        ``next_cursor``."""
        raise NotImplementedError

    def fetch_order(self, channel_order_id):
        """The raw payload of one order."""
        raise NotImplementedError

    def normalize_order(self, payload):
        """The normalised order (module docstring) of a raw payload; raises
        ``PermanentError`` when the payload lacks what an order needs."""
        raise NotImplementedError

    # -- stock and shipments -------------------------------------------
    def push_stock(self, quantities):
        """Set the sellable quantity of SKUs: ``{sku: int}``.  Returns
        ``{sku: None or error message}``; pushes in the platform's batch
        size."""
        raise NotImplementedError

    def write_shipment(self, channel_order_id, carrier_code, tracking_number,
                       lines=None):
        """Mark the order shipped with the carrier and tracking number
        (``lines``: [(line_id, quantity)] for a partial shipment)."""
        raise NotImplementedError

    def fetch_products(self):
        """[{"sku", "name", "product_ref", "variant_ref"}] of the shop."""
        raise NotImplementedError

    # -- masked buyer data ---------------------------------------------
    def decrypt_receiver(self, payload, scene):
        """The plaintext receiver of an order, for the moment it is needed
        (``scene``: "waybill" or "call"); never to be stored."""
        raise PermanentError("%s does not mask buyer data." % self.label)

    def get_waybill(self, payload, carrier_code):
        """An electronic waybill (电子面单) through the platform: {"waybill_code",
        "print_data"}; the platform prints the decrypted receiver itself."""
        raise PermanentError(
            "%s has no electronic waybill service." % self.label)
