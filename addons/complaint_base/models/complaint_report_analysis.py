from odoo import fields, models, tools
from odoo.tools import SQL

from .complaint_complaint import SATISFACTION
from .complaint_dashboard import IN_SCOPE_SQL, NOT_VALID_SQL, OVERDUE_SQL
from .complaint_stats_dirty import STATS_COLUMNS

#: issue 14: the statistics of a period read this index alone (index-only
#: scan, no visit of the wide complaint rows): the complaints in scope
#: (not merged, BASE-15) by company and reception time, carrying every
#: column the dashboard, the periodic reports and the analysis pivot use,
#: and those of the readers' record rules (company, confidentiality)
STATS_INDEX = "complaint_complaint_stats_scope_index"
STATS_INDEX_COLUMNS = tuple(
    col for col in STATS_COLUMNS if col not in ("company_id", "received_at")
) + ("is_confidential", "id")
HANDLING_BUCKETS = [
    ("a_5", "Up to 5 working days"),
    ("b_10", "6 to 10 working days"),
    ("c_15", "11 to 15 working days"),
    ("d_30", "16 to 30 working days"),
    ("e_more", "More than 30 working days"),
    ("open", "Not resolved yet"),
]


class ComplaintReport(models.Model):
    """Complaint analysis (BASE-51): one row per complaint with the measures
    managers ask for.  Rates are 0/100 columns averaged by the pivot, so the
    average of ``overdue_rate`` over a group *is* the group's overdue rate.

    A row is visible to whoever may read its complaint
    (``complaint.child.access``: the complaint's rules, confidentiality and
    companies included), so a reviewer never sees the rows of a confidential
    complaint about themselves (BASE-54)."""

    _name = "complaint.report"
    _inherit = ["complaint.child.access"]
    _description = "Complaint Analysis"
    _auto = False
    _rec_name = "name"
    _order = "received_at desc"

    complaint_id = fields.Many2one("complaint.complaint", readonly=True)
    name = fields.Char(string="Number", readonly=True)
    received_at = fields.Datetime(string="Received", readonly=True)
    resolved_at = fields.Datetime(string="Resolved", readonly=True)
    closed_at = fields.Datetime(string="Closed", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.complaint"]
        ._fields["sector"]
        ._description_selection(self.env),
        readonly=True,
    )
    channel_id = fields.Many2one("complaint.channel", readonly=True)
    category_id = fields.Many2one("complaint.category", readonly=True)
    main_category_id = fields.Many2one(
        "complaint.category", string="Main Category", readonly=True
    )
    department_id = fields.Many2one(
        "hr.department", string="Complained Department", readonly=True
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Complained Employee", readonly=True
    )
    team_id = fields.Many2one("complaint.team", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    severity = fields.Selection(
        [("general", "General"), ("important", "Important"), ("major", "Major")],
        readonly=True,
    )
    # every state of the complaint, withdrawn (BASE-16) included
    state = fields.Selection(
        selection=lambda self: self.env["complaint.complaint"]
        ._fields["state"]
        ._description_selection(self.env),
        readonly=True,
    )
    satisfaction = fields.Selection(SATISFACTION, readonly=True)
    is_archived = fields.Boolean(string="Archived", readonly=True)
    is_late = fields.Boolean(string="Overdue", readonly=True)
    is_repeat = fields.Boolean(string="Repeat", readonly=True)
    handling_bucket = fields.Selection(
        HANDLING_BUCKETS, string="Handling Time", readonly=True
    )
    nbr = fields.Integer(string="Complaints", aggregator="sum", readonly=True)
    handling_days = fields.Float(
        string="Handling Time (working days)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
    )
    overdue_rate = fields.Float(
        string="Overdue Rate (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    followup_rate = fields.Float(
        string="Follow-up Rate (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Share of the resolved complaints that had their follow-up visit.",
    )
    satisfaction_score = fields.Float(
        string="Satisfaction (1-5)", aggregator="avg", readonly=True, digits=(16, 2)
    )
    transfer_count = fields.Integer(string="Transfers", aggregator="sum", readonly=True)
    transfer_rate = fields.Float(
        string="Transferred (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    repeat_rate = fields.Float(
        string="Repeat Rate (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    substantiated_rate = fields.Float(
        string="Substantiated (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    reopen_count = fields.Integer(string="Reopened", aggregator="sum", readonly=True)

    # BASE-15: merged repeats are not rows of the analysis (their original
    # counts once); withdrawn ones are rows in their own state (BASE-16)
    def _query(self):
        return SQL(
            """
            SELECT c.id AS id,
                   c.id AS complaint_id,
                   c.name AS name,
                   1 AS nbr,
                   c.received_at AS received_at,
                   c.resolved_at AS resolved_at,
                   c.closed_at AS closed_at,
                   c.company_id AS company_id,
                   c.sector AS sector,
                   c.channel_id AS channel_id,
                   c.category_id AS category_id,
                   NULLIF(split_part(cat.parent_path, '/', 1), '')::integer
                       AS main_category_id,
                   c.department_id AS department_id,
                   c.employee_id AS employee_id,
                   c.team_id AS team_id,
                   c.user_id AS user_id,
                   c.severity AS severity,
                   c.state AS state,
                   c.satisfaction AS satisfaction,
                   NOT coalesce(c.active, TRUE) AS is_archived,
                   %(overdue)s AS is_late,
                   coalesce(c.is_repeat, FALSE) AS is_repeat,
                   CASE WHEN c.resolved_at IS NULL THEN 'open'
                        WHEN c.handling_days <= 5 THEN 'a_5'
                        WHEN c.handling_days <= 10 THEN 'b_10'
                        WHEN c.handling_days <= 15 THEN 'c_15'
                        WHEN c.handling_days <= 30 THEN 'd_30'
                        ELSE 'e_more' END AS handling_bucket,
                   CASE WHEN c.resolved_at IS NOT NULL
                        THEN c.handling_days END AS handling_days,
                   CASE WHEN %(not_valid)s THEN NULL
                        WHEN %(overdue)s THEN 100.0 ELSE 0.0 END AS overdue_rate,
                   CASE WHEN c.state IN ('resolved', 'review', 'closed')
                        THEN CASE WHEN c.followup_done_at IS NOT NULL
                                  THEN 100.0 ELSE 0.0 END
                   END AS followup_rate,
                   NULLIF(c.satisfaction_score, 0) AS satisfaction_score,
                   coalesce(c.transfer_count, 0) AS transfer_count,
                   CASE WHEN c.transfer_count > 0 THEN 100.0 ELSE 0.0 END
                       AS transfer_rate,
                   CASE WHEN c.is_repeat THEN 100.0 ELSE 0.0 END AS repeat_rate,
                   CASE WHEN c.substantiated = 'yes' THEN 100.0
                        WHEN c.substantiated = 'no' THEN 0.0 END
                       AS substantiated_rate,
                   coalesce(c.reopen_count, 0) AS reopen_count
              FROM complaint_complaint c
         LEFT JOIN complaint_category cat ON cat.id = c.category_id
             WHERE %(in_scope)s
            """,
            overdue=OVERDUE_SQL,
            not_valid=NOT_VALID_SQL,
            in_scope=IN_SCOPE_SQL,
        )

    def _create_stats_index(self):
        """Create the statistics index, again when its columns changed."""
        cr = self.env.cr
        cr.execute("SELECT pg_get_indexdef(to_regclass(%s)::oid)", [STATS_INDEX])
        definition = cr.fetchone()[0]
        if definition and definition.endswith(self._stats_index_tail()):
            return
        cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(STATS_INDEX)))
        cr.execute(
            SQL(
                "CREATE INDEX %s ON complaint_complaint (company_id, received_at) "
                "INCLUDE (%s) WHERE %s",
                SQL.identifier(STATS_INDEX),
                SQL(", ").join(SQL.identifier(col) for col in STATS_INDEX_COLUMNS),
                SQL("state != 'merged'"),
            )
        )

    def _stats_index_tail(self):
        """How PostgreSQL spells the end of the index definition."""
        return f"INCLUDE ({', '.join(STATS_INDEX_COLUMNS)}) WHERE ((state)::text <> 'merged'::text)"

    def init(self):
        self._create_stats_index()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
