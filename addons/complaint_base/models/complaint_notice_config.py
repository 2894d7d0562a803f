from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_sms_gateway_id = fields.Many2one(
        "complaint.sms.gateway",
        string="SMS Gateway",
        domain="[('company_id', '=', id)]",
        help="Sends the company's SMS (acknowledgements, notices, rating "
        "links) instead of Odoo's IAP. Without one, SMS notices are refused "
        "(BASE-46).",
    )


class ComplaintTeam(models.Model):
    """BASE-09: each team says how its complainants are acknowledged."""

    _inherit = "complaint.team"

    ack_email = fields.Boolean(
        string="Acknowledge by E-mail",
        default=True,
        help="Send the acknowledgement (number, next steps, promised date, "
        "contact, tracking link) by e-mail when the complainant has an "
        "address; the rating link follows the same choice.",
    )
    ack_sms = fields.Boolean(
        string="Acknowledge by SMS",
        default=True,
        help="Send the acknowledgement by SMS when the complainant has a "
        "mobile number; the rating link follows the same choice.",
    )


class ComplaintChannel(models.Model):
    """BASE-09: and so does each intake channel."""

    _inherit = "complaint.channel"

    ack_email = fields.Boolean(string="Acknowledge by E-mail", default=True)
    ack_sms = fields.Boolean(string="Acknowledge by SMS", default=True)
