# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel adapters: one class per marketplace protocol, registered by code.

Pure Python (no Odoo import): the Odoo models feed them a configuration
dict and store what they return.  See ``base.ChannelAdapter``."""
from .base import (ChannelAdapter, ChannelError, OrderPage, PermanentError,
                   RateLimited, RetryableError, get_adapter_class,
                   register_adapter, registered_adapters)
from . import top  # noqa: F401 (registers "top")
from . import shopify  # noqa: F401 (registers "shopify")
from . import orderfile  # noqa: F401 (registers "file")

__all__ = [
    "ChannelAdapter", "ChannelError", "OrderPage", "PermanentError",
    "RateLimited", "RetryableError", "get_adapter_class", "register_adapter",
    "registered_adapters",
]
