#pragma once
// Where the important items were drawn in the last frame, for browser tests: they click real
// mouse events at these rectangles, and read the errors the screen shows (App::state_json()).
// A few dozen entries a frame in a reused vector; no health data (only names and ids).
//
// Names are an interface of the browser tests (tests/e2e): keep them stable.
//   login.email  login.password  login.submit  login.lang.da  login.lang.en
//   nav.home  nav.employees  nav.conflicts  nav.admin
//   home.todo.done.<todo key>  home.todo.open.<todo key>  home.export  home.names_in_calendar
//   mark.done_on  mark.note  mark.save  mark.cancel
//   timeline.mark.<rule id>  timeline.undo.<rule id>               (employee page, selected case)
//   employee.payer.<wages|benefit|none>                            (employee editor)
//   admin.alerts.edit  admin.alerts.state.<rule id>  admin.alerts.enabled.<rule id>
//   admin.alerts.<rule id>.<days|spells|months|weeks|threshold>  admin.alerts.save  admin.alerts.reset
//   list.search  list.row.<employee id>                            (visible rows only)
//   employee.back  employee.new_spell  employee.edit
//   spell.edit.<spell id>  spell.close.<spell id>  spell.timeline.<spell id>  (employee page, per spell)
//   spell.first_day  spell.last_day  spell.kind  spell.kind.<kind>  (the latter while open)
//   spell.full  spell.partial  spell.hours_worked  spell.expected_return  spell.not_within_8_weeks
//   spell.note (the textarea overlay's rectangle)  spell.save  spell.cancel
//   close.last_day  close.save  close.cancel
//   conflict.keep_mine.<record id>  conflict.take_theirs.<record id>
//   status.online (reads "online" or "offline")  status.conflicts  status.todos  status.lang.da  status.lang.en
//   status.logout  status.logout_anyway  status.logout_cancel
//   admin.user.reset.<user id>  admin.user.active.<user id>
//   admin.new_user.email  admin.new_user.name  admin.new_user.role.<role>
//   admin.new_user.department.<department id>  admin.new_user.submit
//   admin.one_time_password.copy  admin.one_time_password.close
//   admin.organisation.edit  admin.organisation.name  admin.organisation.cvr
//   admin.organisation.municipality  admin.organisation.retention_years  admin.organisation.save
//   admin.deletion.<record id>  (a row of the deletion log)
//   Conversation records (docs/forms.md, "In the app"):
//   case.conversations.new  (the "Ny samtale" header)  case.conversations.new.<template id>
//   case.conversation.open.<record id>                              (employee page, selected case)
//   timeline.conversation.<rule id>  ("Hold samtale": a new record, or the draft under way)
//   timeline.record.<rule id>  (the signed record that met the step)
//   home.todo.record.<todo key>  (an agreement's conversation)
//   conversation.back  conversation.autosave  conversation.held_on  conversation.sign  conversation.pdf
//   conversation.print  conversation.delete  conversation.delete.confirm  conversation.delete.cancel
//   conversation.sign.name  conversation.sign.date  conversation.sign.agreed.yes
//   conversation.sign.agreed.no  conversation.sign.comment  conversation.sign.confirm
//   conversation.sign.cancel  conversation.amend  conversation.amend.reason  conversation.amend.save
//   conversation.amend.cancel  conversation.history.<n>  (an amendment, oldest first)
//   Forms (views/form_renderer.hpp), per field id; rows count from 0:
//   form.<field id>  (every visible field: the input of text, long_text (the textarea overlay's
//                    rectangle) and date; the whole block of the other types)
//   form.<id>.option.<option id>  (choice, multi_choice)  form.<id>.yes  form.<id>.no  (yes_no)
//   form.<id>.value.<n>  (scale)  form.<id>.step.<step id>  (staircase)
//   form.<id>.comparison  (the first of two linked placements: how far apart they are)
//   form.<id>.<row>.text  form.<id>.<row>.column.<column id>  form.<id>.<row>.owner
//   form.<id>.<row>.due  form.<id>.<row>.remove  form.<id>.add  (task_list)
//   form.<id>.normal_hours  form.<id>.weeks.<row>.week  form.<id>.weeks.<row>.hours
//   form.<id>.weeks.<row>.remove  form.<id>.add  (hours_schedule)
//   form.<id>.name  form.<id>.date  form.<id>.agreed.yes  form.<id>.agreed.no  form.<id>.comment  (signature)
//   form.<answer path>.guard  (a diagnosis warning: form.plan.guard, form.tasks.0.text.guard)
//   The jobcentre's inbox (views/inbox_view.cpp, a consultant):
//   nav.inbox  inbox.filter.<open|closed|all>  inbox.refresh  inbox.row.<referral id>  inbox.overdue
//   jobcenter.offline  jobcenter.back  jobcenter.refresh  jobcenter.action.<action>  jobcenter.submit
//   jobcenter.cancel  jobcenter.field.<date|time|place|participants|text|note>
#include <string>
#include <string_view>
#include <vector>

namespace naervaer::client::ui {

struct TestAnchor {
    std::string name;
    float x = 0, y = 0, w = 0, h = 0; // logical (CSS) pixels in the canvas, the visible part only
};

// Records ImGui's last item under `name` (with `.suffix` when given). Items clipped away entirely
// are not recorded: a test must not click what the user cannot see.
void test_anchor(std::string_view name, std::string_view suffix = {});
// Records an error message the screen shows (ui::error_text calls this).
void note_shown_error(std::string_view message);

// What the last frame of the current ImGui context recorded.
const std::vector<TestAnchor>& test_anchors();
const std::vector<std::string>& shown_errors();
// The anchor of the item that was active in the last frame (the text field holding the keyboard),
// or "": tests type only once the field they clicked has it.
const std::string& active_anchor();

} // namespace naervaer::client::ui
