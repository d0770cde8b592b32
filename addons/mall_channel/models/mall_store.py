# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import job

from ..adapters import get_adapter_class
from .channel_tools import adapter_selection

#: How far back the first import of a store looks.
FIRST_SYNC_DAYS = 7
#: Pages fetched by one job before it queues the next page as a new job.
PAGES_PER_JOB = 1


class MallStore(models.Model):
    _inherit = "mall.store"

    channel_adapter = fields.Selection(
        adapter_selection,
        help="The marketplace protocol the store speaks; empty: no "
        "synchronisation.")
    channel_endpoint = fields.Char(
        string="API Endpoint", help="Base URL of the platform's API.")
    channel_app_key = fields.Char(string="App Key")
    channel_app_secret = fields.Char(
        string="App Secret", groups="mall_base.group_mall_manager")
    channel_access_token = fields.Char(
        string="Access Token", groups="mall_base.group_mall_manager",
        help="The shop's authorisation (TOP session key, Shopify access "
        "token).")
    channel_shop_ref = fields.Char(string="Shop ID on the Platform")
    channel_location_ref = fields.Char(
        string="Platform Location", help="Shopify: the inventory location id.")
    channel_rate_limit = fields.Float(
        string="Calls per Second",
        help="At most this many API calls per second (0: the adapter's "
        "default).")
    channel_page_size = fields.Integer(default=100)
    channel_sync_enabled = fields.Boolean(
        string="Scheduled Import", default=True,
        help="Import the store's orders on schedule.")
    channel_sync_interval = fields.Integer(
        string="Import Every (minutes)", default=5)
    channel_synced_until = fields.Datetime(
        string="Imported Until", copy=False,
        help="Orders changed up to this moment have been imported; the next "
        "import asks for changes since then (minus a small overlap).")
    channel_last_sync = fields.Datetime(
        string="Last Import", readonly=True, copy=False)
    channel_column_mapping = fields.Text(
        string="Column Mapping",
        help='Export files: JSON {"field": "column header"}, e.g. '
        '{"sku": "商家编码", "order_id": "订单编号"}; unset fields use the '
        'usual headers.')
    channel_auto_confirm = fields.Boolean(
        string="Confirm Imported Orders", default=True,
        help="Confirm (and reserve stock for) imported orders that no "
        "review rule holds.")
    channel_masks_buyer_data = fields.Boolean(
        compute="_compute_channel_flags", string="Masked Buyer Data")
    channel_can_fetch = fields.Boolean(compute="_compute_channel_flags")
    channel_order_count = fields.Integer(compute="_compute_channel_counts")
    channel_error_count = fields.Integer(compute="_compute_channel_counts")
    channel_held_count = fields.Integer(compute="_compute_channel_counts")
    channel_today_count = fields.Integer(compute="_compute_channel_counts")

    @api.depends("channel_adapter")
    def _compute_channel_flags(self):
        for store in self:
            cls = store.channel_adapter and get_adapter_class(
                store.channel_adapter)
            store.channel_masks_buyer_data = bool(cls and cls.masks_buyer_data)
            store.channel_can_fetch = bool(cls and cls.can_fetch)

    @api.multi
    def _compute_channel_counts(self):
        ChannelOrder = self.env["mall.channel.order"]
        today = fields.Date.context_today(self)
        counts = {}
        for key, domain in (
                ("order", []), ("error", [("state", "=", "error")]),
                ("held", [("state", "=", "held")]),
                ("today", [("received_date", ">=", today)])):
            data = ChannelOrder.read_group(
                [("store_id", "in", self.ids)] + domain, ["store_id"],
                ["store_id"])
            counts[key] = {row["store_id"][0]: row["store_id_count"]
                           for row in data}
        for store in self:
            store.channel_order_count = counts["order"].get(store.id, 0)
            store.channel_error_count = counts["error"].get(store.id, 0)
            store.channel_held_count = counts["held"].get(store.id, 0)
            store.channel_today_count = counts["today"].get(store.id, 0)

    # ------------------------------------------------------------------
    # Adapter

    @api.multi
    def _mall_channel_config(self):
        self.ensure_one()
        # sudo: the secrets are hidden from non-managers in the UI, but
        # every sync (run by whoever) needs them.
        store = self.sudo()
        mapping = {}
        if store.channel_column_mapping:
            try:
                mapping = json.loads(store.channel_column_mapping)
            except ValueError:
                raise UserError(_(
                    "The column mapping of store %s is not valid JSON.")
                    % store.name)
        return {
            "endpoint": store.channel_endpoint,
            "app_key": store.channel_app_key,
            "app_secret": store.channel_app_secret,
            "access_token": store.channel_access_token,
            "shop_id": store.channel_shop_ref,
            "location_id": store.channel_location_ref,
            "rate_limit": store.channel_rate_limit,
            "page_size": store.channel_page_size,
            "column_mapping": mapping,
        }

    @api.multi
    def _mall_get_adapter(self):
        self.ensure_one()
        if not self.channel_adapter:
            raise UserError(_("Store %s has no channel adapter.") % self.name)
        return get_adapter_class(self.channel_adapter)(
            self._mall_channel_config())

    @api.multi
    def action_channel_propose_skus(self):
        """Button: read the shop's SKUs and propose their mappings."""
        self.ensure_one()
        wizard = self.env["mall.channel.sku.propose"]._mall_start(self)
        return {
            "type": "ir.actions.act_window",
            "name": _("Map Platform SKUs"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.multi
    def _mall_job_channel(self):
        """The queue_job channel of the store (root.mall_channel.<code>):
        one store's slow platform does not hold the others up."""
        self.ensure_one()
        return "root.mall_channel.%s" % self.code

    @api.multi
    def _mall_ensure_job_channel(self):
        # sudo: job channels are queue_job configuration.  They are not
        # module data: queue_job's job functions point at them, so they
        # stay when the module is uninstalled (as queue_job's own do).
        Function = self.env["queue.job.function"].sudo()
        for store in self.filtered("channel_adapter"):
            Function._find_or_create_channel(store._mall_job_channel())

    @api.model
    def create(self, vals):
        store = super(MallStore, self).create(vals)
        store._mall_ensure_job_channel()
        return store

    @api.multi
    def write(self, vals):
        result = super(MallStore, self).write(vals)
        if "channel_adapter" in vals or "code" in vals:
            self._mall_ensure_job_channel()
        return result

    # ------------------------------------------------------------------
    # Import

    @api.multi
    def action_channel_sync_now(self):
        """Queue an import of the store's changed orders now."""
        for store in self:
            if not store.channel_can_fetch:
                raise UserError(_(
                    "Store %s has no API to fetch orders from: upload its "
                    "order export file instead.") % store.name)
            store._mall_queue_import_page(None)
        return True

    @api.multi
    def _mall_import_since(self):
        self.ensure_one()
        if self.channel_synced_until:
            start = fields.Datetime.from_string(self.channel_synced_until)
            # A small overlap: platforms index changes with some delay.
            return fields.Datetime.to_string(start - timedelta(minutes=2))
        return fields.Datetime.to_string(
            datetime.utcnow() - timedelta(days=FIRST_SYNC_DAYS))

    @api.multi
    def _mall_queue_import_page(self, cursor, since=None, until=None):
        self.ensure_one()
        since = since or self._mall_import_since()
        until = until or fields.Datetime.now()
        return self.with_delay(
            channel=self._mall_job_channel(),
            description=_("Import orders of %(store)s (page %(page)s)") % {
                "store": self.name, "page": cursor or 1},
            identity_key="mall_channel_import:%d:%s:%s" % (
                self.id, since, cursor or ""),
        )._job_import_orders(since, until, cursor)

    @job(default_channel="root.mall_channel")
    @api.multi
    def _job_import_orders(self, since, until, cursor=None):
        """One page of changed orders: store the payloads, import them,
        queue the next page; the last page moves the store's cursor."""
        self.ensure_one()
        log = self.env["mall.channel.sync.log"]._mall_start(self, "orders")
        page = log._mall_call(lambda: self._mall_get_adapter().fetch_orders(
            since, cursor))
        channel_orders = self.env["mall.channel.order"]._mall_receive(
            self, page.orders)
        result = channel_orders._mall_process()
        log._mall_done(fetched=len(page.orders), **result)
        if page.next_cursor:
            self._mall_queue_import_page(page.next_cursor, since, until)
        else:
            self.sudo().write({"channel_synced_until": until,
                               "channel_last_sync": fields.Datetime.now()})
        return _("%d orders fetched") % len(page.orders)

    @api.model
    def _run_channel_import(self):
        """Scheduled: queue the import of every store whose interval has
        passed."""
        now = datetime.utcnow()
        for store in self.search([("channel_sync_enabled", "=", True),
                                  ("channel_adapter", "!=", False)]):
            if not store.channel_can_fetch:
                continue
            last = store.channel_last_sync and fields.Datetime.from_string(
                store.channel_last_sync)
            if not last or last + timedelta(
                    minutes=store.channel_sync_interval or 5) <= now:
                store._mall_queue_import_page(None)
        return True

    @api.multi
    def action_view_channel_orders(self):
        self.ensure_one()
        action = self.env.ref("mall_channel.mall_channel_order_action").read()[0]
        action["domain"] = [("store_id", "=", self.id)]
        action["context"] = {"search_default_store_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Stock push (see mall.channel.stock)

    stock_push_enabled = fields.Boolean(
        string="Push Stock", help="Send the sellable quantities to the "
        "platform when they change and on schedule.")
    stock_location_id = fields.Many2one(
        "stock.location", string="Stock From",
        help="Stock location counted for the platform (default: the stock "
        "of the store's warehouse).")
    stock_safety = fields.Float(
        string="Safety Stock", default=0.0,
        help="Units of each SKU kept back from the platform.")
    stock_share = fields.Float(
        string="Allocation Share (%)", default=100.0,
        help="Part of the sellable stock offered on this store (several "
        "stores sharing one warehouse).")
    stock_cap = fields.Integer(
        string="Offer at Most", default=0,
        help="Never offer more than this many units of a SKU (0: no cap).")

    _sql_constraints = [
        ("stock_share_range", "CHECK(stock_share >= 0 AND stock_share <= 100)",
         "The allocation share is a percentage."),
    ]

    @api.multi
    def _mall_stock_location(self):
        self.ensure_one()
        return self.stock_location_id or (
            self.warehouse_id or self.env["stock.warehouse"].search(
                [("company_id", "=", self.company_id.id)], limit=1)
        ).lot_stock_id

    @api.multi
    def _mall_queue_stock_sync(self, eta=None):
        for store in self.filtered("stock_push_enabled"):
            store.with_delay(
                channel=store._mall_job_channel(), eta=eta,
                description=_("Push stock of %s") % store.name,
                identity_key="mall_channel_stock:%d" % store.id,
            )._job_sync_stock()
        return True

    @job(default_channel="root.mall_channel")
    @api.multi
    def _job_sync_stock(self):
        """Compute the store's levels and push those that changed."""
        self.ensure_one()
        Stock = self.env["mall.channel.stock"]
        changed = Stock._mall_compute(self)
        pushed = Stock._mall_push(self) if changed else 0
        return _("%(changed)d levels changed, %(pushed)d pushed") % {
            "changed": changed, "pushed": pushed}

    @api.multi
    def action_channel_push_stock(self):
        self._mall_queue_stock_sync()
        return True

    @api.model
    def _run_stock_push(self):
        """Scheduled: a full computation for every store pushing stock."""
        self.search([("stock_push_enabled", "=", True),
                     ("channel_adapter", "!=", False)])._mall_queue_stock_sync()
        return True
