from odoo import fields, models

CROSS_SELL_CASES = [
    ("own_staff_other_product", "Our sales force sold another group company's product"),
    ("group_staff_our_product", "Another group company's sales force sold our product"),
    ("customer_data", "Our customers' data used to market products"),
    ("other_company", "Product of another company: refer the complainant"),
]


class ComplaintCategory(models.Model):
    _inherit = "complaint.category"

    insurance_cross_sell_case = fields.Selection(
        CROSS_SELL_CASES,
        string="Cross-selling Case",
        help="Seed 000 第一条(一)4: who sold what decides who handles a "
        "cross-selling complaint (INS-06). Set on the catalogue node; its "
        "sub-levels inherit it.",
    )

    def _get_cross_sell_case(self):
        """The cross-selling case of this node or of its nearest ancestor."""
        self.ensure_one()
        node = self
        while node:
            if node.insurance_cross_sell_case:
                return node.insurance_cross_sell_case
            node = node.parent_id
        return False
