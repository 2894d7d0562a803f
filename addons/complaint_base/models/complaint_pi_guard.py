"""Personal data on every read path (BASE-55) and internal fields hidden from
the complainant (BASE-03), as field-level guarantees of complaint.complaint.

* masking: ``_read_format`` (``read``, ``search_read``, ``web_read``,
  ``web_search_read``) and ``_export_rows`` (export) send the phone and ID
  number masked to whoever does not handle the case
  (``_pi_visible_domain``, the one definition);
* no oracle: a search, a sort, a group-by or an aggregate on those fields is
  refused unless every complaint it could reach shows them in clear to the
  user.  "Could reach" is decided with the phone and ID conditions made
  neutral, so the answer never depends on the hidden values;
* portal: every field declared by the complaint addons is internal (read,
  search, sort, group-by and export refused to portal and public users, as
  with ``groups="base.group_user"``) except ``PORTAL_FIELDS``, declared
  once here; sector addons extend ``_portal_readable_fields``.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from ..tools import masking
from ..tools.privacy_rules import MASKED_FIELDS

#: complaint fields a complainant (portal/public user) may read over RPC;
#: everything else declared by the complaint addons is internal
PORTAL_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "create_date",
        "write_date",
        "name",
        "subject",
        "state",
        "active",
        "company_id",
        "sector",
        "partner_id",
        "contact_name",
        "phone",
        "email",
        "legal_basis",
        "received_at",
        "channel_id",
        "category_id",
        "description",
        "demand",
        "is_incomplete",
        "missing_info",
        "ack_deadline",
        "resolution_deadline",
        "accepted_at",
        "reply_at",
        "resolution",
        "resolved_at",
        "closed_at",
        "invalid_reason",
        "invalid_note",
        "followup_done_at",
        "satisfaction",
        "followup_comment",
        "complainant_acceptance",
    }
)
#: framework fields (mail, portal) that stay internal all the same
INTERNAL_FRAMEWORK_PREFIXES = ("activity_", "my_activity_")


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    #: fields a complainant may read (sector addons add theirs)
    _portal_readable_fields = PORTAL_FIELDS

    # ============================================================ portal
    @api.model
    def _is_internal_field(self, name, field):
        if name in self._portal_readable_fields:
            return False
        if name.startswith(INTERNAL_FRAMEWORK_PREFIXES):
            return True
        return bool(field._module and field._module.startswith("complaint_"))

    def _is_share_reader(self):
        return not self.env.su and self.env.user.share

    @api.model
    def check_field_access_rights(self, operation, field_names):
        """BASE-03: the complainant reads their complaint's status, dates,
        content and answer, never the internal work (findings, root cause,
        review, tier, complained people, plan, escalation, SLA internals,
        sector fields), as if those carried ``groups="base.group_user"``:
        reads, searches, sorts, group-bys and exports of them are refused to
        portal and public users.  (Real ``groups`` would also do it, but
        would make every internal view that uses them in an expression
        inconsistent for the portal users who may read the model.)"""
        names = super().check_field_access_rights(operation, field_names)
        if not self._is_share_reader():
            return names
        internal = [
            name
            for name in names
            if name in self._fields
            and self._is_internal_field(name, self._fields[name])
        ]
        if not internal:
            return names
        if not field_names:  # "every field": the ones they may read
            return [name for name in names if name not in internal]
        raise AccessError(
            _(
                "These complaint fields are internal to the company: %s.",
                ", ".join(sorted(internal)),
            )
        )

    def _fetch_field(self, field):
        if not self._is_share_reader():
            return super()._fetch_field(field)
        # same as the ORM, but prefetch only what the complainant may read
        self.check_field_access_rights("read", [field.name])
        fnames = [field.name]
        if self.env.context.get("prefetch_fields", True) and field.prefetch:
            fnames += [
                name
                for name, other in self._fields.items()
                if other.prefetch == field.prefetch
                and name != field.name
                and other.is_accessible(self.env)
                and not self._is_internal_field(name, other)
            ]
        self.fetch(fnames)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        res = super().fields_get(allfields, attributes)
        if self._is_share_reader():
            for name in list(res):
                if name in self._fields and self._is_internal_field(
                    name, self._fields[name]
                ):
                    del res[name]
        return res

    # ================================================= masking on reads
    def _read_format(self, fnames, load="_classic_read"):
        """Never send a clear phone or ID number to a user who does not
        handle the case, whatever the read path (BASE-55)."""
        result = super()._read_format(fnames, load)
        names = [name for name in MASKED_FIELDS if name in fnames]
        if self.env.su or not result or not names:
            return result
        records = self.browse([vals["id"] for vals in result])
        visible = set(records._pi_visible_records()._ids)
        for vals in result:
            if vals["id"] in visible:
                continue
            for name in names:
                if name in vals:
                    vals[name] = masking.mask_value(name, vals[name])
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports mask like reads: rows of complaints the user does not
        handle carry the masked phone and ID number."""
        columns = [
            index for index, path in enumerate(fields) if path[0] in MASKED_FIELDS
        ]
        if self.env.su or not columns:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        visible = self._pi_visible_records()
        lines = []
        for clear, run in self._pi_runs(visible):
            part = super(ComplaintComplaint, run)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if not clear:
                for line in part:
                    for index in columns:
                        line[index] = masking.mask_value(fields[index][0], line[index])
            lines += part
        return lines

    def _pi_runs(self, visible):
        """Consecutive runs of ``self`` (order kept) that are all visible or
        all hidden: ``[(visible?, records), ...]``."""
        return [
            (clear, self.browse(ids))
            for clear, ids in masking.runs(self.ids, set(visible.ids))
        ]

    # ============================================ search and group guards
    def _pi_check_scope(self, domain, names):
        """Refuse to filter, sort or group by ``names`` (masked fields) when
        ``domain`` reaches a complaint whose identifiers the user does not
        see in clear.  ``domain`` holds no condition on ``names``, so the
        refusal never depends on the hidden values."""
        if self.env.user.share:
            raise UserError(_("Complaints cannot be searched by phone or ID number."))
        hidden = expression.AND(
            [domain, ["!"] + expression.normalize_domain(self._pi_visible_domain())]
        )
        if self.search_count(hidden, limit=1):
            labels = ", ".join(
                sorted(
                    self._fields[name]._description_string(self.env) for name in names
                )
            )
            raise UserError(
                _(
                    "You can search, sort or group complaints by %(fields)s only "
                    "among the complaints you handle: these numbers are masked "
                    "for you (personal information, BASE-55). Narrow the search "
                    "first, e.g. with the filter My Complaints.",
                    fields=labels,
                )
            )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            names = masking.domain_fields(domain, MASKED_FIELDS)
            names |= masking.order_fields(order, MASKED_FIELDS)
            if names:
                relaxed = masking.relax_domain(
                    expression.normalize_domain(domain), MASKED_FIELDS
                )
                self._pi_check_scope(relaxed, names)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        if not self.env.su:
            names = masking.spec_fields(groupby, MASKED_FIELDS)
            names |= masking.spec_fields(
                [spec for spec in aggregates if spec != "__count"], MASKED_FIELDS
            )
            names |= masking.spec_fields(
                [leaf[0] for leaf in having or () if isinstance(leaf, list | tuple)],
                MASKED_FIELDS,
            )
            names |= masking.order_fields(order, MASKED_FIELDS)
            if names:
                relaxed = masking.relax_domain(
                    expression.normalize_domain(domain), MASKED_FIELDS
                )
                self._pi_check_scope(relaxed, names)
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )
