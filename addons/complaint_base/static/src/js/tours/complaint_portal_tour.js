import { registry } from "@web/core/registry";

/**
 * BASE-03: a complainant follows a complaint on the portal, rates the answer,
 * writes to the team in the portal chatter and files a new complaint.
 * Data prepared by tests/test_tour_portal.py.
 */
registry.category("web_tour.tours").add("complaint_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open my complaints from the portal home",
            trigger: ".o_portal_index_card a[href='/my/complaints']",
            run: "click",
        },
        {
            content: "The list shows my complaint with its status",
            trigger: "tr.o_complaint_portal_row:contains('柜台人员态度恶劣') a",
            run: "click",
        },
        {
            content: "The promised dates are shown",
            trigger: ".o_complaint_portal_dates:contains('Answer promised by')",
        },
        {
            content: "Our answer is shown",
            trigger: ".o_complaint_portal_card:contains('已向您道歉')",
        },
        {
            content: "Rate the outcome: 4",
            trigger: "#satisfaction_4",
            run: "click",
        },
        {
            content: "Comment the rating",
            trigger: "#complaint_rating_comment",
            run: "edit 处理及时,谢谢",
        },
        {
            content: "Send the rating",
            trigger: ".o_complaint_portal_rate_submit",
            run: "click",
        },
        {
            content: "The rating is recorded",
            trigger: ".o_complaint_portal_rated",
        },
        {
            content: "Write to the team in the portal chatter",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit 补充:柜台编号是3号窗口。",
        },
        {
            content: "Send the message",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message appears in the thread",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('柜台编号是3号窗口')",
        },
        {
            content: "Back to the list",
            trigger: ".breadcrumb a[href='/my/complaints']",
            run: "click",
        },
        {
            content: "File a new complaint",
            trigger: "a.o_complaint_portal_new",
            run: "click",
        },
        {
            content: "Title",
            trigger: "input[name='subject']",
            run: "edit 信用卡年费被重复扣收",
        },
        {
            content: "What happened",
            trigger: "textarea[name='description']",
            run: "edit 3月份账单中年费扣了两次,每次680元。",
        },
        {
            content: "What I expect",
            trigger: "textarea[name='demand']",
            run: "edit 退还重复扣收的680元。",
        },
        {
            content: "Send the complaint",
            trigger: ".o_complaint_portal_submit",
            run: "click",
        },
        {
            content: "The complaint is registered and its number shown",
            trigger: ".o_complaint_portal_created",
        },
    ],
});
