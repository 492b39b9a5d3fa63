"""Messages: following the villages (issue 27): a district officer's home (what is due or late
in each village, the log of visits and notes), staff's districts page (one district, the
districts compared), and the audit log's words for the visit log."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the officer's home ----------------------------------------------------------------------
    "home.district_title": {"ko": "우리 구의 마을", "en": "Our district's villages"},
    "home.district_caption": {
        "ko": "{district} · 늦어진 일이 있는 마을을 먼저, 다가온 일이 있는 마을을 다음에 보여 줍니다.",
        "en": "{district} · villages with something late come first, then those with something due.",
    },
    "home.district_empty": {
        "ko": "담당 자치구에 아직 마을이 없습니다.",
        "en": "The district you work for has no villages yet.",
    },
    "district.badge.late": {"ko": "늦음 {n}", "en": "Late {n}"},
    "district.badge.due": {"ko": "다가옴 {n}", "en": "Due {n}"},
    "district.badge.clear": {"ko": "모두 제때", "en": "All on time"},
    "district.badge.disbanded": {"ko": "해산", "en": "Disbanded"},
    "district.badge.paused": {"ko": "활동 중단", "en": "Paused"},
    "district.summary": {
        "ko": "마을 {villages}곳 (활동 중 {active}곳) · 늦은 일이 있는 마을 {villages_late}곳",
        "en": "{villages} villages ({active} active) · {villages_late} with something late",
    },
    "district.summary_help": {
        "ko": "사용량 입력률: {start}–{end}, 참여 가구 중 사용량을 입력한 가구의 비율. 절감률: {saving_start}–{saving_end}, 에코마일리지 방식으로 전기·가스·지역난방을 TOE로 합한 마을 단위 합계입니다(가구별 수치는 보지 않습니다).",
        "en": "Readings: {start}–{end}, households taking part that entered their readings. Saving: {saving_start}–{saving_end}, eco-mileage method, electricity, gas and district heat added in TOE over each village's totals (never a household's figures).",
    },
    "district.kpi.late": {"ko": "늦은 일", "en": "Late"},
    "district.kpi.due": {"ko": "다가온 일", "en": "Due"},
    "district.kpi.coverage": {"ko": "사용량 입력률", "en": "Readings in"},
    "district.kpi.saving": {"ko": "절감률 (12개월)", "en": "Saving (12 months)"},
    "district.card_line": {
        "ko": "{code} · {stage} · 사용량 입력 {coverage} · 절감 {saving}",
        "en": "{code} · {stage} · readings {coverage} · saving {saving}",
    },
    "district.last_contact": {
        "ko": "최근 연락: {date} {kind} — {note}",
        "en": "Last contact: {kind}, {date} — {note}",
    },
    "district.no_contact": {"ko": "아직 연락 기록이 없습니다.", "en": "No contact logged yet."},
    "district.nothing_due": {
        "ko": "늦거나 다가온 일이 없습니다.",
        "en": "Nothing late or due.",
    },
    "district.disbanded_heading": {"ko": "해산한 마을 {n}곳", "en": "{n} disbanded villages"},
    "district.state.late": {"ko": "늦음", "en": "Late"},
    "district.state.due": {"ko": "다가옴", "en": "Due"},
    # --- what is due or late (energy.district.due) -----------------------------------------------
    "district.item.readings_late": {
        "ko": "사용량 미입력 {n}개월: {months} (한 달에 최대 {of}가구)",
        "en": "Readings incomplete for {n} months: {months} (up to {of} missing a month)",
    },
    "district.item.readings_late_one": {
        "ko": "사용량 미입력: {months} ({of}가구)",
        "en": "Readings incomplete for {months} ({of} missing)",
    },
    "district.item.readings_due": {
        "ko": "{months} 사용량: {of}가구 중 {n}가구 미입력",
        "en": "{months} readings: {n} of {of} households still to enter",
    },
    "district.item.spending_late": {
        "ko": "{year}년 지원금({n}년차) 정산 보고 미제출",
        "en": "{year} grant (year {n}): spending report not filed",
    },
    "district.item.spending_due": {
        "ko": "{year}년 지원금({n}년차) 정산 보고: {on}까지",
        "en": "{year} grant (year {n}): spending report due by {on}",
    },
    "district.item.off_budget": {
        "ko": "{year}년 지원금: 신청 예산을 넘은 지출({words})",
        "en": "{year} grant: spent beyond the application's budget ({words})",
    },
    "district.item.instalment_held": {
        "ko": "{year}년 지원금 남은 {amount} 지급 대기: {words} 필요",
        "en": "{year} grant: {amount} still to pay, waiting for {words}",
    },
    "district.item.instalment_ready": {
        "ko": "{year}년 지원금 남은 {amount}: 지급 조건 충족",
        "en": "{year} grant: {amount} still to pay, its conditions met",
    },
    "district.condition.readings": {"ko": "밀린 사용량 입력", "en": "the missing readings"},
    "district.condition.earlier_report": {
        "ko": "지난 지원금 정산 보고",
        "en": "the earlier grant's spending report",
    },
    "district.condition.budget_lines": {
        "ko": "예산 항목에 맞는 지출",
        "en": "spending on the budget lines",
    },
    "district.item.training_low": {
        "ko": "교육 출석률 {share} (기준 {limit} 미만)",
        "en": "Training attendance {share} (below {limit})",
    },
    "district.item.training_unrecorded": {
        "ko": "출석이 기록되지 않은 지난 교육 {n}회",
        "en": "{n} past training sessions with no attendance recorded",
    },
    "district.item.training_unrecorded_one": {
        "ko": "출석이 기록되지 않은 지난 교육 {n}회",
        "en": "{n} past training session with no attendance recorded",
    },
    "district.item.training_incomplete": {
        "ko": "1년차 필수 교육 {of}과목 중 {n}과목만 이수",
        "en": "First-year training: {n} of {of} core modules done",
    },
    "district.item.training_upcoming": {
        "ko": "남은 교육 {n}회 · 필수 {of}과목 중 {done}과목 이수",
        "en": "{n} training sessions to come · {done} of {of} core modules done",
    },
    "district.item.training_upcoming_one": {
        "ko": "남은 교육 {n}회 · 필수 {of}과목 중 {done}과목 이수",
        "en": "{n} training session to come · {done} of {of} core modules done",
    },
    "district.item.follow_up_late": {
        "ko": "후속 조치 예정일 {on} 지남 ({since} 연락)",
        "en": "Follow-up promised for {on} (contact of {since})",
    },
    "district.item.follow_up_due": {
        "ko": "후속 조치 예정: {on} ({since} 연락)",
        "en": "Follow-up due on {on} (contact of {since})",
    },
    # --- the log of visits and notes ---------------------------------------------------------------
    "district.kind.visit": {"ko": "방문", "en": "Visit"},
    "district.kind.call": {"ko": "전화", "en": "Call"},
    "district.kind.meeting": {"ko": "회의", "en": "Meeting"},
    "district.log_visit": {"ko": "연락 기록", "en": "Log a contact"},
    "district.open_village": {"ko": "마을 보기", "en": "Open the village"},
    "district.log_visit_title": {"ko": "{village} 연락 기록", "en": "Log a contact: {village}"},
    "district.edit_visit_title": {"ko": "기록 고치기", "en": "Change the entry"},
    "district.visit.on": {"ko": "날짜", "en": "Date"},
    "district.visit.kind": {"ko": "방식", "en": "How"},
    "district.visit.note": {"ko": "메모", "en": "Note"},
    "district.visit.note_help": {
        "ko": "만난 사람, 나눈 이야기, 약속한 일. 주민 개인의 사용량은 적지 마세요.",
        "en": "Who you met, what was said, what was promised. No household's readings.",
    },
    "district.visit.follow_up": {"ko": "후속 조치 날짜 (선택)", "en": "Follow up on (optional)"},
    "district.visit.follow_up_help": {
        "ko": "이 날짜가 지나면 마을 카드에 늦은 일로 나옵니다. 그 뒤에 연락을 기록하면 사라집니다.",
        "en": "After this day the village's card shows it as late, until a later contact is logged.",
    },
    "district.visit.save": {"ko": "저장", "en": "Save"},
    "district.visit.saved": {
        "ko": "{village}{village|과}의 {kind} 기록을 저장했습니다.",
        "en": "The {kind} with {village} is logged.",
    },
    "district.visit.edit": {"ko": "고치기", "en": "Change"},
    "district.visit.edited": {"ko": "기록을 고쳤습니다.", "en": "The entry is changed."},
    "district.log_title": {"ko": "방문·연락 기록", "en": "Visits and notes"},
    "district.log_village": {"ko": "마을", "en": "Village"},
    "district.log_all": {"ko": "모든 마을", "en": "All villages"},
    "district.log_empty": {
        "ko": "아직 기록이 없습니다. 마을 카드의 '연락 기록'으로 남기세요.",
        "en": "Nothing logged yet: use 'Log a contact' on a village's card.",
    },
    "district.log_entry": {
        "ko": "**{date}** · {kind} · {village} · {author}",
        "en": "**{date}** · {kind} · {village} · {author}",
    },
    "district.log_follow_up": {"ko": "후속 조치: {on}", "en": "Follow up on {on}"},
    "district.log_more": {
        "ko": "최근 {n}건을 보여 줍니다.",
        "en": "The latest {n} entries are shown.",
    },
    # --- errors -------------------------------------------------------------------------------------
    "district.err_kind": {
        "ko": "방문, 전화, 회의 가운데 하나를 고르세요.",
        "en": "Choose a visit, a call or a meeting.",
    },
    "district.err_note_required": {
        "ko": "메모를 적어 주세요: 무엇을 보고 들었는지.",
        "en": "Write a note: what you saw and heard.",
    },
    "district.err_note_too_long": {
        "ko": "메모는 {max}자까지 적을 수 있습니다.",
        "en": "A note holds at most {max} characters.",
    },
    "district.err_visit_in_future": {
        "ko": "아직 오지 않은 날짜에는 기록할 수 없습니다.",
        "en": "A contact cannot be logged for a day still to come.",
    },
    "district.err_visit_too_early": {
        "ko": "{year}년 이전 날짜에는 기록할 수 없습니다.",
        "en": "A contact cannot be logged before {year}.",
    },
    "district.err_follow_up_before": {
        "ko": "후속 조치 날짜는 연락한 날 이후여야 합니다.",
        "en": "The follow-up day cannot come before the contact.",
    },
    "district.err_unknown_visit": {
        "ko": "기록 {id}번이 없습니다.",
        "en": "There is no entry {id} in the log.",
    },
    # --- staff's districts page -------------------------------------------------------------------
    "page.districts": {"ko": "자치구", "en": "Districts"},
    "districts.caption": {
        "ko": "자치구마다 마을의 늦은 일과 다가온 일, 사용량 입력률, 절감률, 구청의 연락을 봅니다.",
        "en": "Each district's villages: what is late or due, readings, savings and the district office's contacts.",
    },
    "districts.tab_compare": {"ko": "구별 비교", "en": "Compare districts"},
    "districts.tab_one": {"ko": "자치구 한 곳", "en": "One district"},
    "districts.choose": {"ko": "자치구", "en": "District"},
    "districts.col.district": {"ko": "자치구", "en": "District"},
    "districts.col.villages": {"ko": "마을", "en": "Villages"},
    "districts.col.active": {"ko": "활동 중", "en": "Active"},
    "districts.col.coverage": {"ko": "사용량 입력률", "en": "Readings in"},
    "districts.col.late": {"ko": "늦은 일", "en": "Late"},
    "districts.col.due": {"ko": "다가온 일", "en": "Due"},
    "districts.col.villages_late": {"ko": "늦은 일 있는 마을", "en": "Villages late"},
    "districts.col.saving": {"ko": "절감률", "en": "Saving"},
    "districts.col.contacts": {"ko": "90일 내 연락", "en": "Contacts (90 days)"},
    "districts.chart_title": {
        "ko": "자치구별 늦은 일이 있는 마을의 비율",
        "en": "Share of each district's villages with something late",
    },
    "districts.chart_share": {
        "ko": "늦은 일이 있는 마을 비율",
        "en": "Villages with something late",
    },
    "districts.chart_count": {"ko": "늦은 일 있는 마을 / 전체", "en": "Villages late / all"},
    "districts.no_villages": {
        "ko": "{district}에는 아직 마을이 없습니다.",
        "en": "{district} has no villages yet.",
    },
    "districts.read_only": {
        "ko": "구청 담당자가 보는 화면과 같습니다. 연락 기록은 담당자가 남깁니다.",
        "en": "What the district's officer sees. The officer keeps the log of contacts.",
    },
    # --- the audit log's words for the visit log ---------------------------------------------------
    "audit.kind.district_visits": {
        "ko": "구청의 방문·연락 기록",
        "en": "District visits and notes",
    },
    "audit.thing.district_visits": {
        "ko": "{village}의 {day} {kind} 기록",
        "en": "the {kind} with {village} on {day}",
    },
    "audit.say.district_visits.create": {
        "ko": "{who}{who|이} {village}{village|과}의 {day} {kind}{kind|을} 기록했습니다.",
        "en": "{who} logged a {kind} with {village} on {day}.",
    },
    "audit.field.district_visits.visited_on": {"ko": "연락한 날", "en": "Contact on"},
    "audit.field.district_visits.kind": {"ko": "방식", "en": "How"},
    "audit.field.author_id": {"ko": "쓴 사람", "en": "Written by"},
    "audit.field.follow_up_on": {"ko": "후속 조치 날짜", "en": "Follow up on"},
}
