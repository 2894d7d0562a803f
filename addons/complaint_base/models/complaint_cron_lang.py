from odoo import models


class ComplaintComplaint(models.Model):
    """Text written by scheduled actions reads in the users' language.

    A scheduled action runs as the superuser, whose language is usually
    English, so its chatter notes, activity summaries and escalation notes
    would be stored in English for a Chinese team.  Every note the
    scheduled actions store is written in the language of the complaint's
    company (its partner's language), the language its users work in.
    """

    _inherit = "complaint.complaint"

    def _front_lang(self):
        """Language of the text stored for this complaint by a scheduled
        action: the company's (its partner's), else the current one."""
        company = self[:1].company_id or self.env.company
        return company.sudo().partner_id.lang or self.env.lang or "en_US"

    def _front_lang_env(self):
        """Environment whose ``_()`` translates into :meth:`_front_lang`."""
        return self.with_context(lang=self._front_lang()).env

    def _group_by_front_lang(self):
        """``{lang: complaints}``, one lookup per company."""
        by_company = {}
        for rec in self:
            by_company.setdefault(rec.company_id, []).append(rec.id)
        groups = {}
        for company, ids in by_company.items():
            lang = company.sudo().partner_id.lang or self.env.lang or "en_US"
            groups[lang] = groups.get(lang, self.browse()) | self.browse(ids)
        return groups

    def _sla_check_batch(self, now):
        for lang, recs in self._group_by_front_lang().items():
            super(ComplaintComplaint, recs.with_context(lang=lang))._sla_check_batch(
                now
            )
        return True

    def _followup_remind(self):
        lang = self._front_lang()
        return super(
            ComplaintComplaint, self.with_context(lang=lang)
        )._followup_remind()

    def _close_no_answer(self, days):
        for lang, recs in self._group_by_front_lang().items():
            super(ComplaintComplaint, recs.with_context(lang=lang))._close_no_answer(
                days
            )
        return True
