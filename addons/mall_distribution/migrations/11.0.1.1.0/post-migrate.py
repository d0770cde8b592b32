# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.1.0: a settlement posts one entry per 500 beneficiaries; the
single entry of the settlements posted before moves to the new list."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        SELECT 1 FROM information_schema.columns
         WHERE table_name = 'mall_commission_settlement'
           AND column_name = 'move_id'""")
    if not cr.fetchone():
        return
    cr.execute("""
        INSERT INTO mall_commission_settlement_move_rel (settlement_id,
                                                         move_id)
        SELECT id, move_id FROM mall_commission_settlement
         WHERE move_id IS NOT NULL
        ON CONFLICT DO NOTHING""")
