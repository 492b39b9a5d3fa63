"""Core messages: the app, login, roles, villages, users, audit, errors.

Keys are ``area.name``. ``{name}`` fields are filled by :func:`energy.core.i18n.translate`.
A test checks that every key used in the code is here, with both languages.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the app --------------------------------------------------------------------------
    "app.title": {"ko": "서울 에너지자립마을", "en": "Seoul Energy Self-Reliant Villages"},
    "app.short_title": {"ko": "에너지자립마을", "en": "Energy Villages"},
    "nav.programme": {"ko": "사업", "en": "Programme"},
    "nav.admin": {"ko": "관리", "en": "Administration"},
    "nav.me": {"ko": "내 계정", "en": "Me"},
    "page.home": {"ko": "홈", "en": "Home"},
    # the phone's bottom bar (ui.core.nav.PHONE_BAR): a word or two under each icon
    "nav.short.home": {"ko": "홈", "en": "Home"},
    "nav.short.readings": {"ko": "사용량 입력", "en": "Readings"},
    "nav.short.savings": {"ko": "절감 성과", "en": "Savings"},
    "nav.short.households": {"ko": "참여 가구", "en": "Households"},
    "page.villages": {"ko": "마을 목록", "en": "Villages"},
    "page.village": {"ko": "마을 상세", "en": "Village detail"},
    "page.users": {"ko": "사용자 관리", "en": "Users"},
    "page.audit": {"ko": "변경 기록", "en": "Audit log"},
    "page.account": {"ko": "내 계정", "en": "My account"},
    "chrome.language": {"ko": "언어", "en": "Language"},
    # a new install's first start (ui.core.session.prepare_store)
    "prepare.waiting": {
        "ko": "처음 시작하는 중입니다. 저장소와 시연용 데이터를 준비하고 있습니다 (1분 안쪽).",
        "en": "Starting for the first time: preparing the store and the demo data (under a minute).",
    },
    "prepare.line": {
        "ko": "처음 시작 준비 {n}/{total}: {step}",
        "en": "First start, step {n} of {total}: {step}",
    },
    "prepare.store": {"ko": "저장소 만들기", "en": "creating the store"},
    "prepare.villages": {"ko": "마을과 사용자", "en": "villages and people"},
    "prepare.readings": {
        "ko": "가구별 월 사용량 (가장 오래 걸립니다)",
        "en": "households' monthly readings (the longest step)",
    },
    "prepare.stories": {"ko": "마을 이야기", "en": "village stories"},
    "prepare.call": {"ko": "공모와 심사", "en": "the call and its reviews"},
    "prepare.organisations": {"ko": "협동조합과 단체", "en": "cooperatives and organisations"},
    "prepare.training": {"ko": "교육 일정과 출석", "en": "training sessions and attendance"},
    "prepare.weather": {"ko": "기온 자료", "en": "temperatures"},
    "prepare.sums": {"ko": "마을별 합계", "en": "village totals"},
    # the money field (ui/core/money.py)
    "money.placeholder": {"ko": "예: 750만", "en": "e.g. 7,500,000"},
    "money.not_number": {
        "ko": "금액으로 읽을 수 없습니다 (숫자, 쉼표, 억·만·천만 쓸 수 있습니다)",
        "en": "Not an amount: use figures and commas",
    },
    "money.too_large": {"ko": "{max}원보다 클 수 없습니다", "en": "At most KRW {max}"},
    "money.invalid": {
        "ko": "{field}: 금액을 다시 적어 주세요. 잘못 적힌 금액은 저장하지 않습니다.",
        "en": "{field}: please type the amount again; an amount that is not a number is not saved.",
    },
    "chrome.logout": {"ko": "로그아웃", "en": "Log out"},
    # Drawn over Streamlit's English on every file chooser (ui.core.chrome).
    "chrome.upload.choose_one": {"ko": "파일 고르기", "en": "Choose a file"},
    "chrome.upload.choose_many": {"ko": "파일 고르기", "en": "Choose files"},
    "chrome.upload.drop_one": {"ko": "여기에 파일을 놓으세요", "en": "Drop the file here"},
    "chrome.upload.drop_many": {"ko": "여기에 파일을 놓으세요", "en": "Drop the files here"},
    "chrome.demo_banner": {
        "ko": "시연용 데이터입니다. 실제 마을과 주민의 기록이 아닙니다.",
        "en": "Demo data: these are not real villages or residents.",
    },
    "store.behind_title": {
        "ko": "데이터베이스를 먼저 업그레이드해야 합니다.",
        "en": "The database must be upgraded first.",
    },
    "store.behind_body": {
        "ko": "서버 데이터베이스가 이전 버전({current})입니다(필요: {head}). 운영 담당자가 아래 명령을 실행한 뒤 다시 여세요.",
        "en": "The server database is at revision {current}; this version needs {head}. "
        "Ask the operator to run the command below, then reload.",
    },
    # --- login ----------------------------------------------------------------------------
    "login.title": {"ko": "로그인", "en": "Log in"},
    "login.subtitle": {
        "ko": "시민이 함께 만드는 에너지 자립 — 공모, 교육, 에너지 기록, 성과를 한곳에서.",
        "en": "Citizen-led energy communities: the call, training, energy records and results in one place.",
    },
    "login.username": {"ko": "아이디", "en": "Username"},
    "login.password": {"ko": "비밀번호", "en": "Password"},
    "login.submit": {"ko": "로그인", "en": "Log in"},
    "login.missing": {
        "ko": "아이디와 비밀번호를 모두 입력하세요.",
        "en": "Enter both your username and password.",
    },
    "login.invalid": {
        "ko": "아이디 또는 비밀번호가 올바르지 않습니다.",
        "en": "The username or password is not correct.",
    },
    "login.locked": {
        "ko": "로그인 시도가 너무 많습니다. {minutes}분 뒤에 다시 시도하세요.",
        "en": "Too many attempts. Try again in {minutes} minutes.",
    },
    "login.expired": {
        "ko": "오랫동안 사용하지 않아 로그아웃되었습니다. 다시 로그인하세요.",
        "en": "You were logged out after a period of inactivity. Please log in again.",
    },
    "login.help": {
        "ko": "계정이 없거나 비밀번호를 잊었다면 구청 또는 서울시 에너지정책과에 문의하세요.",
        "en": "No account, or forgot your password? Contact your district office or the city's Energy Policy Division.",
    },
    # --- roles, statuses, stages, reasons, housing ------------------------------------------
    "role.admin": {"ko": "시 담당자", "en": "City staff"},
    "role.reviewer": {"ko": "심사위원", "en": "Reviewer"},
    "role.trainer": {"ko": "강사", "en": "Trainer"},
    "role.committee": {"ko": "주민위원회", "en": "Resident committee"},
    "role.viewer": {"ko": "타운홀 보기", "en": "Town-hall viewer"},
    "role.district": {"ko": "구청·마을센터 담당자", "en": "District office"},
    "status.active": {"ko": "활동 중", "en": "Active"},
    "status.paused": {"ko": "활동 중단", "en": "Paused"},
    "status.disbanded": {"ko": "해산", "en": "Disbanded"},
    "stage.year": {"ko": "{n}년차", "en": "Year {n}"},
    "stage.graduated": {"ko": "졸업", "en": "Graduated"},
    "reason.started": {"ko": "사업 시작", "en": "Started"},
    "reason.resumed": {"ko": "활동 재개", "en": "Resumed"},
    "reason.internal_conflict": {"ko": "내부 갈등", "en": "Internal conflict"},
    "reason.organisers_moved": {"ko": "활동가 이주", "en": "Organisers moved away"},
    "reason.lack_of_time": {"ko": "시간 부족", "en": "Lack of time"},
    "reason.goal_reached": {"ko": "목표 달성", "en": "Goal reached"},
    "reason.merged": {"ko": "다른 마을과 통합", "en": "Merged with another village"},
    "reason.funding_ended": {"ko": "지원 종료", "en": "Funding ended"},
    "reason.other": {"ko": "기타", "en": "Other"},
    "housing.apartment": {"ko": "공동주택(아파트)", "en": "Apartments"},
    "housing.detached": {"ko": "단독·다세대주택", "en": "Detached and low-rise"},
    "housing.mixed": {"ko": "혼합", "en": "Mixed"},
    "language.ko": {"ko": "한국어", "en": "Korean"},
    "language.en": {"ko": "영어", "en": "English"},
    # --- fields ---------------------------------------------------------------------------
    "field.code": {"ko": "마을 코드", "en": "Code"},
    "field.name": {"ko": "마을 이름", "en": "Name"},
    "field.name_en": {"ko": "영문 이름", "en": "English name"},
    "field.district": {"ko": "자치구", "en": "District"},
    "field.neighbourhood": {"ko": "행정동", "en": "Neighbourhood"},
    "field.housing_type": {"ko": "주거 유형", "en": "Housing"},
    "field.cohort": {"ko": "선정 연도", "en": "Cohort"},
    "field.stage": {"ko": "사업 단계", "en": "Stage"},
    "field.programme_year": {"ko": "사업 연차", "en": "Programme year"},
    "field.status": {"ko": "상태", "en": "Status"},
    "field.reason": {"ko": "사유", "en": "Reason"},
    "field.note": {"ko": "메모", "en": "Note"},
    "field.effective_on": {"ko": "적용일", "en": "Effective"},
    "field.recorded_by": {"ko": "기록자", "en": "Recorded by"},
    "field.username": {"ko": "아이디", "en": "Username"},
    "field.display_name": {"ko": "표시 이름", "en": "Display name"},
    "field.role": {"ko": "역할", "en": "Role"},
    "field.village": {"ko": "마을", "en": "Village"},
    "field.language": {"ko": "언어", "en": "Language"},
    "field.password": {"ko": "비밀번호", "en": "Password"},
    "field.current": {"ko": "현재 비밀번호", "en": "Current password"},
    "field.state": {"ko": "계정 상태", "en": "Account"},
    "field.last_login": {"ko": "최근 로그인", "en": "Last login"},
    "form.choose": {"ko": "선택하세요", "en": "Choose"},
    "form.any": {"ko": "전체", "en": "Any"},
    "action.save": {"ko": "저장", "en": "Save"},
    "action.download_csv": {"ko": "CSV 내려받기", "en": "Download CSV"},
    "action.download_xlsx": {"ko": "엑셀 내려받기", "en": "Download Excel"},
    # --- charts ---------------------------------------------------------------------------
    "chart.cohort_year": {"ko": "선정 연도", "en": "Cohort year"},
    "chart.villages": {"ko": "마을 수 (개)", "en": "Villages (count)"},
    "chart.status": {"ko": "현재 상태", "en": "Status today"},
    # What a screen reader says of a chart's axes and legends (Vega would say it in English).
    "chart.axis_x": {"ko": "가로축: {title}", "en": "X axis: {title}"},
    "chart.axis_y": {"ko": "세로축: {title}", "en": "Y axis: {title}"},
    "chart.axis_x_untitled": {"ko": "가로축", "en": "X axis"},
    "chart.axis_y_untitled": {"ko": "세로축", "en": "Y axis"},
    "chart.legend": {"ko": "범례: {title}", "en": "Legend: {title}"},
    "chart.legend_untitled": {"ko": "범례", "en": "Legend"},
    # --- home -----------------------------------------------------------------------------
    "home.title": {"ko": "사업 현황", "en": "Programme overview"},
    "home.caption": {
        "ko": "2012년부터 선정된 모든 마을의 현재 상태입니다.",
        "en": "Every village selected since 2012, as it stands today.",
    },
    "home.kpi_total": {"ko": "전체 마을", "en": "Villages"},
    "home.kpi_total_help": {
        "ko": "2012년 이후 선정된 모든 마을(해산 포함)",
        "en": "Every village selected since 2012, disbanded ones included",
    },
    "home.kpi_graduated_help": {
        "ko": "3년 지원을 마친 마을",
        "en": "Villages that completed their three funded years",
    },
    "home.stage_line": {
        "ko": "지원 중인 마을: 1년차 {y1}곳 · 2년차 {y2}곳 · 3년차 {y3}곳",
        "en": "Villages in funded years: year 1: {y1} · year 2: {y2} · year 3: {y3}",
    },
    "home.by_cohort": {"ko": "선정 연도별 마을", "en": "Villages by cohort"},
    "home.by_district": {"ko": "자치구별 마을", "en": "Villages by district"},
    "home.map_note": {
        "ko": "25개 자치구를 대략의 위치에 배치한 지도입니다. 숫자는 마을 수입니다.",
        "en": "The 25 districts placed roughly where they lie; numbers are villages.",
    },
    "home.empty": {
        "ko": "아직 등록된 마을이 없습니다.",
        "en": "No villages have been registered yet.",
    },
    "home.empty_admin": {
        "ko": "아직 등록된 마을이 없습니다. '마을 목록'에서 첫 마을을 등록하거나, 명령줄에서 `python -m energy demo`로 시연 데이터를 불러오세요.",
        "en": "No villages yet. Register the first one under 'Villages', or load the demo data with `python -m energy demo`.",
    },
    "home.committee_title": {"ko": "{name}", "en": "{name}"},
    "home.committee_caption": {
        "ko": "이번 달 우리 마을의 현황입니다. 다른 마을의 정보는 보이지 않습니다.",
        "en": "Where your village stands this month. Other villages are not shown to you.",
    },
    # --- villages -------------------------------------------------------------------------
    "villages.caption": {
        "ko": "마을을 검색하고 걸러 보세요. 줄 왼쪽의 선택 칸을 누르면 마을 상세가 열립니다.",
        "en": "Search and filter the villages; tick a row's box to open the village.",
    },
    "villages.search": {"ko": "검색", "en": "Search"},
    "villages.search_hint": {"ko": "이름, 코드, 행정동", "en": "Name, code or neighbourhood"},
    "villages.count": {"ko": "마을 {n}곳", "en": "{n} villages"},
    "villages.none_match": {
        "ko": "조건에 맞는 마을이 없습니다. 검색어나 필터를 줄여 보세요.",
        "en": "No village matches. Try fewer filters or a shorter search.",
    },
    "villages.add_title": {"ko": "새 마을 등록", "en": "Register a village"},
    "villages.add_submit": {"ko": "등록", "en": "Register"},
    "villages.code_help": {
        "ko": "영문·숫자·하이픈 2~32자, 예: DJK-2026-01",
        "en": "2-32 letters, digits or hyphens, e.g. DJK-2026-01",
    },
    "villages.added": {
        "ko": "{code} {name} 마을을 등록했습니다.",
        "en": "Registered {code} {name}.",
    },
    # --- village --------------------------------------------------------------------------
    "village.title": {"ko": "{name}", "en": "{name}"},
    "village.choose": {"ko": "마을 선택", "en": "Village"},
    "village.none_yet": {
        "ko": "볼 수 있는 마을이 없습니다. 먼저 '마을 목록'에서 마을을 등록하세요.",
        "en": "There is no village to show. Register one under 'Villages' first.",
    },
    "village.facts": {"ko": "기본 정보", "en": "Facts"},
    "village.fact": {"ko": "항목", "en": "Item"},
    "village.value": {"ko": "내용", "en": "Value"},
    "village.history": {"ko": "상태 이력", "en": "Status history"},
    "village.no_history": {
        "ko": "기록된 상태 변경이 없습니다.",
        "en": "No status changes recorded.",
    },
    "village.stage_help": {
        "ko": "지원은 최대 3년이며, 3년차를 마치면 졸업합니다.",
        "en": "Funding lasts up to three years; after year 3 a village graduates.",
    },
    "village.change_status": {"ko": "상태 변경", "en": "Change status"},
    "village.save_status": {"ko": "상태 저장", "en": "Save status"},
    "village.pick_status": {"ko": "먼저 새 상태를 고르세요.", "en": "Choose the new status first."},
    "village.status_saved": {
        "ko": "상태를 '{status}'{status|으로} 바꿨습니다.",
        "en": "Status changed to {status}.",
    },
    "village.change_stage": {"ko": "사업 단계", "en": "Programme stage"},
    "village.stage_note": {
        "ko": "단계는 보통 다음 해 공모 결정으로 바뀝니다. 바로잡을 때만 여기서 고치세요.",
        "en": "The stage normally changes with next year's call decision; correct it here only if it is wrong.",
    },
    "village.save_stage": {"ko": "단계 저장", "en": "Save stage"},
    "village.stage_saved": {
        "ko": "단계를 '{stage}'{stage|으로} 바꿨습니다.",
        "en": "Stage set to {stage}.",
    },
    "village.back": {"ko": "마을 목록으로", "en": "Back to villages"},
    # --- users ----------------------------------------------------------------------------
    "users.caption": {
        "ko": "로그인할 수 있는 사람과 역할입니다. 주민위원회 계정은 한 마을에만 연결됩니다.",
        "en": "Who can log in, and with which role. A committee account is bound to one village.",
    },
    "users.active": {"ko": "사용 중", "en": "Active"},
    "users.disabled": {"ko": "중지됨", "en": "Disabled"},
    "users.add_title": {"ko": "계정 추가", "en": "Add an account"},
    "users.edit_title": {"ko": "계정 수정", "en": "Edit an account"},
    "users.username_help": {
        "ko": "영문 소문자·숫자·점·하이픈 3~64자",
        "en": "3-64 lower-case letters, digits, dots or hyphens",
    },
    "users.password_help": {"ko": "10자 이상", "en": "At least 10 characters"},
    "users.village_placeholder": {"ko": "주민위원회만 선택", "en": "Committee accounts only"},
    "users.district": {
        "ko": "자치구 (사는 곳 · 구청 담당자는 담당 구)",
        "en": "District (lives in · a district officer's own)",
    },
    "users.district_none": {"ko": "기록 없음", "en": "Not recorded"},
    "users.district_help": {
        "ko": "심사위원이 신청 마을과 같은 자치구에 살면 심사 화면에 표시됩니다. 구청·마을센터 담당자는 일하는 자치구를 꼭 고르세요: 그 구의 마을과 신청서만 봅니다.",
        "en": "A reviewer who lives in an applicant's district is flagged in review. A district officer must have the district it works for: it sees that district's villages and applications only.",
    },
    "users.add_submit": {"ko": "계정 추가", "en": "Add account"},
    "users.added": {"ko": "{username} 계정을 만들었습니다.", "en": "Account {username} created."},
    "users.choose": {"ko": "계정 선택", "en": "Account"},
    "users.saved": {"ko": "{username} 계정을 저장했습니다.", "en": "Saved {username}."},
    "users.new_password": {"ko": "새 비밀번호", "en": "New password"},
    "users.reset_submit": {"ko": "비밀번호 재설정", "en": "Reset password"},
    "users.password_reset": {
        "ko": "{username}의 비밀번호를 재설정했습니다.",
        "en": "Password reset for {username}.",
    },
    "users.disable": {"ko": "계정 중지", "en": "Disable account"},
    "users.enable": {"ko": "계정 다시 사용", "en": "Enable account"},
    "users.disabled_msg": {"ko": "{username} 계정을 중지했습니다.", "en": "Disabled {username}."},
    "users.enabled_msg": {"ko": "{username} 계정을 다시 사용합니다.", "en": "Enabled {username}."},
    # --- account --------------------------------------------------------------------------
    "account.caption": {"ko": "내 계정 설정", "en": "Your account settings"},
    "account.who": {
        "ko": "**{name}** (`{username}`) · {role}",
        "en": "**{name}** (`{username}`) · {role}",
    },
    "account.session_note": {
        "ko": "{minutes}분 동안 사용하지 않으면 자동으로 로그아웃됩니다.",
        "en": "You are logged out after {minutes} minutes without activity.",
    },
    "account.password_title": {"ko": "비밀번호 변경", "en": "Change password"},
    "account.current": {"ko": "현재 비밀번호", "en": "Current password"},
    "account.new": {"ko": "새 비밀번호", "en": "New password"},
    "account.again": {"ko": "새 비밀번호 확인", "en": "New password again"},
    "account.change": {"ko": "비밀번호 변경", "en": "Change password"},
    "account.mismatch": {
        "ko": "새 비밀번호가 서로 다릅니다.",
        "en": "The new passwords do not match.",
    },
    "account.changed": {"ko": "비밀번호를 바꿨습니다.", "en": "Your password has been changed."},
    # --- errors ---------------------------------------------------------------------------
    "error.generic": {"ko": "처리하지 못했습니다.", "en": "That could not be done."},
    "error.invalid": {"ko": "입력값이 올바르지 않습니다.", "en": "That value is not valid."},
    "error.access_denied": {
        "ko": "이 화면이나 자료를 볼 권한이 없습니다.",
        "en": "You do not have access to this page or record.",
    },
    "error.not_found": {"ko": "찾을 수 없습니다.", "en": "Not found."},
    "error.already_exists": {"ko": "이미 있습니다.", "en": "That already exists."},
    "error.store_behind": {
        "ko": "데이터베이스가 이전 버전({current})입니다(필요: {head}). `python -m energy db upgrade`를 실행하세요.",
        "en": "The database is at revision {current}, this version needs {head}: "
        "run `python -m energy db upgrade`.",
    },
    "error.store_ahead": {
        "ko": "데이터베이스가 이 프로그램보다 새 버전({revision})입니다. 프로그램을 업데이트하세요.",
        "en": "The database was upgraded by a newer version ({revision}); update this program.",
    },
    "error.required": {"ko": "꼭 입력해야 합니다.", "en": "This is required."},
    "error.required_district": {"ko": "자치구를 선택하세요.", "en": "Choose a district."},
    "error.too_long": {"ko": "{n}자 이내로 입력하세요.", "en": "Use at most {n} characters."},
    "error.district_or_clear": {
        "ko": "자치구를 적거나 --clear 중 하나만 쓰세요.",
        "en": "Give a district or --clear, not both and not neither.",
    },
    "error.unknown_district": {
        "ko": "'{name}'{name|이라}는 자치구가 없습니다. 예: 동작구 또는 Dongjak-gu",
        "en": "There is no district called '{name}'. Try e.g. Dongjak-gu or 동작구.",
    },
    "error.unknown_village": {
        "ko": "'{code}' 마을이 없습니다.",
        "en": "There is no village '{code}'.",
    },
    "error.unknown_user": {
        "ko": "'{username}' 계정이 없습니다.",
        "en": "There is no account '{username}'.",
    },
    "error.unknown_role": {
        "ko": "'{role}'{role|은} 없는 역할입니다.",
        "en": "'{role}' is not a role.",
    },
    "error.unknown_language": {
        "ko": "한국어(ko) 또는 영어(en)만 됩니다.",
        "en": "Choose Korean (ko) or English (en).",
    },
    "error.unknown_housing_type": {
        "ko": "주거 유형은 apartment, detached, mixed 중 하나입니다.",
        "en": "Housing must be apartment, detached or mixed.",
    },
    "error.unknown_status": {
        "ko": "알 수 없는 상태입니다: {value}",
        "en": "Unknown status: {value}",
    },
    "error.unknown_reason": {
        "ko": "알 수 없는 사유입니다: {value}",
        "en": "Unknown reason: {value}",
    },
    "error.username_format": {
        "ko": "아이디는 영문 소문자·숫자·점·하이픈·밑줄 3~64자로, 영문이나 숫자로 시작해야 합니다.",
        "en": "A username is 3-64 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit.",
    },
    "error.username_taken": {
        "ko": "'{username}'{username|은} 이미 쓰는 아이디입니다.",
        "en": "'{username}' is already taken.",
    },
    "error.password_short": {
        "ko": "비밀번호는 {n}자 이상이어야 합니다.",
        "en": "A password needs at least {n} characters.",
    },
    "error.password_common": {
        "ko": "너무 흔하거나 추측하기 쉬운 비밀번호입니다(시연용 비밀번호나 아이디·이름이 든 것 포함). 여러 낱말을 이어 더 길게 만들어 보세요.",
        "en": "This password is too common or easy to guess (the demo password, or one holding your name, included). Try a few words strung together.",
    },
    "error.password_stdin_required": {
        "ko": "비밀번호는 --password-stdin으로 표준 입력에서 읽습니다.",
        "en": "Give the password on standard input with --password-stdin.",
    },
    "error.wrong_current_password": {
        "ko": "현재 비밀번호가 맞지 않습니다.",
        "en": "The current password is not correct.",
    },
    "error.committee_needs_village": {
        "ko": "주민위원회 계정에는 마을을 지정해야 합니다.",
        "en": "A committee account needs a village.",
    },
    "error.district_officer_needs_district": {
        "ko": "구청·마을센터 담당자 계정에는 담당 자치구를 지정해야 합니다.",
        "en": "A district officer's account needs the district it works for.",
    },
    "error.village_only_for_committee": {
        "ko": "마을은 주민위원회 계정에만 지정합니다.",
        "en": "Only committee accounts are bound to a village.",
    },
    "error.cannot_disable_self": {
        "ko": "자기 계정은 중지할 수 없습니다.",
        "en": "You cannot disable your own account.",
    },
    "error.cannot_change_own_role": {
        "ko": "자기 역할은 바꿀 수 없습니다.",
        "en": "You cannot change your own role.",
    },
    "error.village_code_format": {
        "ko": "마을 코드는 영문·숫자·하이픈·밑줄 2~32자입니다(예: DJK-2026-01).",
        "en": "A village code is 2-32 letters, digits, hyphens or underscores (e.g. DJK-2026-01).",
    },
    "error.village_code_taken": {
        "ko": "'{code}' 코드는 이미 있습니다.",
        "en": "The code '{code}' is already used.",
    },
    "error.cohort_range": {
        "ko": "선정 연도는 {first}년부터 {last}년 사이여야 합니다.",
        "en": "The cohort must be between {first} and {last}.",
    },
    "error.programme_year_range": {
        "ko": "사업 연차는 1~3입니다.",
        "en": "The programme year is 1, 2 or 3.",
    },
    "error.date_in_future": {
        "ko": "미래 날짜는 쓸 수 없습니다.",
        "en": "The date cannot be in the future.",
    },
    "error.status_unchanged": {
        "ko": "지금과 같은 상태입니다.",
        "en": "The village already has that status.",
    },
    "error.stage_unchanged": {
        "ko": "지금과 같은 사업 단계입니다. 바꿀 단계를 고르세요.",
        "en": "The village is already at that stage: choose another one.",
    },
    "error.status_before_last": {
        "ko": "마지막 상태 변경일({last})보다 앞설 수 없습니다.",
        "en": "The date cannot be before the last change ({last}).",
    },
    "error.reason_does_not_fit": {
        "ko": "이 사유는 선택한 상태와 맞지 않습니다.",
        "en": "That reason does not fit the chosen status.",
    },
    "error.reason_other_needs_note": {
        "ko": "사유가 '기타'이면 메모에 설명을 적어 주세요.",
        "en": "With the reason 'Other', explain in the note.",
    },
    "error.demo_needs_empty": {
        "ko": "시연 데이터는 빈 데이터베이스에만 불러올 수 있습니다.",
        "en": "Demo data can only be loaded into an empty store.",
    },
    "error.demo_scale_both": {
        "ko": "--households와 --years는 함께 주어야 합니다.",
        "en": "Give --households and --years together.",
    },
    "error.demo_scale_range": {
        "ko": "가구 수는 1 이상, 연수는 1~15년이어야 합니다.",
        "en": "Households must be 1 or more and years 1 to 15.",
    },
    "error.file_missing": {"ko": "파일이 없습니다: {path}", "en": "No such file: {path}"},
    "error.backup_unreadable": {
        "ko": "백업 파일을 읽을 수 없습니다: {path}",
        "en": "Not a readable backup file: {path}",
    },
    "error.backup_revision": {
        "ko": "백업({backup})과 데이터베이스({store})의 버전이 다릅니다. 먼저 같은 버전으로 업그레이드하세요.",
        "en": "The backup is at revision {backup} but the store is at {store}; upgrade to the same revision first.",
    },
}
