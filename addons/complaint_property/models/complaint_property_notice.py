from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class ComplaintPropertyNotice(models.Model):
    """Notice on the estate's board about a common issue (PROP-10:
    普遍性投诉问题由管理处在小区公告栏集中公告解决措施).

    Its state and publication (who, when) are written by the actions only
    (BASE-57).  A notice is public by nature and addresses several
    complaints: it follows its company rule; the complaints it lists are
    read with the reader's own rights.
    """

    _name = "complaint.property.notice"
    _description = "Property Notice"
    _inherit = ["complaint.workflow.guard", "mail.thread", "complaint.proof.kept"]
    _workflow_fields = {
        "state": "action_publish action_withdraw action_reset_draft",
        "published_at": "action_publish",
        "published_by": "action_publish",
    }
    _order = "published_at desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    building_ids = fields.Many2many(
        "complaint.property.building",
        "complaint_property_notice_building_rel",
        "notice_id",
        "building_id",
        string="Buildings",
        check_company=True,
        help="Boards where the notice is posted; empty: the whole estate.",
    )
    content = fields.Html(help="The common issue and the measures taken.")
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_property_notice_complaint_rel",
        "notice_id",
        "complaint_id",
        string="Complaints Addressed",
        check_company=True,
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    published_at = fields.Datetime(string="Published", readonly=True, copy=False)
    published_by = fields.Many2one("res.users", readonly=True, copy=False)
    valid_until = fields.Date()

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for notice in self:
            notice.complaint_count = len(notice.complaint_ids)

    def action_publish(self):
        self.check_access("write")
        for notice in self:
            if notice.state != "draft":
                raise UserError(_("Notice “%s” is not a draft.", notice.name))
            if is_html_empty(notice.content):
                raise UserError(
                    _("Write the issue and the measures before publishing the notice.")
                )
            notice._workflow_write(
                {
                    "state": "published",
                    "published_at": fields.Datetime.now(),
                    "published_by": self.env.user.id,
                }
            )
            # the complaints may belong to teams the publisher is not in
            for complaint in notice.complaint_ids.sudo():
                complaint.message_post(
                    body=_(
                        "The measures on this issue were published in the notice "
                        "“%s”.",
                        notice.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_withdraw(self):
        self.check_access("write")
        self.filtered(lambda n: n.state == "published")._workflow_write(
            {"state": "withdrawn"}
        )
        return True

    def action_reset_draft(self):
        self.check_access("write")
        self.filtered(lambda n: n.state == "withdrawn")._workflow_write(
            {"state": "draft"}
        )
        return True

    def _proof_records(self):
        """A notice once published (PROP-10)."""
        return self.filtered("published_at")
