# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Local marketplace servers for tests and demo: real HTTP on 127.0.0.1,
speaking the platforms' wire formats, keeping state (orders, stock,
shipments) and injecting faults.  Pure Python (standard library only)."""
