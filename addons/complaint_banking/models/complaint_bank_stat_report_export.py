from odoo import _, fields, models

from ..tools import half_year, xlsx_export

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ComplaintBankStatReportExport(models.Model):
    """The half-year report as the regulator reads it (BANK-05): summary,
    tables by business type, cause and channel, business type by cause;
    XLSX download and PDF."""

    _inherit = "complaint.bank.stat.report"

    def _lines_of(self, dimension):
        self.ensure_one()
        return self.line_ids.filtered(lambda line: line.dimension == dimension).sorted(
            lambda line: (line.code_id.code or "zz", line.id)
        )

    def _summary_rows(self):
        self.ensure_one()
        halves = dict(self._fields["half"]._description_selection(self.env))
        return [
            (_("Summary"), None),
            (_("Institution"), self.company_id.name),
            (_("Branch"), self.branch_id.display_name),
            (_("Period"), f"{self.year} {halves.get(self.half, '')}"),
            (_("From"), fields.Date.to_string(self.date_from)),
            (_("To"), fields.Date.to_string(self.date_to)),
            (_("Due"), fields.Date.to_string(self.due_date)),
            (_("Responsible Senior Manager"), self.responsible_id.name or ""),
            (_("Complaints Received"), self.received_count),
            (_("Decided"), self.decided_count),
            (_("Decided on Time"), self.on_time_count),
            (_("Decided Late"), self.overdue_count),
            (_("On-time Rate (%)"), self.on_time_rate),
            (_("Forwarded by Regulator"), self.forwarded_count),
            (_("Mass Complaints"), self.mass_count),
            (_("Merged Repeats"), self.merged_count),
            (_("Withdrawn"), self.withdrawn_count),
            (_("Reviews Applied For"), self.review_count),
            (_("Decisions Changed"), self.review_changed_count),
            (_("Not Classified"), self.unclassified_count),
            (_("Changes in the Period"), self.changes_note or ""),
            (_("Analysis"), self.analysis or ""),
        ]

    def _tables(self):
        self.ensure_one()
        headers = [
            _("Code"),
            _("Name"),
            _("Complaints"),
            _("Share (%)"),
            _("Decided"),
            _("Decided on Time"),
        ]
        tables = []
        titles = {
            "business_type": _("By Business Type"),
            "cause": _("By Cause"),
            "channel": _("By Business Channel"),
        }
        for dimension, title in titles.items():
            lines = self._lines_of(dimension)
            rows = [
                [
                    line.code_id.code or "",
                    line.code_id.name or _("Not classified"),
                    line.complaint_count,
                    line.share,
                    line.decided_count,
                    line.on_time_count,
                ]
                for line in lines
            ]
            total = [
                "",
                _("Total"),
                sum(lines.mapped("complaint_count")),
                100.0 if lines else 0.0,
                sum(lines.mapped("decided_count")),
                sum(lines.mapped("on_time_count")),
            ]
            tables.append(
                {
                    "name": title,
                    "title": f"{self.name}: {title}",
                    "headers": headers,
                    "rows": rows,
                    "total": total,
                }
            )
        tables.append(self._matrix_table())
        return tables

    def _matrix_table(self):
        """Business types (rows) by causes (columns)."""
        self.ensure_one()
        data = half_year.aggregate(self._collect_rows())
        matrix = data["matrix"]
        Code = self.env["complaint.bank.code"]
        business_ids = sorted(
            {key[0] for key in matrix}, key=lambda i: Code.browse(i).code or "zz"
        )
        cause_ids = sorted(
            {key[1] for key in matrix}, key=lambda i: Code.browse(i).code or "zz"
        )

        def label(code_id):
            code = Code.browse(code_id) if code_id else Code
            return code.display_name if code else _("Not classified")

        title = _("Business Type by Cause")
        rows = []
        for business in business_ids:
            counts = [matrix.get((business, cause), 0) for cause in cause_ids]
            rows.append([label(business), *counts, sum(counts)])
        total = [
            _("Total"),
            *[sum(matrix.get((b, c), 0) for b in business_ids) for c in cause_ids],
            sum(matrix.values()),
        ]
        return {
            "name": title,
            "title": f"{self.name}: {title}",
            "headers": [_("Business Type"), *map(label, cause_ids), _("Total")],
            "rows": rows,
            "total": total,
        }

    def _xlsx_content(self):
        self.ensure_one()
        title = _(
            "Consumer complaint report %(name)s, due %(due)s",
            name=self.name,
            due=fields.Date.to_string(self.due_date),
        )
        return xlsx_export.build_workbook(title, self._summary_rows(), self._tables())

    def action_export_xlsx(self):
        """Download the report as an Excel workbook."""
        self.ensure_one()
        if not self.computed_at and self.state == "draft":
            self._compute_figures()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.xlsx",
                "raw": self._xlsx_content(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": XLSX_MIMETYPE,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_print_pdf(self):
        return self.env.ref(
            "complaint_banking.action_report_bank_stat_report"
        ).report_action(self)
