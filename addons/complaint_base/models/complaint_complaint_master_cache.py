from odoo import api, models, tools

#: field types whose cached values are mutable (dicts, lists): never shared
#: between requests through the snapshot
MUTABLE_TYPES = frozenset({"json", "properties", "properties_definition"})

#: what a snapshot is taken of: the model of the record it starts from
MASTER_KINDS = {
    "category": "complaint.category",
    "channel": "complaint.channel",
    "company": "res.company",
    "user": "res.users",
}


class ComplaintComplaint(models.Model):
    """Master data of a registration read through the registry's cache
    (issue 14).

    A registration reads the same master records every time: its category
    and the category's ancestors, their teams, the channel, the company,
    its working calendar, the escalation rules, the complaint's
    ``ir.model``, the registering internal user and their contact (the
    author of the creation message).  Every request starts with an empty
    record cache, so each registration used to read them again (ten of its
    nineteen statements).  Their stored, non-computed values are now kept
    per process (``_master_snapshot``, ``tools.ormcache``) and put into the
    record cache of the registration before it starts, for the records and
    fields not already there (``_prefill_masters``): what the registration
    reads is what a query would have returned.

    The snapshot follows the data: creating, changing or deleting one of
    these records (``complaint.registry.cached``, also on companies and
    working calendars; ``res.users.write`` and ``res.partner.write`` for
    internal users and their contacts) and deleting a record they point to
    (the database then empties or deletes the reference by itself:
    ``base.unlink``) clear the registry cache, in this worker and, through
    Odoo's signalling, in the others.  As for every registry cache of Odoo,
    a change rolled back to a savepoint after the snapshot was rebuilt in
    the same request stays in it until the next clearing; a request that
    fails as a whole resets the caches (``Registry.reset_changes``).

    Sector addons add the master records of their own rules with
    ``_registration_masters`` and their models with ``_master_models``.
    """

    _inherit = "complaint.complaint"

    @api.model
    def _registration_masters(self, kind, record):
        """Hook: the master records a registration reads along with
        ``record`` (a category, a channel, a company or a user, per
        ``kind``), read as the superuser; their stored fields go into the
        snapshot, except the computed ones (read from the database when a
        registration needs one).  Called only when the snapshot is built,
        so it may search."""
        if kind == "category":
            ancestors = record.browse(
                int(cat_id)
                for cat_id in (record.parent_path or "").split("/")
                if cat_id
            )
            categories = record | ancestors
            return [categories, categories.team_id]
        if kind == "user":
            # not a portal user: their account changes would clear the cache
            return [] if record.share else [record, record.partner_id]
        if kind == "company":
            rules = self.env["complaint.escalation.rule"]._get_active_rules(record.id)
            return [
                record,
                record.resource_calendar_id,
                rules,
                self.env["ir.model"]._get(self._name),
            ]
        return [record]

    @api.model
    def _master_models(self):
        """Hook: the models whose records ``_registration_masters`` may
        return (sector addons add theirs)."""
        return {
            "complaint.category",
            "complaint.team",
            "complaint.channel",
            "res.company",
            "resource.calendar",
            "complaint.escalation.rule",
            "ir.model",
            "res.users",
            "res.partner",
        }

    @api.model
    @tools.ormcache()
    def _master_referenced_models(self):
        """The models whose deletion changes a master record in the
        database (a reference emptied or a row deleted with it)."""
        return frozenset(
            field.comodel_name
            for model in self._master_models()
            for field in self.env[model]._fields.values()
            if field.type == "many2one"
            and field.store
            and field.ondelete in ("set null", "cascade")
        )

    @api.model
    @tools.ormcache("kind", "record_id", "lang")
    def _master_snapshot(self, kind, record_id, lang):
        """``((model, ids, ((field, values), ...)), ...)``: the stored,
        non-computed values of the master records read with record
        ``record_id``, as the record cache holds them in language ``lang``."""
        env = self.sudo().with_context(lang=lang, active_test=False).env
        record = env[MASTER_KINDS[kind]].browse(record_id).exists()
        if not record:
            return ()
        snapshot = []
        for records in env["complaint.complaint"]._registration_masters(kind, record):
            records = records.exists()
            fields = [
                field
                for field in records._fields.values()
                if field.store
                and field.column_type
                and field.prefetch is True
                and not field.company_dependent
                and field.type not in MUTABLE_TYPES
                # a computed field may change with another record, without a
                # write on this one (the company's e-mail with its contact)
                and not field.compute
            ]
            records.fetch([field.name for field in fields])
            values = tuple(
                (field.name, tuple(env.cache.get(rec, field) for rec in records))
                for field in fields
            )
            snapshot.append((records._name, records._ids, values))
        return tuple(snapshot)

    @api.model
    def _prefill_masters(self, vals_list):
        """Put the master records of ``vals_list`` from their snapshots into
        the record cache, for the fields it does not hold yet (records
        already read in this transaction are left as they are)."""
        lang = self.env.lang or "en_US"
        # the user first: the current company may be read from the user
        self._prefill_snapshot("user", self.env.uid, lang)
        keys = set()
        for vals in vals_list:
            keys.add(("company", vals.get("company_id") or self.env.company.id))
            for kind in ("category", "channel"):
                if vals.get(f"{kind}_id"):
                    keys.add((kind, vals[f"{kind}_id"]))
        for kind, record_id in keys:
            self._prefill_snapshot(kind, record_id, lang)

    def _prefill_snapshot(self, kind, record_id, lang):
        if not isinstance(record_id, int):
            return  # the ORM will say what is wrong with it
        for model, ids, values in self._master_snapshot(kind, record_id, lang):
            self._prefill_records(self.env[model].browse(ids), values)

    def _prefill_records(self, records, values):
        """``values``: ``((field name, values of records), ...)``."""
        cache = self.env.cache
        fields = records._fields
        if all(cache.contains(rec, fields["write_date"]) for rec in records):
            return  # read (or prefilled) already in this transaction
        for fname, field_values in values:
            field = fields[fname]
            missing = list(cache.get_missing_ids(records, field))
            if len(missing) == len(field_values):
                cache.update(records, field, field_values)
            elif missing:
                by_id = dict(zip(records._ids, field_values, strict=True))
                cache.update(
                    records.browse(missing),
                    field,
                    [by_id[rec_id] for rec_id in missing],
                )
