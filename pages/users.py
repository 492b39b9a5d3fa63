"""Accounts (staff only): who can log in, with which role; add, edit, disable, reset."""

import pandas as pd
import streamlit as st

from energy.accounts import users as accounts
from energy.core.access import ROLES
from energy.core.errors import EnergyError
from energy.villages import directory as villages
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, clear, form, submit
from ui.core.i18n import datetime, t
from ui.core.lookups import district_options
from ui.core.markup import t_md
from ui.core.widgets import choice, show_error

actor = guard("users")
page_header("page.users", "users.caption")

users = accounts.list_users(actor)
village_codes = [v.code for v in villages.list_villages(actor)]
districts = {"": t("users.district_none"), **district_options()}  # "": not recorded
st.dataframe(
    pd.DataFrame(
        [
            {
                t("field.username"): u.username,
                t("field.display_name"): u.display_name,
                t("field.role"): t(f"role.{u.role}"),
                t("field.village"): u.village_code or "",
                t("users.district"): districts.get(u.district_code or "", u.district_code),
                t("field.language"): u.language.upper(),
                t("field.email"): u.email or "",
                t("field.state"): t("users.active") if u.is_active else t("users.disabled"),
                t("field.last_login"): datetime(u.last_login_at),
            }
            for u in users
        ]
    ),
    hide_index=True,
    width="stretch",
)

add_tab, edit_tab = st.tabs([t("users.add_title"), t("users.edit_title")])
with add_tab, form("users.add", clear_on_submit=True):
    c1, c2, c3 = st.columns(3)
    username = c1.text_input(
        t("field.username"), help=t("users.username_help"), key="users.add.username", on_change=HELD
    )
    display = c2.text_input(t("field.display_name"), key="users.add.display", on_change=HELD)
    role = c3.selectbox(
        t("field.role"), ROLES, format_func=lambda r: t(f"role.{r}"),
        key=choice("users.add.role"), on_change=HELD,
    )  # fmt: skip
    d1, d2, d3 = st.columns(3)
    village = d1.selectbox(
        t("field.village"), village_codes, index=None,
        placeholder=t("users.village_placeholder"), key="users.add.village", on_change=HELD,
    )  # fmt: skip
    language = d2.selectbox(
        t("field.language"), ["ko", "en"], format_func=lambda x: t(f"language.{x}"),
        key=choice("users.add.language"), on_change=HELD,
    )  # fmt: skip
    password = d3.text_input(
        t("field.password"), type="password", help=t("users.password_help"),
        key="users.add.password", autocomplete="new-password", on_change=HELD,
    )  # fmt: skip
    district = d1.selectbox(
        t("users.district"), list(districts), format_func=districts.__getitem__,
        help=t("users.district_help"), key=choice("users.add.district"), on_change=HELD,
    )  # fmt: skip
    email = d2.text_input(
        t("field.email"), help=t("users.email_help"), key="users.add.email", on_change=HELD
    )
    if submit(t("users.add_submit"), type="primary"):
        try:
            added = accounts.add_user(
                actor,
                username=username,
                password=password,
                role=role,
                display_name=display,
                village_code=village if role == "committee" else None,
                language=language,
                district=district or None,
                email=email,
            )
        except EnergyError as exc:
            show_error(exc)
        else:
            clear("users.add")
            flash(t_md("users.added", username=added.username))
            st.rerun()

with edit_tab:
    names = [u.username for u in users]
    chosen = st.selectbox(t("users.choose"), names, key="users.edit.user")
    user = next(u for u in users if u.username == chosen)
    with form("users.edit"):
        e1, e2, e3 = st.columns(3)
        new_display = e1.text_input(
            t("field.display_name"),
            value=user.display_name,
            key=f"users.edit.display.{chosen}",
            on_change=HELD,
        )
        new_role = e2.selectbox(
            t("field.role"),
            ROLES,
            index=ROLES.index(user.role),
            format_func=lambda r: t(f"role.{r}"),
            key=choice(f"users.edit.role.{chosen}"),
            on_change=HELD,
        )
        new_village = e3.selectbox(
            t("field.village"),
            village_codes,
            index=village_codes.index(user.village_code)
            if user.village_code in village_codes
            else None,
            placeholder=t("users.village_placeholder"),
            key=f"users.edit.village.{chosen}",
            on_change=HELD,
        )
        new_district = e1.selectbox(
            t("users.district"),
            list(districts),
            index=list(districts).index(user.district_code)
            if user.district_code in districts
            else 0,
            format_func=districts.__getitem__,
            help=t("users.district_help"),
            key=choice(f"users.edit.district.{chosen}"),
            on_change=HELD,
        )
        new_email = e2.text_input(
            t("field.email"), value=user.email or "", help=t("users.email_help"),
            key=f"users.edit.email.{chosen}",
            on_change=HELD,
        )  # fmt: skip
        if submit(t("action.save"), type="primary"):
            try:
                accounts.update_user(
                    actor,
                    chosen,
                    role=new_role,
                    display_name=new_display,
                    village_code=new_village if new_role == "committee" else None,
                    district=new_district or None,
                    email=new_email,
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t_md("users.saved", username=chosen))
                st.rerun()
    r1, r2 = st.columns(2)
    with r1, st.form("users.reset", clear_on_submit=True):
        new_password = st.text_input(
            t("users.new_password"),
            type="password",
            key="users.reset.password",
            autocomplete="new-password",
        )
        if st.form_submit_button(t("users.reset_submit")):
            try:
                accounts.reset_password(actor, chosen, new_password)
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t_md("users.password_reset", username=chosen))
                st.rerun()
    with r2:
        st.write("")
        label = t("users.disable") if user.is_active else t("users.enable")
        if st.button(
            label,
            icon=":material/block:" if user.is_active else ":material/check:",
            key="users.toggle",
        ):
            try:
                accounts.set_user_active(actor, chosen, not user.is_active)
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(
                    t_md(
                        "users.disabled_msg" if user.is_active else "users.enabled_msg",
                        username=chosen,
                    )
                )
                st.rerun()
