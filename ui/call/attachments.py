"""An application's attachments on screen: the applicant attaches and removes files while
the application is a draft; the applicant, staff and the assigned reviewers see the list,
with a download button for each file and a preview of each picture."""

from __future__ import annotations

import streamlit as st

from energy.call import attachments
from energy.call.attachment_checks import ACCEPTED_EXTENSIONS, ACCEPTED_NAMES, MAX_FILE_BYTES
from energy.call.attachments import MAX_FILES, MAX_TOTAL_BYTES, AttachmentInfo
from energy.core.access import Actor
from energy.core.errors import EnergyError
from energy.core.i18n import format_size
from energy.core.vocabulary import ATTACHMENT_KINDS
from ui.core.forms import HELD, form, submit
from ui.core.i18n import datetime, t
from ui.core.markup import md, message_md, t_md
from ui.core.widgets import choice, show_error

PREVIEW_PX = 88  # the preview's width in the list (the full picture opens from it)
TYPE_ICONS = {
    "application/pdf": ":material/picture_as_pdf:",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ":material/table_view:",
}


def _outcome_key(key: str) -> str:
    return f"{key}.outcome"


def _preview(actor: Actor, info: AttachmentInfo) -> None:
    picture = attachments.thumbnail(actor, info.id) if info.previewable else None
    if picture is not None:
        st.image(picture, width=PREVIEW_PX)
    else:
        icon = TYPE_ICONS.get(info.media_type, ":material/image:")
        st.markdown(f"## {icon}")


def _row(actor: Actor, info: AttachmentInfo, *, key: str, removable: bool) -> None:
    """One file: its preview, name and facts, its download (and remove) button. A horizontal
    box that wraps: on a phone the buttons go under the name, not in a squeezed column."""
    with st.container(
        border=True, horizontal=True, vertical_alignment="center", key=f"{key}.attached.{info.id}"
    ):
        with st.container(width=PREVIEW_PX + 8):
            _preview(actor, info)
        with st.container(width="stretch"):
            st.markdown(f"**{md(info.file_name)}**")
            st.caption(
                t(
                    "attach.meta",
                    kind=t(f"attach_kind.{info.kind}"),
                    type=info.type_name,
                    size=format_size(info.size_bytes),
                    when=datetime(info.uploaded_at),
                )
            )
        with st.container(horizontal=True, width="content", vertical_alignment="center"):
            st.download_button(
                t("attach.download"),
                # Read when pressed, not on every rerun.
                data=lambda: attachments.read_attachment(actor, info.id).content,
                file_name=info.file_name,
                mime=info.media_type,
                icon=":material/download:",
                on_click="ignore",
                key=f"{key}.download.{info.id}",
            )
            if removable and st.button(
                t("attach.remove"), icon=":material/delete:", key=f"{key}.remove.{info.id}"
            ):
                try:
                    attachments.delete_attachment(actor, info.id)
                except EnergyError as exc:
                    show_error(exc)
                else:
                    st.session_state[_outcome_key(key)] = (
                        t_md("attach.removed", name=info.file_name),
                        [],
                    )
                    st.rerun()


def attachment_list(
    actor: Actor, application_id: int, *, key: str, removable: bool = False
) -> list[AttachmentInfo]:
    """The application's files (``actor`` must be allowed to read them: the library checks)."""
    files = attachments.list_attachments(actor, application_id)
    if not files:
        st.caption(t("attach.none"))
        return files
    st.caption(
        t("attach.summary", n=len(files), total=format_size(sum(f.size_bytes for f in files)))
    )
    for info in files:
        _row(actor, info, key=key, removable=removable)
    return files


def attachment_panel(actor: Actor, application_id: int, *, key: str) -> None:
    """The files, read only, under their heading (reviewers, staff, a sent application)."""
    st.markdown(f"**{t('attach.title')}**")
    attachment_list(actor, application_id, key=key)


def _show_outcome(key: str) -> None:
    outcome = st.session_state.pop(_outcome_key(key), None)
    if outcome is None:
        return
    done, refused = outcome
    if done:
        st.success(done, icon=":material/attach_file:")
    if refused:
        st.error(
            "\n".join([t("attach.not_added"), "", *(f"- {line}" for line in refused)]),
            icon=":material/error:",
        )


def attachment_manager(actor: Actor, application_id: int, *, key: str) -> None:
    """The applicant's attachments of a draft: the list with remove buttons, and the upload
    (several files at once, each checked and attached or refused with its reason)."""
    st.markdown(f"**{t('attach.title')}**")
    editable = attachments.may_change(actor, application_id)
    if editable:
        st.caption(
            t(
                "attach.rules",
                types=ACCEPTED_NAMES,
                size=format_size(MAX_FILE_BYTES),
                n=MAX_FILES,
                total=format_size(MAX_TOTAL_BYTES),
            )
        )
    _show_outcome(key)
    attachment_list(actor, application_id, key=key, removable=editable)
    if not editable:
        st.caption(t("attach.kept_as_sent"))
        return
    # A new file field after each attach (a file field cannot be emptied from the server), so
    # a file is never sent twice by a second press; the kind chosen stays for the next files.
    round_key = f"{key}.round"
    with form(f"{key}.add", border=True):
        kinds = list(ATTACHMENT_KINDS)
        kind = st.segmented_control(
            t("attach.kind"),
            options=kinds,
            default=kinds[0],
            format_func=lambda k: t(f"attach_kind.{k}"),
            key=choice(f"{key}.kind"),
            on_change=HELD,
        )
        with st.container(key=f"{key}.files"):  # the same place whatever its round
            uploads = st.file_uploader(
                t("attach.files"),
                type=list(ACCEPTED_EXTENSIONS),
                # (No lower limit here: a file over MAX_FILE_BYTES reaches the library, whose
                # message says so in the person's language; Streamlit's would be in English.)
                accept_multiple_files=True,
                help=t("attach.files_help"),
                key=f"{key}.files.{st.session_state.get(round_key, 0)}",
                on_change=HELD,
            )
        pressed = submit(t("attach.add"), type="primary", icon=":material/attach_file:")
    if not pressed:
        return
    if not uploads:
        st.warning(t("attach.choose_first"), icon=":material/info:")
        return
    added: list[str] = []
    refused: list[str] = []
    for upload in uploads:
        try:
            done = attachments.add_attachment(
                actor,
                application_id,
                kind=kind or kinds[0],
                file_name=upload.name,
                content=upload.getvalue(),
            )
        except EnergyError as exc:
            refused.append(message_md(exc))
        else:
            added.append(done.file_name)
    message = t_md("attach.added", names=", ".join(added)) if added else ""
    st.session_state[_outcome_key(key)] = (message, refused)
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
    st.rerun()
