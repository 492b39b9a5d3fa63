"""Organisations villages found: the pipeline by stage, each side by side, new formations."""

import datetime as dt

import streamlit as st

from energy.calc import organisation_charts
from energy.core.access import can
from energy.core.errors import EnergyError
from energy.core.vocabulary import LEGAL_FORMS
from energy.organisations import formation
from energy.organisations import registry as organisations
from energy.organisations.formation_rules import PHASES
from energy.villages import directory as villages
from ui.core import chart_view, money
from ui.core.auth import guard
from ui.core.chrome import flash, page_header
from ui.core.forms import HELD, form, submit
from ui.core.i18n import lang, number, t, today
from ui.core.markup import html_text, t_md
from ui.core.nav import page_path
from ui.core.widgets import choice, download_table, empty_state, kpi_row, show_error
from ui.organisations.tables import side_by_side

actor = guard("organisations")
page_header("page.organisations", "organisations.caption")

found = organisations.pipeline(actor)
compared = organisations.compare_organisations(actor, today=today())
founded = found.at("founded")
kpi_row(
    [
        (t("organisations.total"), len(found.organisations), None),
        (t("organisations.founded"), len(founded), None),
        (t("organisations.members"), int(compared["members"].sum()), None),
        (t("organisations.solar"), f"{number(float(compared['solar_kw'].sum()), 1)} kW", None),
    ]
)

st.subheader(t("organisations.pipeline"))
if not found.organisations:
    empty_state("organisations.none_yet")
else:
    chart_view.altair(
        organisation_charts.pipeline_chart,
        found.counts,
        stage_labels={s: t(f"phase.{s}") for s in PHASES},
        form_labels={f: t(f"legal_form.{f}") for f in LEGAL_FORMS},
        y_title=t("organisations.count"),
        legend_title=t("org.legal_form"),
    )
    columns = st.columns(len(PHASES))
    for column, stage in zip(columns, PHASES, strict=True):
        at_stage = found.at(stage)
        with column.container(border=True):
            st.markdown(f"**{t(f'phase.{stage}')}** · {t('organisations.n', n=len(at_stage))}")
            for org in at_stage:
                step = t(f"formation.step.{org.next_step}") if org.next_step else ""
                st.markdown(
                    f"<small><b>{html_text(org.display_name(lang()))}</b><br>"
                    f"{html_text(org.village_display(lang()))}"
                    + (f"<br>→ {step}" if step else "")
                    + "</small>",
                    unsafe_allow_html=True,
                )

if not compared.empty:  # (none: the pipeline above says so)
    st.subheader(t("organisations.side_by_side"))
    table = side_by_side(compared)
    selection = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="organisations.table",
    )
    rows = selection.selection.rows if selection else []
    if rows:
        chosen = int(compared.iloc[rows[0]]["organisation_id"])
        st.switch_page(page_path("organisation"), query_params={"id": str(chosen)})
    st.caption(t("organisations.open_hint"))
    download_table(
        table, file_stem=f"organisations-{dt.date.today():%Y%m%d}", key="organisations.download"
    )

if can(actor, "organisation.write"):
    listed = [v for v in villages.list_villages(actor) if v.status != "disbanded"]
    names = {v.code: f"{v.code} · {v.display_name(lang())}" for v in listed}
    with (
        st.expander(t("organisations.start_title"), icon=":material/add_business:"),
        form("organisations.start"),
    ):
        a1, a2 = st.columns(2)
        village = a1.selectbox(
            t("field.village"),
            list(names),
            format_func=names.__getitem__,
            index=None,
            placeholder=t("form.choose"),
            key=choice("organisations.start.village"),
            on_change=HELD,
        )
        legal_form = a2.selectbox(
            t("org.legal_form"),
            LEGAL_FORMS,
            format_func=lambda f: t(f"legal_form.{f}"),
            key=choice("organisations.start.form"),
            on_change=HELD,
        )
        b1, b2 = st.columns(2)
        name = b1.text_input(t("org.name"), key="organisations.start.name", on_change=HELD)
        name_en = b2.text_input(
            t("field.name_en"), key="organisations.start.name_en", on_change=HELD
        )
        c1, c2 = st.columns(2)
        started_on = c1.date_input(
            t("org.started_on"),
            value=today(),
            max_value=today(),
            format="YYYY-MM-DD",
            key="organisations.start.started_on",
            on_change=HELD,
        )
        share_price = money.money_input(t("org.share_price"), value=10_000, where=c2, help=t("org.share_price_help"),
                                  key="organisations.start.share_price")  # fmt: skip
        if submit(t("organisations.start_submit"), type="primary") and money.amounts_ok(
            {t("org.share_price"): share_price}
        ):
            try:
                if village is None:
                    raise EnergyError("error.required_village")
                made = formation.start_formation(
                    actor,
                    village=village,
                    legal_form=legal_form,
                    name=name,
                    name_en=name_en,
                    started_on=started_on,
                    share_price_krw=share_price or None,
                    today=today(),
                )
            except EnergyError as exc:
                show_error(exc)
            else:
                flash(t_md("organisations.started", name=made.organisation.name))
                st.switch_page(
                    page_path("organisation"), query_params={"id": str(made.organisation.id)}
                )
