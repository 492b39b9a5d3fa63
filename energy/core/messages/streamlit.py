"""Streamlit's own words, said in the reader's language (ui.core.streamlit_words).

Streamlit 1.67 has no language setting: its grids, file chooser, date picker, pickers and
frame speak English. ``ui.core.streamlit_words`` pairs each of its English strings with a key
here; a small script in the page puts these words in their place. A ``{field}`` stands for
what Streamlit fills in (a file's name, a field's label, a count) and keeps its name in both
languages. The English is Streamlit's own unless it was unclear to our readers.
"""

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

MESSAGES: dict[str, dict[str, str]] = {
    # --- a table's toolbar (shown on hover) and its search box ------------------------------
    "streamlit.columns": {"ko": "열 보이기·숨기기", "en": "Show/hide columns"},
    "streamlit.download_csv": {"ko": "CSV 파일로 내려받기", "en": "Download as CSV"},
    "streamlit.search": {"ko": "찾기", "en": "Search"},
    "streamlit.fullscreen": {"ko": "크게 보기", "en": "Fullscreen"},
    "streamlit.close_fullscreen": {"ko": "크게 보기 닫기", "en": "Close fullscreen"},
    "streamlit.clear_selection": {"ko": "선택 지우기", "en": "Clear selection"},
    "streamlit.delete_rows": {"ko": "고른 줄 지우기", "en": "Delete row(s)"},
    "streamlit.add_row": {"ko": "줄 더하기", "en": "Add row"},
    "streamlit.type_to_search": {"ko": "찾을 말을 적으세요", "en": "Type to search"},
    "streamlit.close_search": {"ko": "찾기 닫기", "en": "Close Search"},
    "streamlit.next_result": {"ko": "다음 결과", "en": "Next Result"},
    "streamlit.previous_result": {"ko": "이전 결과", "en": "Previous Result"},
    # --- a column's menu ---------------------------------------------------------------------
    "streamlit.column_menu": {"ko": "열 메뉴", "en": "Dataframe column menu"},
    "streamlit.copy_column_name": {"ko": "열 이름 복사", "en": "Copy column name"},
    "streamlit.sort_ascending": {"ko": "오름차순 정렬", "en": "Sort ascending"},
    "streamlit.sort_descending": {"ko": "내림차순 정렬", "en": "Sort descending"},
    "streamlit.autosize": {"ko": "너비 자동 맞춤", "en": "Autosize"},
    "streamlit.pin_column": {"ko": "열 고정", "en": "Pin column"},
    "streamlit.unpin_column": {"ko": "열 고정 풀기", "en": "Unpin column"},
    "streamlit.hide_column": {"ko": "열 숨기기", "en": "Hide column"},
    # --- a chart's toolbar -------------------------------------------------------------------
    "streamlit.show_data": {"ko": "표로 보기", "en": "Show data"},
    "streamlit.show_chart": {"ko": "그래프로 보기", "en": "Show chart"},
    "streamlit.download_png": {"ko": "그림(PNG)으로 내려받기", "en": "Download as PNG"},
    "streamlit.chart": {"ko": "그래프", "en": "Chart"},
    # what a screen reader hears a chart's parts called (Vega's aria-roledescription)
    "streamlit.visualization": {"ko": "도표", "en": "visualization"},
    "streamlit.axis": {"ko": "축", "en": "axis"},
    "streamlit.legend": {"ko": "범례", "en": "legend"},
    "streamlit.bar_mark": {"ko": "막대", "en": "bar"},
    "streamlit.point_mark": {"ko": "점", "en": "point"},
    "streamlit.rect_mark": {"ko": "사각형", "en": "rect mark"},
    "streamlit.line_mark": {"ko": "선", "en": "line mark"},
    "streamlit.symbol_mark": {"ko": "기호", "en": "symbol mark"},
    "streamlit.text_mark": {"ko": "글자", "en": "text mark"},
    "streamlit.rect_marks": {"ko": "사각형 묶음", "en": "rect mark container"},
    "streamlit.line_marks": {"ko": "선 묶음", "en": "line mark container"},
    "streamlit.symbol_marks": {"ko": "기호 묶음", "en": "symbol mark container"},
    "streamlit.text_marks": {"ko": "글자 묶음", "en": "text mark container"},
    "streamlit.group_marks": {"ko": "묶음", "en": "group mark container"},
    # --- pickers -----------------------------------------------------------------------------
    "streamlit.no_results": {"ko": "맞는 항목이 없습니다", "en": "No results"},
    "streamlit.choose_option": {"ko": "고르세요", "en": "Choose an option"},
    "streamlit.choose_options": {"ko": "하나 이상 고르세요", "en": "Choose options"},
    "streamlit.open": {"ko": "목록 열기", "en": "Open"},
    "streamlit.clear_value": {"ko": "지우기", "en": "Clear value"},
    "streamlit.clear_all": {"ko": "모두 지우기", "en": "Clear all"},
    "streamlit.dismiss": {"ko": "목록 닫기", "en": "Dismiss"},
    "streamlit.remove": {"ko": "{name} 빼기", "en": "Remove {name}"},
    "streamlit.options_available": {
        "ko": "고를 수 있는 항목 {n}개",
        "en": "{n} options available.",
    },
    "streamlit.option_available": {"ko": "고를 수 있는 항목 1개", "en": "1 option available."},
    "streamlit.selected": {"ko": "{option}, 고름", "en": "{option}, selected"},
    # --- the file chooser --------------------------------------------------------------------
    "streamlit.add_files": {"ko": "파일 더 고르기", "en": "Add files"},
    "streamlit.add_icon": {"ko": "더하기", "en": "add icon"},
    "streamlit.loading": {"ko": "불러오는 중", "en": "Loading"},
    "streamlit.file_upload": {"ko": "파일 올리기", "en": "file upload"},
    "streamlit.cancel_upload": {"ko": "{name} 올리기 취소", "en": "Cancel upload of {name}"},
    "streamlit.retry_upload": {"ko": "다시 올리려면 누르세요", "en": "Click to retry upload"},
    "streamlit.upload_failed": {"ko": "올리지 못했습니다", "en": "Upload failed"},
    "streamlit.error_colon": {"ko": "오류:", "en": "Error:"},
    "streamlit.wrong_type": {
        "ko": "이 형식의 파일은 올릴 수 없습니다 ({type}).",
        "en": "{type} files are not allowed.",
    },
    "streamlit.too_large": {
        "ko": "파일은 {size} 이하여야 합니다.",
        "en": "File must be {size} or smaller.",
    },
    "streamlit.too_small": {"ko": "파일이 너무 작습니다.", "en": "File size is too small."},
    "streamlit.one_file": {
        "ko": "파일은 하나만 올릴 수 있습니다.",
        "en": "Only one file is allowed.",
    },
    "streamlit.unexpected": {
        "ko": "뜻밖의 오류입니다. 다시 해 보세요.",
        "en": "Unexpected error. Please try again.",
    },
    # --- the date picker ---------------------------------------------------------------------
    "streamlit.choose_date": {"ko": "달력에서 날짜 고르기", "en": "Choose date"},
    "streamlit.choose_date_range": {"ko": "달력에서 기간 고르기", "en": "Choose date range"},
    "streamlit.choose_date_in": {
        "ko": "달력에서 날짜 고르기, {month}",
        "en": "Choose date, {month}",
    },
    "streamlit.clear_date": {"ko": "날짜 지우기", "en": "Clear date"},
    "streamlit.clear_dates": {"ko": "기간 지우기", "en": "Clear dates"},
    "streamlit.date_range": {"ko": "기간", "en": "Date range"},
    "streamlit.quick_range": {"ko": "기간 빨리 고르기", "en": "Quick select a date range"},
    "streamlit.select": {"ko": "고르세요...", "en": "Select..."},
    "streamlit.previous_month": {"ko": "이전 달", "en": "Previous month"},
    "streamlit.next_month": {"ko": "다음 달", "en": "Next month"},
    "streamlit.calendar_keys": {
        "ko": "화살표 키로 날짜를 옮기고 Enter로 고릅니다. Esc를 누르면 닫힙니다.",
        "en": "Use arrow keys to navigate dates. Enter to select. Escape to close.",
    },
    "streamlit.year_of": {"ko": "{label} 연도", "en": "year, {label}"},
    "streamlit.month_of": {"ko": "{label} 월", "en": "month, {label}"},
    "streamlit.day_of": {"ko": "{label} 일", "en": "day, {label}"},
    "streamlit.start_date": {"ko": "{label} 시작일", "en": "{label} start date"},
    "streamlit.end_date": {"ko": "{label} 종료일", "en": "{label} end date"},
    "streamlit.empty": {"ko": "비어 있음", "en": "Empty"},
    **{
        f"streamlit.month_{number}": {"ko": f"{number}월", "en": f"{number:02d} – {name}"}
        for number, name in enumerate(MONTHS, start=1)
    },
    # --- fields and help ---------------------------------------------------------------------
    "streamlit.help_for": {"ko": "{label} 도움말", "en": "Help for {label}"},
    "streamlit.decrement": {"ko": "줄이기", "en": "Decrement"},
    "streamlit.increment": {"ko": "늘리기", "en": "Increment"},
    "streamlit.show_password": {"ko": "비밀번호 보기", "en": "Show password"},
    "streamlit.hide_password": {"ko": "비밀번호 숨기기", "en": "Hide password"},
    "streamlit.copy": {"ko": "복사", "en": "Copy to clipboard"},
    "streamlit.link_to_heading": {"ko": "이 제목으로 가는 링크", "en": "Link to heading"},
    "streamlit.close": {"ko": "닫기", "en": "Close"},
    # --- the frame: sidebar, status, connection, a crash -----------------------------------
    "streamlit.skip_to_content": {"ko": "본문으로 건너뛰기", "en": "Skip to main content"},
    "streamlit.sidebar": {"ko": "메뉴", "en": "Sidebar"},
    "streamlit.collapse_sidebar": {"ko": "메뉴 닫기", "en": "Collapse sidebar"},
    "streamlit.expand_sidebar": {"ko": "메뉴 열기", "en": "Expand sidebar"},
    "streamlit.app_pages": {"ko": "화면 목록", "en": "App pages"},
    "streamlit.view_less": {"ko": "줄여 보기", "en": "View less"},
    "streamlit.view_more": {"ko": "{n}개 더 보기", "en": "View {n} more"},
    "streamlit.notifications": {"ko": "알림", "en": "Notifications"},
    "streamlit.running": {"ko": "처리하는 중...", "en": "Running..."},
    "streamlit.stop": {"ko": "멈추기", "en": "Stop"},
    "streamlit.stopping": {"ko": "멈추는 중...", "en": "Stopping..."},
    "streamlit.connecting": {"ko": "연결하는 중", "en": "Connecting"},
    "streamlit.connecting_server": {
        "ko": "서버에 연결하는 중입니다",
        "en": "Connecting to Streamlit server",
    },
    "streamlit.cannot_connect": {
        "ko": "서버에 연결할 수 없습니다",
        "en": "Unable to connect to Streamlit server",
    },
    "streamlit.connection_error": {"ko": "연결 오류", "en": "Connection error"},
    "streamlit.still_running": {
        "ko": "서버와 연결이 끊겼습니다. 잠시 뒤 이 화면을 다시 여세요. 계속되면 운영 담당자에게 알려 주세요.",
        "en": "The connection to the server was lost. Reopen this page in a moment; if it "
        "goes on, tell the operator.",
    },
    "streamlit.connection_lost": {
        "ko": "연결이 끊겼습니다. 다시 연결될 때까지 기다렸다가 다시 해 보세요.",
        "en": "Connection lost. Please wait for the app to reconnect, then try again.",
    },
    "streamlit.crashed": {
        "ko": "문제가 생겨 이 화면을 다 그리지 못했습니다. 자세한 내용은 서버 기록에 남았습니다. "
        "다시 해 보고, 계속되면 운영 담당자에게 알려 주세요.",
        "en": "Something went wrong and this page could not be drawn in full. The details are "
        "in the server's log. Try again; if it goes on, tell the operator.",
    },
}
