/** @odoo-module **/
/*
 * Browser tour: a complaint officer registers a complaint and takes it to
 * closed through the normal screens (accept, investigate, resolve and reply,
 * follow-up visit, substantiation, closing review).
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("complaint_lifecycle_tour", {
    url: "/odoo/action-complaint_base.action_complaint",
    steps: () => [
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=subject] input", run: "edit Tour: rude clerk at the counter" },
        { trigger: ".o_field_widget[name=partner_id] input", run: "edit Tour Customer" },
        { trigger: ".o-autocomplete--dropdown-item a:contains(Tour Customer)", run: "click" },
        { trigger: ".o_field_widget[name=channel_id] input", run: "edit Phone" },
        { trigger: ".o-autocomplete--dropdown-item a:contains(Phone hotline)", run: "click" },
        { trigger: ".o_field_widget[name=category_id] input", run: "edit Tour category" },
        { trigger: ".o-autocomplete--dropdown-item a:contains(Tour category)", run: "click" },
        { trigger: ".o_field_widget[name=description] .odoo-editor-editable", run: "editor The clerk shouted at me." },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved .o_field_widget[name=name]:not(:contains(/))" },
        { trigger: "button[name=action_accept]", run: "click" },
        { trigger: "button[name=action_start]", run: "click" },
        { trigger: "button[name=action_resolve]" },
        { trigger: "a.nav-link:contains(Result)", run: "click" },
        { trigger: ".o_field_widget[name=resolution] .odoo-editor-editable", run: "editor We apologised and retrained the clerk." },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: "button[name=action_resolve]", run: "click" },
        { trigger: "button[name=action_open_followup_wizard]", run: "click" },
        { trigger: ".modal .o_field_widget[name=satisfaction] select", run: 'select "4"' },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: "a.nav-link:contains(Review)", run: "click" },
        { trigger: ".o_field_widget[name=substantiated] select", run: 'select "no"' },
        { trigger: ".o_field_widget[name=substantiation_basis] select", run: 'select "internal_rules"' },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        { trigger: "button[name=action_submit_review]", run: "click" },
        { trigger: "button[name=action_close]", run: "click" },
        { trigger: "button[name=action_reopen]" },
        { trigger: ".o_form_view:not(:has(button[name=action_close]))" },
    ],
});
