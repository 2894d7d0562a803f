from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "complaint_tour")
class TestPropertyBoardUi(HttpCase):
    """The dispatch board loads with its countdown widget (PROP-03)."""

    def test_prop_03_dispatch_board_shows_countdown(self):
        team = self.env["hr.department"].create(
            {"name": "UI Team", "is_maintenance_team": True}
        )
        technician = self.env["hr.employee"].create(
            {"name": "UI Technician", "department_id": team.id}
        )
        order = self.env["complaint.repair.order"].create(
            {
                "location": "UI lobby",
                "phone": "+86 138 0000 0000",
                "repair_type": "emergency",
                "technician_id": technician.id,
                "received_at": fields.Datetime.now(),
            }
        )
        order.action_dispatch()
        action = self.env.ref("complaint_property.action_repair_order_board")
        code = """
            const check = (tries) => {
                const widget = document.querySelector(
                    '.o_kanban_record .o_field_repair_countdown span.text-warning, '
                    + '.o_kanban_record .o_field_repair_countdown span.text-success');
                if (widget && /\\d/.test(widget.textContent)) {
                    console.log('test successful');
                } else if (tries > 0) {
                    setTimeout(() => check(tries - 1), 250);
                } else {
                    console.error('countdown widget not rendered');
                }
            };
            check(60);
        """
        self.browser_js(f"/odoo/action-{action.id}", code, login="admin")
        # the work order form and the technician's list render too
        form_code = """
            const check = (tries) => {
                if (document.querySelector('.o_form_view .o_field_repair_countdown')
                        && document.querySelector('.o_form_view .o_statusbar_buttons')) {
                    console.log('test successful');
                } else if (tries > 0) {
                    setTimeout(() => check(tries - 1), 250);
                } else {
                    console.error('work order form not rendered');
                }
            };
            check(60);
        """
        self.browser_js(
            f"/odoo/action-{action.id}/{order.id}", form_code, login="admin"
        )
        mine = self.env.ref("complaint_property.action_repair_order_mine")
        mine_code = """
            const check = (tries) => {
                if (document.querySelector('.o_kanban_view, .o_list_view')) {
                    console.log('test successful');
                } else if (tries > 0) {
                    setTimeout(() => check(tries - 1), 250);
                } else {
                    console.error('technician jobs not rendered');
                }
            };
            check(60);
        """
        self.browser_js(f"/odoo/action-{mine.id}", mine_code, login="admin")
