"""Messages: training (curriculum, trainers, venues, schedule, attendance, completion) —
vocabularies and errors. The pages' own strings are in ``training_pages``."""

MESSAGES: dict[str, dict[str, str]] = {
    # topics
    "topic.energy_efficiency": {"ko": "에너지 효율", "en": "Energy efficiency"},
    "topic.home_energy_check": {"ko": "가정 에너지 진단", "en": "Home energy check-up"},
    "topic.mini_solar": {"ko": "미니태양광", "en": "Mini solar"},
    "topic.eco_mileage": {"ko": "에코마일리지", "en": "Eco-mileage"},
    "topic.community_organising": {"ko": "마을 조직", "en": "Community organising"},
    "topic.meetings_conflict": {"ko": "회의와 갈등 해결", "en": "Meetings and conflict resolution"},
    "topic.accounting_reporting": {
        "ko": "회계와 성과 보고",
        "en": "Accounting and performance reporting",
    },
    "topic.cooperative": {"ko": "협동조합 설립", "en": "Founding a cooperative"},
    # attendance statuses and participant roles
    "attendance.present": {"ko": "출석", "en": "Present"},
    "attendance.late": {"ko": "지각", "en": "Late"},
    "attendance.excused": {"ko": "사유 결석", "en": "Excused"},
    "attendance.absent": {"ko": "결석", "en": "Absent"},
    "participant_role.organiser": {"ko": "운영진", "en": "Organiser"},
    "participant_role.resident": {"ko": "주민", "en": "Resident"},
    "session_status.scheduled": {"ko": "예정", "en": "Scheduled"},
    "session_status.cancelled": {"ko": "취소", "en": "Cancelled"},
    # why the generator could not place a module
    "schedule.reason.window_too_short": {
        "ko": "교육 기간이 짧습니다: 주당 최대 횟수로는 모든 과목을 넣을 수 없습니다.",
        "en": "The training window is too short: at the weekly limit not every module fits.",
    },
    "schedule.reason.no_trainer_for_topic": {
        "ko": "이 주제를 가르치는 강사가 없습니다.",
        "en": "No trainer teaches this topic.",
    },
    "schedule.reason.trainer_unavailable": {
        "ko": "이 주제의 강사가 주민이 참석할 수 있는 시간(저녁·주말)에 가능하지 않습니다.",
        "en": "The trainers of this topic are not available at times residents can come (evenings, weekends).",
    },
    "schedule.reason.trainer_booked": {
        "ko": "이 주제의 강사 일정이 모두 찼습니다.",
        "en": "The trainers of this topic are fully booked.",
    },
    "schedule.reason.no_venue": {
        "ko": "이 자치구에 인원을 수용할 교육장이 없습니다(시 전체 교육장도 없음).",
        "en": "No venue in the district (nor a city-wide one) holds the group.",
    },
    "schedule.reason.venue_booked": {
        "ko": "맞는 교육장이 모두 예약되어 있습니다.",
        "en": "The venues that fit are all booked.",
    },
    "schedule.reason.village_busy": {
        "ko": "남은 시간마다 마을에 다른 교육이 있습니다.",
        "en": "The village has another session at every remaining time.",
    },
    "schedule.reason.weekly_limit": {
        "ko": "마을의 주당 교육 횟수 한도가 찼습니다.",
        "en": "The village's weekly limit of sessions is reached.",
    },
    # conflicts of an edit
    "schedule.conflict.resident_time": {
        "ko": "주민이 참석하기 어려운 시간입니다(설정한 저녁·주말 시작 시각이 아님).",
        "en": "Not a resident-friendly time (not one of the evening or weekend start times).",
    },
    "schedule.conflict.trainer_topic": {
        "ko": "{subject} 강사는 이 주제를 가르치지 않습니다.",
        "en": "{subject} does not teach this topic.",
    },
    "schedule.conflict.trainer_unavailable": {
        "ko": "{subject} 강사가 이 시간에 가능하지 않습니다.",
        "en": "{subject} is not available at this time.",
    },
    "schedule.conflict.trainer_booked": {
        "ko": "{subject} 강사가 이 시간에 다른 교육이 있습니다.",
        "en": "{subject} is already teaching at this time.",
    },
    "schedule.conflict.venue_booked": {
        "ko": "{subject}{subject|은} 이 시간에 이미 예약되어 있습니다.",
        "en": "{subject} is already booked at this time.",
    },
    "schedule.conflict.venue_capacity": {
        "ko": "{subject}{subject|은} 참석 인원을 수용하기에 좁습니다.",
        "en": "{subject} is too small for the villages attending.",
    },
    "schedule.conflict.village_busy": {
        "ko": "{subject} 마을에 이 시간에 다른 교육이 있습니다.",
        "en": "Village {subject} has another session at this time.",
    },
    "schedule.conflict.weekly_limit": {
        "ko": "{subject} 마을은 그 주의 교육 횟수 한도가 찼습니다.",
        "en": "Village {subject} already has its weekly limit of sessions that week.",
    },
    # errors
    "error.schedule_conflict": {
        "ko": "이 변경은 일정 규칙 {n}개에 맞지 않습니다.",
        "en": "This change breaks {n} scheduling rule(s).",
    },
    "error.module_code_format": {
        "ko": "과목 코드 '{code}'{code|은} 쓸 수 없습니다. 영문 대문자·숫자·하이픈 2~24자(예: Y1-01)로 정하세요.",
        "en": "'{code}' cannot be a module code: use 2-24 capital letters, digits or hyphens (e.g. Y1-01).",
    },
    "error.module_titles": {
        "ko": "과목명을 한국어와 영어로 모두 적어 주세요.",
        "en": "Give the module's title in both Korean and English.",
    },
    "error.unknown_topic": {
        "ko": "'{topic}'{topic|은} 없는 주제입니다.",
        "en": "There is no topic '{topic}'.",
    },
    "error.module_minutes": {
        "ko": "교육 시간은 30분에서 8시간 사이입니다.",
        "en": "A module lasts between 30 minutes and 8 hours.",
    },
    "error.trainer_name": {
        "ko": "강사 이름을 80자 이내로 적어 주세요.",
        "en": "Give the trainer's name (up to 80 characters).",
    },
    "error.trainer_topics": {
        "ko": "강사가 가르치는 주제를 하나 이상 고르세요.",
        "en": "Choose at least one topic the trainer teaches.",
    },
    "error.availability_window": {
        "ko": "가능 시간은 시작이 끝보다 앞서야 합니다.",
        "en": "An availability window must start before it ends.",
    },
    "error.availability_dates": {
        "ko": "가능 기간의 끝이 시작보다 앞설 수 없습니다.",
        "en": "The availability period cannot end before it starts.",
    },
    "error.trainer_account": {
        "ko": "'{name}'{name|은} 강사 계정이 아닙니다.",
        "en": "'{name}' is not a trainer account.",
    },
    "error.trainer_account_taken": {
        "ko": "'{name}' 계정은 이미 다른 강사와 연결되어 있습니다.",
        "en": "The account '{name}' is already linked to another trainer.",
    },
    "error.venue_name": {
        "ko": "교육장 이름을 120자 이내로 적어 주세요.",
        "en": "Give the venue's name (up to 120 characters).",
    },
    "error.venue_capacity": {
        "ko": "수용 인원은 1~1,000명입니다.",
        "en": "Capacity is 1 to 1,000 people.",
    },
    "error.window_order": {
        "ko": "교육 기간의 끝이 시작보다 앞설 수 없습니다.",
        "en": "The training window cannot end before it starts.",
    },
    "error.cohort_empty": {
        "ko": "{year}년 선정 마을 중 활동 중인 마을이 없습니다.",
        "en": "No active village was selected in {year}.",
    },
    "error.no_core_modules": {
        "ko": "1년차 필수 과목이 없습니다. 먼저 교육과정에 과목을 추가하세요.",
        "en": "There are no year-1 core modules: add them to the curriculum first.",
    },
    "error.unknown_session": {"ko": "교육 {id}번이 없습니다.", "en": "There is no session {id}."},
    "error.unknown_module": {
        "ko": "'{code}' 과목이 없습니다.",
        "en": "There is no module '{code}'.",
    },
    "error.unknown_trainer": {
        "ko": "'{name}' 강사가 없습니다.",
        "en": "There is no trainer '{name}'.",
    },
    "error.unknown_venue": {
        "ko": "'{name}' 교육장이 없습니다.",
        "en": "There is no venue '{name}'.",
    },
    "error.session_cancelled": {
        "ko": "취소된 교육입니다.",
        "en": "This session is cancelled.",
    },
    "error.session_needs_village": {
        "ko": "교육을 받을 마을을 하나 이상 고르세요.",
        "en": "Choose at least one village for the session.",
    },
    "error.participant_name": {
        "ko": "참가자 이름을 60자 이내로 적어 주세요.",
        "en": "Give the participant's name (up to 60 characters).",
    },
    "error.participant_role": {
        "ko": "역할은 운영진 또는 주민입니다.",
        "en": "The role is organiser or resident.",
    },
    "error.participant_taken": {
        "ko": "'{name}'{name|은} 이미 이 마을 명단에 있습니다.",
        "en": "'{name}' is already on this village's list.",
    },
    "error.unknown_participant": {
        "ko": "참가자 {id}번이 없습니다.",
        "en": "There is no participant {id}.",
    },
    "error.participant_not_in_session": {
        "ko": "참가자 {id}번은 이 교육의 마을 명단에 없습니다.",
        "en": "Participant {id} is not on the list of a village of this session.",
    },
    "error.attendance_status": {
        "ko": "출석 상태 '{value}'{value|은} 쓸 수 없습니다.",
        "en": "'{value}' is not an attendance status.",
    },
    "error.attendance_future": {
        "ko": "아직 시작하지 않은 교육의 출석은 기록할 수 없습니다.",
        "en": "Attendance cannot be recorded before the session begins.",
    },
    "error.sheet_letter_count": {
        "ko": "서명부의 {rows}줄마다 한 글자씩 적어 주세요({given}글자를 받았습니다).",
        "en": "Type one letter for each of the sheet's {rows} rows ({given} given).",
    },
    "error.sheet_letter": {
        "ko": "{row}번 줄의 '{letter}'{letter|을} 알 수 없습니다. P·L·E·A 또는 출·지·사·결, 건너뛰려면 - 를 쓰세요.",
        "en": "Row {row}: '{letter}' is not a mark. Use P, L, E or A (or 출, 지, 사, 결), and - to skip.",
    },
    "error.min_organisers": {
        "ko": "과목마다 참석할 운영진 수는 1~20명입니다.",
        "en": "Organisers per module must be between 1 and 20.",
    },
    "error.attendance_threshold": {
        "ko": "출석률 기준은 0%보다 크고 100% 이하입니다.",
        "en": "The attendance threshold is above 0% and at most 100%.",
    },
    "error.not_completed": {
        "ko": "이 마을은 아직 1년차 교육을 마치지 않았습니다.",
        "en": "This village has not completed its first-year training yet.",
    },
}
