"""What a registration would otherwise compute twice, computed once.

- **Defaults.**  Odoo's ``create`` asks ``default_get`` for the defaults of
  every new record in turn, although the defaults of one ``create`` call
  cannot differ between its records: they depend on the environment (user,
  company, context) and on the clock, the same for the whole call
  (``fields.Datetime.now`` has a one-second resolution).
- **Sanitation.**  Odoo's ``_create`` sanitizes each HTML value twice, for
  the column and for the cache (see ``SanitizedOnceHtml``).

Together they were about a seventh of a batch registration (issue 14).
"""

from odoo import api, models

from ..fields import SANITIZED_ONCE

#: key of the memo of defaults in the cursor's transaction cache
BATCH_DEFAULTS = "complaint_batch_defaults"


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    def _prepare_create_values(self, vals_list):
        """Keep one memo of ``default_get`` answers for the batch.  It lives
        in ``cr.cache`` for the duration of this call only, and is tied to
        this environment, so that a create in another environment (user,
        context) never sees it."""
        cache = self.env.cr.cache
        if len(vals_list) < 2 or BATCH_DEFAULTS in cache:
            return super()._prepare_create_values(vals_list)
        cache[BATCH_DEFAULTS] = (self.env, {})
        try:
            return super()._prepare_create_values(vals_list)
        finally:
            cache.pop(BATCH_DEFAULTS, None)

    @api.model
    def default_get(self, fields_list):
        """During a batch create (``_prepare_create_values``) the same
        question gets the answer of the batch's first record, as a copy."""
        memo = self.env.cr.cache.get(BATCH_DEFAULTS)
        if memo is None or memo[0] is not self.env:
            return super().default_get(fields_list)
        key = tuple(fields_list)
        if key not in memo[1]:
            memo[1][key] = super().default_get(fields_list)
        return {
            name: list(value) if isinstance(value, list) else value
            for name, value in memo[1][key].items()
        }

    @api.model
    def _create(self, data_list):
        """The INSERT of new complaints, with the memo of sanitized HTML
        values (``SanitizedOnceHtml``) for its duration."""
        cache = self.env.cr.cache
        if SANITIZED_ONCE in cache:
            return super()._create(data_list)
        cache[SANITIZED_ONCE] = {}
        try:
            return super()._create(data_list)
        finally:
            cache.pop(SANITIZED_ONCE, None)
