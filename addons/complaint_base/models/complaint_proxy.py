from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: BASE-17: a mass complaint names at most this many representatives
MAX_REPRESENTATIVES = 5


class ComplaintComplaint(models.Model):
    """Proxy and representatives (委托, BASE-17).

    A complaint may be filed by someone else than the complainant: an agent
    with a signed authorisation (授权委托书), a legal guardian, or an heir of
    a deceased complainant (with the proof of inheritance).  The document
    is required whenever a proxy is recorded.  A mass complaint records at
    most five representatives.
    """

    _inherit = "complaint.complaint"

    proxy_partner_id = fields.Many2one(
        "res.partner",
        string="Filed by (Proxy)",
        tracking=True,
        ondelete="restrict",
        help="The person who files the complaint on the complainant's behalf.",
    )
    proxy_type = fields.Selection(
        [
            ("agent", "Authorised agent"),
            ("guardian", "Legal guardian"),
            ("heir", "Heir"),
        ],
        string="Proxy Capacity",
        default="agent",
    )
    proxy_document_ids = fields.Many2many(
        "ir.attachment",
        "complaint_proxy_document_rel",
        "complaint_id",
        "attachment_id",
        string="Authorisation Document",
        help="The signed authorisation, the guardianship or the proof of "
        "inheritance.",
    )
    representative_ids = fields.Many2many(
        "res.partner",
        "complaint_representative_rel",
        "complaint_id",
        "partner_id",
        string="Representatives",
        help="Representatives of a mass complaint (at most 5).",
    )

    @api.constrains("proxy_partner_id", "proxy_document_ids")
    def _check_proxy_document(self):
        for rec in self:
            if rec.proxy_partner_id and not rec.proxy_document_ids:
                raise ValidationError(
                    _(
                        "Complaint %(name)s is filed by %(proxy)s on the "
                        "complainant's behalf: attach the signed authorisation "
                        "(or the proof of guardianship or inheritance).",
                        name=rec.name,
                        proxy=rec.proxy_partner_id.name,
                    )
                )

    @api.constrains("representative_ids")
    def _check_representatives(self):
        for rec in self:
            if len(rec.representative_ids) > MAX_REPRESENTATIVES:
                raise ValidationError(
                    _(
                        "A mass complaint names at most %(max)s representatives "
                        "(complaint %(name)s has %(count)s).",
                        max=MAX_REPRESENTATIVES,
                        name=rec.name,
                        count=len(rec.representative_ids),
                    )
                )

    def _pi_anonymise_values(self):
        """PIPL: the proxy and the representatives are personal data."""
        values = super()._pi_anonymise_values()
        values.update(
            {
                "proxy_partner_id": False,
                "proxy_document_ids": [fields.Command.clear()],
                "representative_ids": [fields.Command.clear()],
            }
        )
        return values
