"""The authorization matrix: every URL pattern × every role × a safe and an unsafe method.

The table below is the promise. Each URL pattern of the project has a row (the test
`test_every_url_pattern_has_a_row` fails when a pattern is added without one), and each row says,
for a GET and for a POST with an empty body, what every role gets:

    200    the page                                400  the rule let it through; the form or
    302    sent on elsewhere (done, or refused            the service refused the empty body
           with a message on the next page)        403  signed in, but the rule says no
    login  sent to the sign-in page (the site's,   404  not there for this user (another
           or the Django admin's for its pages)         municipality's, or hidden)
    no     refused somehow (3xx, 403, 404)         405  the method is refused (after the rule)
    any    not checked here (but never a 5xx)

For a POST, 200, 302, 400 and 409 all mean "the permission layer let it through" and stand for
each other (what an empty body leads to is the form's business, not the rule's); every other
outcome is exact. A request that is refused (login, 403, 404, 405) must also change nothing: the
test fails if it wrote to any table but the session and django-axes' sign-in log. GETs never
write either, except the few listed in GET_MAY_WRITE.

The columns are the roles of tests/security/conftest.py, all looking at municipality A's site:

    anon  not signed in                  off   case officer
    res   resident, no verified identity sec   committee secretary
    ver   resident with a verified eID   pol   politician
    mod   moderator                      adm   municipal admin of A (Django admin access)
                                         admB  municipal admin of B, on A's site

In the world the verified resident owns the residents' things (a draft proposal, a fast-track
application, a booking request, a hearing response, a speaking-slot request, a comment, a
notification), is a member of the co-creation group and the volunteer team's contact person; the
unverified resident owns nothing. So `ver` shows what an owner gets and `res` what somebody
else's gets. Object-level cases that need a second owner, another municipality's objects and the
host name of the other municipality are in test_object_permissions.py; CSRF and open redirects
in test_csrf.py and test_open_redirects.py.

The Django admin's per-model pages follow one pattern for every registered model (rows with a
`*`); the exceptions are listed by name. Every role is sent to every page, the admin's
included (about two minutes on SQLite).
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLES, World, recording_writes, rolled_back

pytestmark = pytest.mark.django_db

MATRIX_TABLE = """
# URL name (or pattern)                     anon  res   ver   mod   off   sec   pol   adm   admB
# --- test app (tests/testapp): a public page of a commentable model ------------------------------
testapp:topic                         GET   200   200   200   200   200   200   200   200   200
                                      POST  200   200   200   200   200   200   200   200   200

# --- core, places: public pages, the language switch, staff pages --------------------------------
core:front                            GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
core:help                             GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
core:set_language                     GET   405   405   405   405   405   405   405   405   405
                                      POST  302   302   302   302   302   302   302   302   302
core:staff                            GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   200   200   200   403   200   403
core:audit_log                        GET   login 403   403   403   403   403   403   200   403
                                      POST  login 403   403   403   403   403   403   200   403
places:info_page                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
places:info_pages                     GET   login 403   403   403   403   403   403   200   403
                                      POST  login 403   403   403   403   403   403   200   403
places:info_page_edit                 GET   login 403   403   403   403   403   403   200   403
                                      POST  login 403   403   403   403   403   403   400   403

# --- the resident's own account ------------------------------------------------------------------
accounts:profile                      GET   login 200   200   200   200   200   200   200   200
                                      POST  login 200   200   200   200   200   200   200   200
accounts:export                       GET   login 200   200   200   200   200   200   200   200
                                      POST  login 200   200   200   200   200   200   200   200
accounts:delete                       GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400

# --- django-allauth: sign-in, sign-up, e-mail, password, MFA, eID (OpenID Connect) ---------------
account_login                         GET   200   302   302   302   302   302   302   302   302
                                      POST  200   302   302   302   302   302   302   302   302
account_logout                        GET   302   200   200   200   200   200   200   200   200
                                      POST  302   302   302   302   302   302   302   302   302
account_inactive                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
account_signup                        GET   200   302   302   302   302   302   302   302   302
                                      POST  200   302   302   302   302   302   302   302   302
account_reauthenticate                GET   login 200   200   200   200   200   200   200   200
                                      POST  login 200   200   200   200   200   200   200   200
account_email                         GET   login 200   200   200   200   200   200   200   200
                                      POST  login 302   302   302   302   302   302   302   302
account_email_verification_sent       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
account_change_password               GET   login 200   200   200   200   200   200   200   200
                                      POST  login 200   200   200   200   200   200   200   200
account_set_password                  GET   login 302   302   302   302   302   302   302   302
                                      POST  login 302   302   302   302   302   302   302   302
account_reset_password                GET   200   200   200   200   200   200   200   200   200
                                      POST  200   200   200   200   200   200   200   200   200
account_confirm_login_code            GET   login 302   302   302   302   302   302   302   302
                                      POST  login 302   302   302   302   302   302   302   302
account_confirm_email                 GET   200   200   200   200   200   200   200   200   200
                                      POST  404   404   404   404   404   404   404   404   404
account_reset_password_from_key_done  GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
account_reset_password_from_key       GET   200   200   200   200   200   200   200   200   200
                                      POST  200   200   200   200   200   200   200   200   200
account_reset_password_done           GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
mfa_index                             GET   login 200   200   200   200   200   200   200   200
                                      POST  login 405   405   405   405   405   405   405   405
mfa_authenticate                      GET   login 302   302   302   302   302   302   302   302
                                      POST  login 302   302   302   302   302   302   302   302
mfa_reauthenticate                    GET   login 302   302   200   200   200   200   200   200
                                      POST  login 302   302   200   200   200   200   200   200
mfa_activate_totp                     GET   login 302   302   302   302   302   302   302   302
                                      POST  login 302   302   302   302   302   302   302   302
mfa_deactivate_totp                   GET   login 404   404   302   302   302   302   302   302
                                      POST  login 404   404   302   302   302   302   302   302
mfa_view_recovery_codes               GET   login 404   404   404   404   404   404   404   404
                                      POST  login 405   405   405   405   405   405   405   405
mfa_generate_recovery_codes           GET   login 302   302   302   302   302   302   302   302
                                      POST  login 302   302   302   302   302   302   302   302
mfa_download_recovery_codes           GET   login 404   404   404   404   404   404   404   404
                                      POST  login 404   404   404   404   404   404   404   404
socialaccount_login_cancelled         GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
socialaccount_login_error             GET   401   401   401   401   401   401   401   401   401
                                      POST  405   405   405   405   405   405   405   405   405
socialaccount_signup                  GET   login login login login login login login login login
                                      POST  login login login login login login login login login
socialaccount_connections             GET   login 200   200   200   200   200   200   200   200
                                      POST  login 200   200   200   200   200   200   200   200
accounts/social/login/cancelled/      GET   302   302   302   302   302   302   302   302   302
                                      POST  302   302   302   302   302   302   302   302   302
accounts/social/login/error/          GET   302   302   302   302   302   302   302   302   302
                                      POST  302   302   302   302   302   302   302   302   302
accounts/social/signup/               GET   302   302   302   302   302   302   302   302   302
                                      POST  302   302   302   302   302   302   302   302   302
accounts/social/connections/          GET   302   302   302   302   302   302   302   302   302
                                      POST  302   302   302   302   302   302   302   302   302
openid_connect_login                  GET   404   404   404   404   404   404   404   404   404
                                      POST  404   404   404   404   404   404   404   404   404
openid_connect_callback               GET   404   404   404   404   404   404   404   404   404
                                      POST  404   404   404   404   404   404   404   404   404

# --- citizen proposals: public pages, the author's pages, supporting -----------------------------
proposals_opendata:csv                GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
proposals_opendata:feed               GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
proposals:list                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
proposals:rules                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
proposals:create                      GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
proposals:similar                     GET   405   405   405   405   405   405   405   405   405
                                      POST  200   200   200   200   200   200   200   200   200
proposals:detail                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
proposals:edit                        GET   login 404   200   403   403   403   404   403   404
                                      POST  login 404   400   403   403   403   404   403   404
proposals:submit                      GET   login 404   405   403   403   403   404   403   404
                                      POST  login 404   302   403   403   403   404   403   404
proposals:withdraw                    GET   404   404   405   404   404   404   404   404   404
                                      POST  404   404   302   404   404   404   404   404   404
proposals:support                     GET   login 405   405   405   405   405   405   405   405
                                      POST  login 302   302   302   302   302   302   302   302
proposals:support_withdraw            GET   login 405   405   405   405   405   405   405   405
                                      POST  login 302   302   302   302   302   302   302   302
proposals:ask                         GET   login 403   403   403   403   403   403   403   403
                                      POST  login 403   403   403   403   403   403   403   403
proposals:coproposer_join             GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400

# --- citizen proposals: staff --------------------------------------------------------------------
proposals:staff                       GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   200   200   200   403   200   403
proposals:staff_case                  GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   200   200   200   403   200   403
proposals:staff_approve               GET   login 403   403   405   405   403   403   405   403
                                      POST  login 403   403   400   400   403   403   400   403
proposals:staff_reject                GET   login 403   403   405   405   403   403   405   403
                                      POST  login 403   403   400   400   403   403   400   403
proposals:staff_paper                 GET   login 403   403   405   405   403   403   405   403
                                      POST  login 403   403   400   400   403   403   400   403
proposals:staff_referral              GET   login 403   403   403   403   405   403   405   403
                                      POST  login 403   403   403   403   400   403   400   403
proposals:staff_answer                GET   login 403   403   403   403   405   403   405   403
                                      POST  login 403   403   403   403   400   403   400   403
proposals:staff_finish                GET   login 403   403   403   405   405   403   405   403
                                      POST  login 403   403   403   400   400   403   400   403
proposals:staff_question_answer       GET   login 403   403   403   405   405   403   405   403
                                      POST  login 403   403   403   400   400   403   400   403

# --- participatory budgets: public pages, voting, ideas ------------------------------------------
budgeting:list                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:detail                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:summary                     GET   405   405   405   405   405   405   405   405   405
                                      POST  200   200   200   200   200   200   200   200   200
budgeting:vote                        GET   login 405   405   405   405   405   405   405   405
                                      POST  login 400   400   400   400   400   400   400   400
budgeting:receipt                     GET   login 302   302   302   302   302   302   302   302
                                      POST  login 405   405   405   405   405   405   405   405
budgeting:results                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:ballot_log                  GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:pabulib                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:lookup                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:ideas                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:idea_create                 GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
budgeting:idea                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
budgeting:idea_reply                  GET   login 405   405   405   405   405   405   405   405
                                      POST  login 400   400   400   400   400   400   400   400

# --- participatory budgets: staff ----------------------------------------------------------------
budgeting:staff                       GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   405   403   403   405   403
budgeting:staff_replay                GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   200   403   403   200   403
budgeting:staff_review                GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   405   403   403   405   403
budgeting:staff_decide                GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
budgeting:staff_merge                 GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
budgeting:staff_paper                 GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   400   403   403   400   403
budgeting:staff_paper_confirm         GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   302   403

# --- implementation of funded projects -----------------------------------------------------------
implementation:list                   GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
implementation:detail                 GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
implementation:staff                  GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   405   403   403   405   403
implementation:staff_start_all        GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   302   403   403   302   403
implementation:staff_project          GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   405   403   403   405   403
implementation:staff_start            GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   302   403   403   302   403
implementation:staff_status           GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
implementation:staff_settings         GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
implementation:staff_spend            GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
implementation:staff_spend_remove     GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   302   403   403   302   403
implementation:staff_milestone        GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
implementation:staff_milestone_mark   GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   302   403   403   302   403
implementation:staff_update           GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403

# --- fast-track pool (the application is the verified resident's, undecided) ---------------------
fasttrack:list                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
fasttrack:mine                        GET   login 200   200   200   200   200   200   200   200
                                      POST  login 405   405   405   405   405   405   405   405
fasttrack:pool                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
fasttrack:apply                       GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
fasttrack:detail                      GET   404   404   200   200   200   200   404   200   404
                                      POST  404   404   405   405   405   405   404   405   404
fasttrack:report                      GET   404   404   200   403   403   403   404   403   404
                                      POST  404   404   400   403   403   403   404   403   404
fasttrack:staff                       GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
fasttrack:staff_case                  GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
fasttrack:staff_approve               GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   302   403   403   302   403
fasttrack:staff_reject                GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
fasttrack:staff_payout                GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403

# --- co-creation (a public group; the verified resident is a member) -----------------------------
cocreation:list                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
cocreation:group                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
cocreation:meeting_add                GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:meeting_notes              GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   302   302   302   302   403   302   403
cocreation:task_add                   GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:task_status                GET   login 403   405   405   405   405   403   405   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:chair                      GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   405   405   405   405   403   405   403
cocreation:chair_rotate               GET   login 403   405   405   405   405   403   405   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:chair_appoint              GET   login 403   405   405   405   405   403   405   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:output_add                 GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:output                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
cocreation:output_present             GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:output_send                GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   400   400   400   400   403   400   403
cocreation:output_decide              GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   400   400   400   403   400   403

# --- premises (the booking request is the verified resident's) -----------------------------------
premises:list                         GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
premises:calendar                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
premises:mine                         GET   login 200   200   200   200   200   200   200   200
                                      POST  login 405   405   405   405   405   405   405   405
premises:detail                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
premises:ics                          GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
premises:request_create               GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
premises:request                      GET   404   404   200   200   200   200   404   200   404
                                      POST  404   404   405   405   405   405   404   405   404
premises:cancel                       GET   404   404   405   403   403   403   404   403   404
                                      POST  404   404   302   403   403   403   404   403   404
premises:staff                        GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
premises:staff_case                   GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
premises:staff_approve                GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   302   403   403   302   403
premises:staff_reject                 GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403

# --- goals ---------------------------------------------------------------------------------------
goals:dashboard                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:goal                            GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:promises                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:carbon                          GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:indicator_csv                   GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:import                          GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   400   403   403   400   403
goals:compare                         GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:compare_csv                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
goals:measurement_new                 GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   400   403   403   400   403

# --- efforts -------------------------------------------------------------------------------------
efforts:list                          GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
efforts:detail                        GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
efforts:contributions                 GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   400   403   403   400   403
efforts:contribution_remove           GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   302   403   403   302   403

# --- volunteering (the verified resident is the team's contact person) ---------------------------
volunteering:list                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
volunteering:mine                     GET   login 200   200   200   200   200   200   200   200
                                      POST  login 405   405   405   405   405   405   405   405
volunteering:programme                GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
volunteering:team                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
volunteering:series_create            GET   login 403   200   403   200   403   403   200   403
                                      POST  login 403   400   403   400   403   403   400   403
volunteering:hours                    GET   login 403   200   403   200   403   403   200   403
                                      POST  login 403   400   403   400   403   403   400   403
volunteering:ledger                   GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   400   403   403   400   403
volunteering:session                  GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
volunteering:signup                   GET   login 405   405   405   405   405   405   405   405
                                      POST  login 400   400   400   400   400   400   400   400
volunteering:signup_cancel            GET   login 405   405   405   405   405   405   405   405
                                      POST  login 400   400   400   400   400   400   400   400
volunteering:own_hours                GET   login 405   405   405   405   405   405   405   405
                                      POST  login 400   400   400   400   400   400   400   400
volunteering:session_cancel           GET   login 403   405   403   405   403   403   405   403
                                      POST  login 403   400   403   400   403   403   400   403
volunteering:session_change           GET   login 403   405   403   405   403   403   405   403
                                      POST  login 403   400   403   400   403   403   400   403
volunteering:hours_decide             GET   login 403   405   403   405   403   403   405   403
                                      POST  login 403   302   403   302   403   403   302   403
volunteering:staff                    GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   405   403   403   405   403
volunteering:register                 GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   400   403   403   400   403

# --- hearings (an open hearing; the response is the verified resident's) -------------------------
hearings:list                         GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
hearings:detail                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
hearings:document                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
hearings:respond                      GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
hearings:report                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
hearings:report_pdf                   GET   404   404   404   404   404   404   404   404   404
                                      POST  405   405   405   405   405   405   405   405   405
hearings:response_file                GET   login 403   200   200   200   200   403   200   403
                                      POST  login 403   405   405   405   405   403   405   403
hearings:staff                        GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
hearings:staff_hearing                GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
hearings:staff_theme                  GET   login 403   403   403   405   403   403   405   403
                                      POST  login 403   403   403   400   403   403   400   403
hearings:staff_response               GET   login 403   403   403   200   403   403   200   403
                                      POST  login 403   403   403   302   403   403   302   403

# --- meetings (the speaking-slot request on the plenum is the verified resident's) ---------------
meetings:list                         GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
meetings:calendar                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
meetings:mine                         GET   login 200   200   200   200   200   200   200   200
                                      POST  login 405   405   405   405   405   405   405   405
meetings:plenum                       GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
meetings:meeting                      GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
meetings:ics                          GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
meetings:register                     GET   login 405   405   405   405   405   405   405   405
                                      POST  login 302   302   302   302   302   302   302   302
meetings:cancel                       GET   login 405   405   405   405   405   405   405   405
                                      POST  login 400   400   400   400   400   400   400   400
meetings:slot_request                 GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
meetings:running_order                GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
meetings:staff                        GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
meetings:staff_meeting                GET   login 403   403   200   200   200   403   200   403
                                      POST  login 403   403   405   405   405   403   405   403
meetings:staff_attendance             GET   login 403   403   403   405   405   403   405   403
                                      POST  login 403   403   403   400   400   403   400   403
meetings:staff_minutes                GET   login 403   403   403   405   405   403   405   403
                                      POST  login 403   403   403   400   400   403   400   403
meetings:staff_cancel                 GET   login 403   403   403   405   405   403   405   403
                                      POST  login 403   403   403   302   302   403   302   403
meetings:staff_slots                  GET   login 403   403   403   403   200   403   200   403
                                      POST  login 403   403   403   403   405   403   405   403
meetings:staff_publish_order          GET   login 403   403   403   403   405   403   405   403
                                      POST  login 403   403   403   403   400   403   400   403
meetings:staff_allocate               GET   login 403   403   403   403   405   403   405   403
                                      POST  login 403   403   403   403   400   403   400   403
meetings:staff_decline                GET   login 403   403   403   403   405   403   405   403
                                      POST  login 403   403   403   403   400   403   400   403

# --- comments (the comment is the verified resident's) -------------------------------------------
comments:moderation_queue             GET   login 403   403   200   403   403   403   200   403
                                      POST  login 403   403   200   403   403   403   200   403
comments:create                       GET   login 200   200   200   200   200   200   200   200
                                      POST  login 400   400   400   400   400   400   400   400
comments:edit                         GET   login 403   200   403   403   403   403   403   403
                                      POST  login 403   400   403   403   403   403   403   403
comments:report                       GET   login 200   403   200   200   200   200   200   200
                                      POST  login 400   403   400   400   400   400   400   400
comments:hide                         GET   login 403   403   200   403   403   403   200   403
                                      POST  login 403   403   400   403   403   403   400   403
comments:restore                      GET   login 403   403   405   403   403   403   405   403
                                      POST  login 403   403   302   403   403   403   302   403
comments:dismiss                      GET   login 403   403   405   403   403   403   405   403
                                      POST  login 403   403   302   403   403   403   302   403

# --- notifications (the notification is the verified resident's) ---------------------------------
notifications:list                    GET   login 200   200   200   200   200   200   200   200
                                      POST  login 200   200   200   200   200   200   200   200
notifications:mark_all_read           GET   login 405   405   405   405   405   405   405   405
                                      POST  login 302   302   302   302   302   302   302   302
notifications:open                    GET   login 404   302   404   404   404   404   404   404
                                      POST  login 404   302   404   404   404   404   404   404
notifications:follow                  GET   login 302   302   302   302   302   302   302   302
                                      POST  login 400   400   400   400   400   400   400   400

# --- plain-language helper -----------------------------------------------------------------------
plainlanguage:lix                     GET   405   405   405   405   405   405   405   405   405
                                      POST  200   200   200   200   200   200   200   200   200

# --- open-data API (read-only; no unsafe methods) ------------------------------------------------
api:openapi-json                      GET   200   200   200   200   200   200   200   200   200
                                      POST  200   200   200   200   200   200   200   200   200
api:openapi-view                      GET   200   200   200   200   200   200   200   200   200
                                      POST  200   200   200   200   200   200   200   200   200
api:municipality_detail               GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
api:area_list                         GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
api:proposal_list                     GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
api:proposal_detail                   GET   200   200   200   200   200   200   200   200   200
                                      POST  405   405   405   405   405   405   405   405   405
api:api-root                          GET   404   404   404   404   404   404   404   404   404
                                      POST  404   404   404   404   404   404   404   404   404

# --- Django admin: who gets in ------------------------------------------------------------------
# Only staff accounts (the municipal admins here) get in. The admin's own sign-in form is closed:
# it sends everyone to the site's sign-in, which asks staff for their TOTP code.
admin:index                           GET   login login login login login login login 200   200
                                      POST  login login login login login login login 200   200
admin:login                           GET   login 403   403   403   403   403   403   302   302
                                      POST  login 403   403   403   403   403   403   200   200
admin:logout                          GET   302   302   302   302   302   302   302   405   405
                                      POST  302   302   302   302   302   302   302   200   200
admin:password_change                 GET   login login login login login login login 200   200
                                      POST  login login login login login login login 200   200
admin:password_change_done            GET   login login login login login login login 200   200
                                      POST  login login login login login login login 405   405
admin:autocomplete                    GET   login login login login login login login 403   403
                                      POST  login login login login login login login 405   405
admin:jsi18n                          GET   login login login login login login login 200   200
                                      POST  login login login login login login login 405   405
admin:view_on_site                    GET   login login login login login login login 302   302
                                      POST  login login login login login login login 302   302
admin:app_list                        GET   login login login login login login login 200   200
                                      POST  login login login login login login login 200   200
admin/(?P<url>.*)$                    GET   login login login login login login login 404   404
                                      POST  login login login login login login login 404   404

# --- Django admin: every model's pages (A's object where A has one) ------------------------------
# A municipal admin sees and changes only their own municipality's rows (MunicipalityScopedAdmin,
# ReadOnlyAdmin): B's admin asking for A's row is told it does not exist (302 to the admin index).
# Whether A's admin may add, change or delete a kind of row is the admin's own business (any).
admin:*_changelist                    GET   login login login login login login login 200   200
                                      POST  login login login login login login login 200   200
admin:*_add                           GET   login login login login login login login any   any
                                      POST  login login login login login login login any   any
admin:*_change                        GET   login login login login login login login any   no
                                      POST  login login login login login login login any   no
admin:*_delete                        GET   login login login login login login login any   no
                                      POST  login login login login login login login any   no
admin:*_history                       GET   login login login login login login login any   no
                                      POST  login login login login login login login any   no
admin/*/<path:object_id>/             GET   login login login login login login login 302   302
                                      POST  login login login login login login login 302   302
admin:auth_user_password_change       GET   login login login login login login login 403   403
                                      POST  login login login login login login login 403   403

# Platform-wide rows are closed to municipal admins: sign-in apps and tokens (client secrets), MFA
# devices, e-mail addresses, groups, login attempts, background tasks, others' notifications.
admin:auth_group_*                    GET   login login login login login login login no    no
                                      POST  login login login login login login login no    no
admin:account_emailaddress_*          GET   login login login login login login login 403   403
                                      POST  login login login login login login login 403   403
admin:socialaccount_*                 GET   login login login login login login login no    no
                                      POST  login login login login login login login no    no
admin:mfa_authenticator_*             GET   login login login login login login login 403   403
                                      POST  login login login login login login login 403   403
admin:axes_*                          GET   login login login login login login login no    no
                                      POST  login login login login login login login no    no
admin:django_tasks_database_*         GET   login login login login login login login no    no
                                      POST  login login login login login login login no    no
admin:notifications_*                 GET   login login login login login login login no    no
                                      POST  login login login login login login login no    no
"""

# GETs that may write, and why. Any other GET that writes to the database fails the test.
GET_MAY_WRITE = {
    "notifications:open": "opening your notification marks it read on the way to its page",
}
ALLOWED_POST = {"200", "302", "400", "409"}
REFUSED = {"login", "403", "404", "405"}


@dataclass(frozen=True)
class Row:
    key: str
    get: tuple[str, ...]
    post: tuple[str, ...]


def parse(text: str) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    pending: tuple[str, tuple[str, ...]] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith(" "):
            method, *cells = line.split()
            assert pending is not None and method == "POST", line
            rows[pending[0]] = Row(pending[0], pending[1], tuple(cells))
            pending = None
        else:
            key, method, *cells = line.split()
            assert method == "GET" and key not in rows, line
            pending = (key, tuple(cells))
        assert len(cells) == len(ROLES), f"{len(cells)} cells, {len(ROLES)} roles: {line}"
    assert pending is None, pending
    return rows


MATRIX = parse(MATRIX_TABLE)


# --- the URL patterns -------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name, or the pattern itself where it has no name
    route: str


def walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if entry.name:
                key = f"{namespace}:{entry.name}" if namespace else entry.name
            else:
                key = route
            yield Pattern(key, route)


def patterns() -> list[Pattern]:
    return list(walk(get_resolver()))


def row_for(key: str) -> Row | None:
    """The exact row, else the most specific wildcard row (`admin:axes_*` before `admin:*_add`)."""
    if key in MATRIX:
        return MATRIX[key]
    matches = [k for k in MATRIX if "*" in k and fnmatch.fnmatchcase(key, k)]
    if not matches:
        return None
    best = max(matches, key=lambda k: (k.endswith("*"), len(k.replace("*", ""))))
    return MATRIX[best]


# URL name → the arguments its pattern needs, taken from the world (tests/security/conftest.py).
KWARGS: dict[str, Callable[[World], dict[str, Any]]] = {
    "testapp:topic": lambda w: {"pk": w["topic"].pk},
    "places:info_page": lambda w: {"kind": "contact"},
    "places:info_page_edit": lambda w: {"kind": "contact", "language": "da"},
    "account_confirm_email": lambda w: {"key": "not-a-real-key"},
    "account_reset_password_from_key": lambda w: {"uidb36": "1", "key": "not-a-real-key"},
    "openid_connect_login": lambda w: {"provider_id": "mitid"},
    "openid_connect_callback": lambda w: {"provider_id": "mitid"},
    # proposals: the public proposal is `author`'s; the draft is the verified resident's.
    "proposals:detail": lambda w: {"pk": w["proposal"].pk},
    "proposals:edit": lambda w: {"pk": w["draft"].pk},
    "proposals:submit": lambda w: {"pk": w["draft"].pk},
    "proposals:withdraw": lambda w: {"pk": w["draft"].pk},
    "proposals:support": lambda w: {"pk": w["proposal"].pk},
    "proposals:support_withdraw": lambda w: {"pk": w["proposal"].pk},
    "proposals:ask": lambda w: {"pk": w["proposal"].pk},
    "proposals:coproposer_join": lambda w: {"token": w["proposal"].coproposer_token},
    "proposals:staff_case": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_approve": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_reject": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_paper": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_referral": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_answer": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_finish": lambda w: {"pk": w["proposal"].pk},
    "proposals:staff_question_answer": lambda w: {"pk": w["question"].pk},
    # budgeting: voting is open in `process`; `closed_process` is counted.
    "budgeting:detail": lambda w: {"pk": w["process"].pk},
    "budgeting:summary": lambda w: {"pk": w["process"].pk},
    "budgeting:vote": lambda w: {"pk": w["process"].pk},
    "budgeting:receipt": lambda w: {"pk": w["process"].pk},
    "budgeting:results": lambda w: {"pk": w["closed_process"].pk},
    "budgeting:ballot_log": lambda w: {"pk": w["closed_process"].pk},
    "budgeting:pabulib": lambda w: {
        "pk": w["closed_process"].pk,
        "pool": w["funded"].pool_id,
    },
    "budgeting:lookup": lambda w: {"pk": w["closed_process"].pk},
    "budgeting:ideas": lambda w: {"pk": w["process"].pk},
    "budgeting:idea_create": lambda w: {"pk": w["process"].pk},
    "budgeting:idea": lambda w: {"pk": w["project"].pk},
    "budgeting:idea_reply": lambda w: {"pk": w["project"].pk},
    "budgeting:staff_review": lambda w: {"pk": w["process"].pk},
    "budgeting:staff_decide": lambda w: {"pk": w["project"].pk},
    "budgeting:staff_merge": lambda w: {"pk": w["project"].pk},
    "budgeting:staff_paper": lambda w: {"pk": w["process"].pk},
    "budgeting:staff_paper_confirm": lambda w: {"pk": w["sheet"].pk},
    # implementation: the funded project of the closed process
    "implementation:detail": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_project": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_start": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_status": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_settings": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_spend": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_spend_remove": lambda w: {
        "pk": w["funded"].pk,
        "entry_id": w["spend"].pk,
    },
    "implementation:staff_milestone": lambda w: {"pk": w["funded"].pk},
    "implementation:staff_milestone_mark": lambda w: {
        "pk": w["funded"].pk,
        "milestone_id": w["milestone"].pk,
    },
    "implementation:staff_update": lambda w: {"pk": w["funded"].pk},
    # fast-track: the application is the verified resident's, not yet decided
    "fasttrack:pool": lambda w: {"pk": w["ft_pool"].pk},
    "fasttrack:apply": lambda w: {"pk": w["ft_pool"].pk},
    "fasttrack:detail": lambda w: {"pk": w["application"].pk},
    "fasttrack:report": lambda w: {"pk": w["application"].pk},
    "fasttrack:staff_case": lambda w: {"pk": w["application"].pk},
    "fasttrack:staff_approve": lambda w: {"pk": w["application"].pk},
    "fasttrack:staff_reject": lambda w: {"pk": w["application"].pk},
    "fasttrack:staff_payout": lambda w: {"pk": w["application"].pk},
    # co-creation: a public group; the verified resident is a member
    "cocreation:group": lambda w: {"pk": w["group"].pk},
    "cocreation:meeting_add": lambda w: {"pk": w["group"].pk},
    "cocreation:meeting_notes": lambda w: {"pk": w["group_meeting"].pk},
    "cocreation:task_add": lambda w: {"pk": w["group"].pk},
    "cocreation:task_status": lambda w: {"pk": w["task"].pk},
    "cocreation:chair": lambda w: {"pk": w["group"].pk},
    "cocreation:chair_rotate": lambda w: {"pk": w["group"].pk},
    "cocreation:chair_appoint": lambda w: {"pk": w["group"].pk},
    "cocreation:output_add": lambda w: {"pk": w["group"].pk},
    "cocreation:output": lambda w: {"pk": w["output"].pk},
    "cocreation:output_present": lambda w: {"pk": w["output"].pk},
    "cocreation:output_send": lambda w: {"pk": w["output"].pk},
    "cocreation:output_decide": lambda w: {"pk": w["output"].pk},
    # premises: the booking request is the verified resident's
    "premises:detail": lambda w: {"pk": w["premises"].pk},
    "premises:ics": lambda w: {"pk": w["premises"].pk},
    "premises:request_create": lambda w: {"pk": w["premises"].pk},
    "premises:request": lambda w: {"pk": w["booking"].pk},
    "premises:cancel": lambda w: {"pk": w["booking"].pk},
    "premises:staff_case": lambda w: {"pk": w["booking"].pk},
    "premises:staff_approve": lambda w: {"pk": w["booking"].pk},
    "premises:staff_reject": lambda w: {"pk": w["booking"].pk},
    # goals, efforts
    "goals:goal": lambda w: {"pk": w["goal"].pk},
    "goals:carbon": lambda w: {"pk": w["carbon"].pk},
    "goals:indicator_csv": lambda w: {"pk": w["indicator"].pk},
    "goals:measurement_new": lambda w: {"pk": w["indicator"].pk},
    "efforts:detail": lambda w: {"pk": w["effort"].pk},
    "efforts:contributions": lambda w: {"kind": "projekt", "pk": w["funded"].pk},
    "efforts:contribution_remove": lambda w: {
        "kind": "projekt",
        "pk": w["funded"].pk,
        "item": w["contribution"].pk,
    },
    # volunteering: the verified resident is the team's contact person
    "volunteering:programme": lambda w: {"pk": w["programme"].pk},
    "volunteering:team": lambda w: {"pk": w["team"].pk},
    "volunteering:series_create": lambda w: {"pk": w["team"].pk},
    "volunteering:hours": lambda w: {"pk": w["team"].pk},
    "volunteering:ledger": lambda w: {"pk": w["team"].pk},
    "volunteering:session": lambda w: {"pk": w["session"].pk},
    "volunteering:signup": lambda w: {"pk": w["session"].pk},
    "volunteering:signup_cancel": lambda w: {"pk": w["session"].pk},
    "volunteering:own_hours": lambda w: {"pk": w["session"].pk},
    "volunteering:session_cancel": lambda w: {"pk": w["session"].pk},
    "volunteering:session_change": lambda w: {"pk": w["session"].pk},
    "volunteering:hours_decide": lambda w: {"pk": w["hours"].pk},
    # hearings: an open hearing; the response (with a file) is the verified resident's
    "hearings:detail": lambda w: {"pk": w["hearing"].pk},
    "hearings:document": lambda w: {"pk": w["hearing"].pk, "document_pk": w["document"].pk},
    "hearings:respond": lambda w: {"pk": w["hearing"].pk},
    "hearings:report": lambda w: {"pk": w["hearing"].pk},
    "hearings:report_pdf": lambda w: {"pk": w["hearing"].pk},
    "hearings:response_file": lambda w: {
        "pk": w["response"].pk,
        "attachment_pk": w["attachment"].pk,
    },
    "hearings:staff_hearing": lambda w: {"pk": w["hearing"].pk},
    "hearings:staff_theme": lambda w: {"pk": w["hearing"].pk},
    "hearings:staff_response": lambda w: {"pk": w["response"].pk},
    # meetings: a citizens' meeting, and an open plenum with the verified resident's request
    "meetings:meeting": lambda w: {"pk": w["meeting"].pk},
    "meetings:ics": lambda w: {"pk": w["meeting"].pk},
    "meetings:register": lambda w: {"pk": w["meeting"].pk},
    "meetings:cancel": lambda w: {"pk": w["meeting"].pk},
    "meetings:slot_request": lambda w: {"pk": w["plenum"].pk},
    "meetings:running_order": lambda w: {"pk": w["plenum"].pk},
    "meetings:staff_meeting": lambda w: {"pk": w["meeting"].pk},
    "meetings:staff_attendance": lambda w: {"pk": w["meeting"].pk},
    "meetings:staff_minutes": lambda w: {"pk": w["meeting"].pk},
    "meetings:staff_cancel": lambda w: {"pk": w["meeting"].pk},
    "meetings:staff_slots": lambda w: {"pk": w["plenum"].pk},
    "meetings:staff_publish_order": lambda w: {"pk": w["plenum"].pk},
    "meetings:staff_allocate": lambda w: {"slot_pk": w["slot"].pk},
    "meetings:staff_decline": lambda w: {"slot_pk": w["slot"].pk},
    # comments (the comment is the verified resident's), notifications (theirs too)
    "comments:create": lambda w: {"label": "proposals.proposal", "object_id": w["proposal"].pk},
    "comments:edit": lambda w: {"pk": w["comment"].pk},
    "comments:report": lambda w: {"pk": w["comment"].pk},
    "comments:hide": lambda w: {"pk": w["comment"].pk},
    "comments:restore": lambda w: {"pk": w["comment"].pk},
    "comments:dismiss": lambda w: {"pk": w["comment"].pk},
    "notifications:open": lambda w: {"pk": w["notification"].pk},
    "notifications:follow": lambda w: {
        "label": "proposals.proposal",
        "object_id": w["proposal"].pk,
    },
    "api:proposal_detail": lambda w: {"id": w["proposal"].pk},
}


def url_for(world: World, pattern: Pattern) -> str:
    key, route = pattern.key, pattern.route
    if route.startswith("admin/"):
        return admin_url(world, key, route)
    if key in KWARGS:
        return reverse(key, kwargs=KWARGS[key](world))
    if key == route:  # no name: a plain path
        return "/" + route
    return reverse(key)


def admin_object_id(world: World, model: Any) -> str:
    """An object of A for an admin page: through the admin's municipality scope where it has one."""
    from django.contrib import admin

    model_admin = admin.site._registry[model]
    path = getattr(model_admin, "municipality_path", None) or getattr(
        model_admin, "municipality_field", None
    )
    if model._meta.label == "places.Municipality":
        return str(world.a.pk)
    if model._meta.label == "accounts.User":
        return str(world.users["res"].pk)
    queryset = model._default_manager.all()
    if path:
        queryset = queryset.filter(**{path: world.a})
    obj = queryset.order_by("pk").first()
    return str(obj.pk) if obj is not None else "999999"


def admin_url(world: World, key: str, route: str) -> str:
    from django.contrib import admin

    if key == "admin:app_list":
        return reverse(key, kwargs={"app_label": "places"})
    if key == "admin:view_on_site":
        proposal = world["proposal"]
        content_type = ContentType.objects.get_for_model(proposal)
        return reverse(key, kwargs={"content_type_id": content_type.pk, "object_id": proposal.pk})
    if route == "admin/(?P<url>.*)$":
        return "/admin/no-such-page/"
    for model in admin.site._registry:
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if route.startswith(prefix):
            return "/" + route.replace("<path:object_id>", admin_object_id(world, model))
    return reverse(key)


# --- sending one request ----------------------------------------------------------------------


def outcome_of(response: Any) -> str:
    if response.status_code in (301, 302, 303):
        where = response.headers.get("Location", "")
        if where.startswith("/accounts/login/"):
            return "login"
        if where.startswith("/admin/login/"):
            return "login"
        return "302"
    return str(response.status_code)


def matches(expected: str, actual: str, method: str) -> bool:
    if actual.startswith("5"):
        return False
    if expected == "any":
        return True
    if expected == "no":
        return not actual.startswith("2")
    if method == "POST" and expected in ALLOWED_POST:
        return actual in ALLOWED_POST
    return expected == actual


def send(world: World, role: str, method: str, url: str) -> tuple[str, set[str]]:
    """One request in a rolled-back savepoint: its outcome and the tables it wrote to."""
    cache.clear()  # allauth's rate limits count in the cache
    client = world.client(role)
    with rolled_back(), recording_writes() as written:
        response = client.get(url) if method == "GET" else client.post(url)
    return outcome_of(response), written


def check(world: World, key: str, url: str) -> list[str]:
    row = row_for(key)
    assert row is not None, f"no row for {key}"
    problems = []
    for method, expected in (("GET", row.get), ("POST", row.post)):
        for role in ROLES:
            want = expected[ROLES.index(role)]
            got, written = send(world, role, method, url)
            if not matches(want, got, method):
                problems.append(f"{method} {url} as {role}: expected {want}, got {got}")
            if written and got in REFUSED:
                problems.append(f"{method} {url} as {role} was refused ({got}) but wrote {written}")
            elif written and method == "GET" and key not in GET_MAY_WRITE:
                problems.append(f"GET {url} as {role} wrote {sorted(written)}")
    return problems


# --- the tests --------------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="module")
def _quiet_refusals() -> Iterator[None]:
    """Thousands of 403s and 404s are the point here: do not log each one with its traceback."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


ALL = patterns()


def test_every_url_pattern_has_a_row() -> None:
    missing = [p.key for p in ALL if row_for(p.key) is None]
    assert not missing, (
        "URL patterns without a row in MATRIX_TABLE (say what each role gets):\n"
        + "\n".join(missing)
    )


def test_every_row_is_a_url_pattern() -> None:
    keys = {p.key for p in ALL}
    stale = [
        key
        for key in MATRIX
        if ("*" not in key and key not in keys)
        or ("*" in key and not any(fnmatch.fnmatchcase(k, key) for k in keys))
    ]
    assert not stale, "rows for URL patterns that no longer exist:\n" + "\n".join(stale)


def test_the_table_names_every_role() -> None:
    header = next(line for line in MATRIX_TABLE.splitlines() if line.startswith("# URL name"))
    assert tuple(header.split()[-len(ROLES) :]) == ROLES


@pytest.mark.parametrize("pattern", ALL, ids=[p.key for p in ALL])
def test_matrix(world: World, pattern: Pattern) -> None:
    url = url_for(world, pattern)
    problems = check(world, pattern.key, url)
    assert not problems, "\n".join(problems)
