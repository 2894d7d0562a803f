from odoo import fields, models

from ..tools import local_day


class ComplaintComplaint(models.Model):
    """Complaint numbers (BASE-05): YYMM + serial, given after the
    workflow guard checked the caller's values."""

    _inherit = "complaint.complaint"

    def _workflow_create_values(self, vals_list):
        """BASE-05/57: the number is given here, after the guard checked
        the caller's values (only the numbering code sets it)."""
        vals_list = super()._workflow_create_values(vals_list)
        self._assign_numbers(vals_list)
        return vals_list

    def _local_date(self, dt, company=None):
        """Date of UTC ``dt`` in the company's complaint time zone."""
        company = company or self.company_id or self.env.company
        return local_day.local_date(dt, local_day.company_tz(company.sudo()))

    def _assign_numbers(self, vals_list):
        """BASE-05: YYMM + 4-digit serial, restarting each month per company.

        The serials come from the company's ``ir.sequence`` (one PostgreSQL
        sequence per month, see ``complaint.number.counter``): one query per
        (company, month) of the batch, no lock, so registrations never wait
        for each other.  The month is the receipt month in the company's
        complaint time zone.  A registration that is rolled back leaves a
        gap; numbers are never reused.
        """
        groups = {}
        Company = self.env["res.company"]
        for vals in vals_list:
            if vals.get("name") and vals["name"] != "/":
                continue
            received = fields.Datetime.to_datetime(vals.get("received_at")) or (
                fields.Datetime.now()
            )
            vals["received_at"] = received
            company = Company.browse(vals.get("company_id") or self.env.company.id)
            key = (company.id, self._local_date(received, company))
            groups.setdefault(key, []).append(vals)
        Numbers = self.env["complaint.number.counter"].sudo()
        months = {}
        for (company_id, day), group in groups.items():
            months.setdefault((company_id, day.replace(day=1)), []).append((day, group))
        for (company_id, _month), days in sorted(months.items()):
            count = sum(len(group) for _day, group in days)
            names = iter(Numbers._next_numbers(company_id, days[0][0], count))
            for _day, group in days:
                for vals in group:
                    vals["name"] = next(names)
