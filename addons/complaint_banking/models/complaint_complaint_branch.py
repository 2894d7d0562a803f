from odoo import api, fields, models, tools


class ComplaintComplaint(models.Model):
    """Branches of a bank complaint (BANK-06): the branch that first received
    it (first-question responsibility), the branch that handles and reports
    it, its responsible senior manager, who follows the complaint, and the
    approvers of a long extension.
    """

    _inherit = "complaint.complaint"

    # --------------------------------------------- BANK-06 branches
    bank_receiving_branch_id = fields.Many2one(
        "hr.department",
        string="First-Question Branch",
        domain=[("is_bank_branch", "=", True)],
        default=lambda self: self._default_bank_receiving_branch(),
        index=True,
        tracking=True,
        help="Branch where the customer first complained: it registers the "
        "complaint and stays on record as responsible for the first answer "
        "(first-question responsibility).",
    )
    bank_branch_id = fields.Many2one(
        "hr.department",
        string="Handling Branch",
        domain=[("is_bank_branch", "=", True)],
        compute="_compute_bank_branch_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Branch that decides the complaint and reports it in its "
        "half-year statistics.",
    )
    bank_senior_manager_id = fields.Many2one(
        related="bank_branch_id.bank_senior_manager_id",
        store=True,
        precompute=True,
        string="Responsible Senior Manager",
    )
    bank_superior_branch_id = fields.Many2one(
        related="bank_branch_id.bank_superior_branch_id",
        string="Superior Branch",
    )

    # ============================================================ defaults
    @api.model
    def _default_bank_receiving_branch(self):
        """The branch of the user's employee in the current company."""
        return self._bank_user_branch(self.env.uid, self.env.company.id)

    @api.model
    @tools.ormcache("uid", "company_id")
    def _bank_user_branch(self, uid, company_id):
        """Cached per process (a registration would search the employee
        each time): a change to an employee's user, department, company,
        name or archiving and any change to a department clear the cache
        (``hr.employee.write``, ``hr.department``)."""
        user = self.env["res.users"].sudo().browse(uid).with_company(company_id)
        return user.employee_id.department_id._bank_get_branch().id or False

    @api.depends("department_id", "bank_receiving_branch_id")
    def _compute_bank_branch_id(self):
        for rec in self:
            rec.bank_branch_id = (
                rec.department_id._bank_get_branch()
                or rec.bank_branch_id
                or rec.bank_receiving_branch_id
            )

    # ======================================================== approvals
    def _bank_long_extension_approvers(self):
        """Users who may approve an extension beyond the 2020 threshold:
        the senior manager of the superior branch and the head-office
        senior managers (BANK-01b)."""
        self.ensure_one()
        users = self.bank_superior_branch_id.bank_senior_manager_id
        head_offices = self.env["hr.department"]._bank_head_offices(self.company_id)
        users |= head_offices.bank_senior_manager_id
        return users

    def _bank_follow_senior_manager(self):
        """BANK-06: the responsible senior manager follows the complaint
        (complaints that need the same followers subscribe them together)."""
        batches = {}
        for rec in self:
            partners = rec.bank_senior_manager_id.partner_id
            partners |= rec.bank_receiving_branch_id.bank_senior_manager_id.partner_id
            partners -= rec.message_partner_ids
            if partners:
                key = tuple(sorted(partners.ids))
                batches[key] = batches.get(key, self.browse()) | rec
        for partner_ids, records in batches.items():
            records.message_subscribe(partner_ids=list(partner_ids))
