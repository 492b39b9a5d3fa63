"""Messages: the audit log's sentences (``audit.say.*``), the names of the things they are
about (``audit.thing.*``) and the words of saves, imports and the demo (``audit.part.*``,
``audit.detail.*``). ``{who}`` is a person's display name; ``{thing}`` a thing's name."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- things ---------------------------------------------------------------------------------
    "audit.thing.other": {"ko": "{kind}", "en": "{kind}"},
    "audit.thing.households": {"ko": "{village} {code} 가구", "en": "household {code} ({village})"},
    "audit.thing.generation_units": {
        "ko": "{household}의 {kind}",
        "en": "the {kind} of {household}",
    },
    "audit.thing.reading_batches": {
        "ko": "{village}의 {day} 사용량 저장",
        "en": "the save of readings for {village} on {day}",
    },
    "audit.thing.village_status_changes": {
        "ko": "{village}의 {day} 상태 기록({status})",
        "en": "the status entry of {village} on {day} ({status})",
    },
    "audit.thing.townhall_stories": {
        "ko": "{village}의 {year}년 타운홀 이야기",
        "en": "the {year} town-hall story of {village}",
    },
    "audit.thing.app_settings": {"ko": "설정 '{setting}'", "en": "the setting '{setting}'"},
    "audit.thing.calls": {"ko": "{year}년 공모", "en": "the {year} call"},
    "audit.thing.call_applications": {
        "ko": "신청서 {reference}({group})",
        "en": "application {reference} ({group})",
    },
    "audit.thing.application": {"ko": "신청서 {reference}", "en": "application {reference}"},
    "audit.thing.application_attachments": {
        "ko": "{application}의 첨부 파일 '{name}'",
        "en": "the file '{name}' attached to {application}",
    },
    "audit.thing.application_advice_requests": {
        "ko": "{application}에 대한 조언 요청",
        "en": "the request for advice on {application}",
    },
    "audit.thing.application_advice": {
        "ko": "{application}의 '{section}' 조언 글",
        "en": "the advice message on '{section}' of {application}",
    },
    "audit.thing.call_organisers": {
        "ko": "{application}의 활동가 {name}",
        "en": "organiser {name} of {application}",
    },
    "audit.thing.call_prescreens": {
        "ko": "{application}의 자치구 사전 검토",
        "en": "the district pre-screen of {application}",
    },
    "audit.thing.call_review_assignments": {
        "ko": "{reviewer}의 {application} {stage}",
        "en": "{reviewer}'s {stage} of {application}",
    },
    "audit.thing.call_review_scores": {
        "ko": "{review}의 {criterion} 점수",
        "en": "the {criterion} score in {review}",
    },
    "audit.thing.call_grants": {
        "ko": "{village}의 {year}년차 지원금({application})",
        "en": "the year-{year} grant of {village} ({application})",
    },
    "audit.thing.call_instalments": {
        "ko": "{grant}의 {day} 지급",
        "en": "the payment of {day} on {grant}",
    },
    "audit.thing.call_spending_lines": {
        "ko": "{grant}의 {line} 지출",
        "en": "the {line} spending of {grant}",
    },
    "audit.thing.formation_steps": {
        "ko": "{organisation}의 설립 단계 '{step}'",
        "en": "the step '{step}' of {organisation}",
    },
    "audit.thing.organisation_members": {
        "ko": "{organisation} 회원 {name}",
        "en": "member {name} of {organisation}",
    },
    "audit.thing.organisation_years": {
        "ko": "{organisation}의 {year}년 실적",
        "en": "the {year} report of {organisation}",
    },
    "audit.thing.organisation_assets": {
        "ko": "{organisation}의 발전소 '{name}'",
        "en": "the plant '{name}' of {organisation}",
    },
    "audit.thing.training_modules": {
        "ko": "교육 과목 '{title}'({code})",
        "en": "the module '{title}' ({code})",
    },
    "audit.thing.trainers": {"ko": "강사 {name}", "en": "trainer {name}"},
    "audit.thing.trainer_availability": {
        "ko": "강사 {trainer}의 {weekday}요일 {start}–{end} 가능 시간",
        "en": "the availability of trainer {trainer} on {weekday} {start}–{end}",
    },
    "audit.thing.venues": {"ko": "교육장 {name}", "en": "the venue {name}"},
    "audit.thing.training_sessions": {
        "ko": "{when} '{title}' 교육",
        "en": "the session '{title}' on {when}",
    },
    "audit.thing.training_session_villages": {
        "ko": "{session}의 참여 마을 {village}",
        "en": "{village} in {session}",
    },
    "audit.thing.training_participants": {"ko": "{name}({village})", "en": "{name} ({village})"},
    "audit.thing.training_self_checkins": {
        "ko": "{session}에서 {name} 님({village})의 체크인",
        "en": "the check-in of {name} ({village}) at {session}",
    },
    "audit.thing.training_attendance": {
        "ko": "{session}의 {participant} 출석",
        "en": "the attendance of {participant} at {session}",
    },
    "audit.thing.conversion_factors": {
        "ko": "{factor}({day}부터)",
        "en": "{factor} (from {day})",
    },
    "audit.thing.tariffs": {
        "ko": "{day}부터의 {carrier} 요금",
        "en": "the {carrier} tariff from {day}",
    },
    "audit.thing.tariff_tiers": {
        "ko": "{tariff}의 {season} {position}단계",
        "en": "step {position} ({season}) of {tariff}",
    },
    "audit.thing.weather_stations": {
        "ko": "기상 관측소 {name}({code})",
        "en": "weather station {name} ({code})",
    },
    "audit.thing.weather_batches": {
        "ko": "{station}의 {day} 기온 저장",
        "en": "the save of temperatures for {station} on {day}",
    },
    "audit.thing.village_weather_stations": {
        "ko": "{village}의 기상 관측소",
        "en": "the weather station of {village}",
    },
    # --- plain actions -------------------------------------------------------------------------
    "audit.say.create": {
        "ko": "{who}{who|이} {thing}{thing|을} 추가했습니다.",
        "en": "{who} added {thing}.",
    },
    "audit.say.delete": {
        "ko": "{who}{who|이} {thing}{thing|을} 삭제했습니다.",
        "en": "{who} removed {thing}.",
    },
    "audit.say.update_plain": {
        "ko": "{who}{who|이} {thing}{thing|을} 수정했습니다.",
        "en": "{who} changed {thing}.",
    },
    "audit.say.update_one": {
        "ko": "{who}{who|이} {thing}의 {field}{field|을} 바꿨습니다({before} → {after}).",
        "en": "{who} changed the {field} of {thing} from {before} to {after}.",
    },
    "audit.say.update_set": {
        "ko": "{who}{who|이} {thing}의 {field}{field|을} 적었습니다({after}).",
        "en": "{who} set the {field} of {thing} to {after}.",
    },
    "audit.say.update_cleared": {
        "ko": "{who}{who|이} {thing}의 {field}{field|을} 지웠습니다(전: {before}).",
        "en": "{who} cleared the {field} of {thing} (was {before}).",
    },
    "audit.say.update_many": {
        "ko": "{who}{who|이} {thing}{thing|을} 수정했습니다: {changes}.",
        "en": "{who} changed {thing}: {changes}.",
    },
    "audit.say.change": {"ko": "{field} {before} → {after}", "en": "{field} {before} → {after}"},
    "audit.say.field_value": {"ko": "{field} {value}", "en": "{field} {value}"},
    "audit.say.and_more": {"ko": "{changes} 외 {n}개 항목", "en": "{changes} and {n} more"},
    "audit.say.other": {
        "ko": "{who}{who|이} {thing}에 대해 '{action}' 작업을 했습니다.",
        "en": "{who} recorded '{action}' about {thing}.",
    },
    # --- villages and households -----------------------------------------------------------------
    "audit.say.villages.create": {
        "ko": "{who}{who|이} 새 마을 {thing}{thing|을} 등록했습니다({district}, {cohort}년 선정).",
        "en": "{who} registered the village {thing} ({district}, cohort {cohort}).",
    },
    "audit.say.village_status_changes.create": {
        "ko": "{who}{who|이} {village}의 상태를 기록했습니다: {day}부터 {status}(사유: {reason}).",
        "en": "{who} recorded {village} as {status} from {day} (reason: {reason}).",
    },
    "audit.say.households.create": {
        "ko": "{who}{who|이} {village}에 {code} 가구를 등록했습니다.",
        "en": "{who} added household {code} to {village}.",
    },
    "audit.say.generation_units.create": {
        "ko": "{who}{who|이} {household}의 {kind}{kind|을} 기록했습니다: {units} × {watts}, {day} 설치.",
        "en": "{who} recorded the {kind} of {household}: {units} × {watts}, installed {day}.",
    },
    "audit.say.reading_changed": {
        "ko": "{who}{who|이} {village} {household} 가구의 {month} {carrier} 사용량을 바꿨습니다({before} → {after}).",
        "en": "{who} changed household {household}'s {carrier} reading for {month} from {before} to {after} ({village}).",
    },
    "audit.say.readings_saved": {
        "ko": "{who}{who|이} {village}의 사용량을 저장했습니다: {parts}.",
        "en": "{who} saved readings for {village}: {parts}.",
    },
    "audit.reading": {
        "ko": "{household} 가구 · {month} · {carrier}",
        "en": "household {household} · {month} · {carrier}",
    },
    "audit.say.batch_file": {
        "ko": "{who}{who|이} {village}의 사용량 파일 '{file}'{file|을} 올렸습니다({n}행).",
        "en": "{who} uploaded the readings file '{file}' for {village} ({n} rows).",
    },
    "audit.say.batch_file_one": {
        "ko": "{who}{who|이} {village}의 사용량 파일 '{file}'{file|을} 올렸습니다({n}행).",
        "en": "{who} uploaded the readings file '{file}' for {village} ({n} row).",
    },
    "audit.say.batch_import": {
        "ko": "{who}{who|이} {village}의 사용량 {n}행을 가져왔습니다.",
        "en": "{who} imported {n} rows of readings for {village}.",
    },
    "audit.say.batch_import_one": {
        "ko": "{who}{who|이} {village}의 사용량 {n}행을 가져왔습니다.",
        "en": "{who} imported {n} row of readings for {village}.",
    },
    "audit.say.batch_entry": {
        "ko": "{who}{who|이} {village}의 사용량 {n}건을 직접 입력했습니다.",
        "en": "{who} typed in {n} readings for {village}.",
    },
    "audit.say.batch_entry_one": {
        "ko": "{who}{who|이} {village}의 사용량 {n}건을 직접 입력했습니다.",
        "en": "{who} typed in {n} reading for {village}.",
    },
    "audit.say.batch_demo": {
        "ko": "{who}{who|이} {village}의 시연 사용량 {n}건을 넣었습니다.",
        "en": "{who} loaded {n} demo readings for {village}.",
    },
    "audit.say.batch_demo_one": {
        "ko": "{who}{who|이} {village}의 시연 사용량 {n}건을 넣었습니다.",
        "en": "{who} loaded {n} demo reading for {village}.",
    },
    "audit.part.added": {"ko": "새 값 {n}건", "en": "{n} new"},
    "audit.part.changed": {"ko": "바뀐 값 {n}건", "en": "{n} changed"},
    "audit.part.unchanged": {"ko": "그대로 {n}건", "en": "{n} unchanged"},
    "audit.part.dropped": {"ko": "저장된 값을 지킨 {n}건", "en": "{n} kept as stored"},
    "audit.part.households": {"ko": "새 가구 {n}곳", "en": "{n} new households"},
    "audit.part.households_one": {
        "ko": "새 가구 {n}곳",
        "en": "{n} new household",
    },
    "audit.detail.added": {"ko": "새로 저장한 값", "en": "New values stored"},
    "audit.detail.unchanged": {"ko": "이미 같은 값", "en": "Already stored, unchanged"},
    "audit.detail.dropped": {"ko": "저장된 값을 지킨 충돌", "en": "Conflicts kept as stored"},
    "audit.detail.households_registered": {"ko": "새로 등록한 가구", "en": "Households registered"},
    "audit.detail.file": {"ko": "파일", "en": "File"},
    "audit.detail.more": {
        "ko": "더 바뀐 값(CSV 내려받기에 모두 있음)",
        "en": "More changed values (all in the CSV download)",
    },
    "audit.detail.value": {"ko": "기록된 값", "en": "Recorded values"},
    # --- accounts and logins ---------------------------------------------------------------
    "audit.say.users.create": {
        "ko": "{who}{who|이} {thing} 계정을 만들었습니다({role}).",
        "en": "{who} created the account of {thing} ({role}).",
    },
    "audit.say.login": {"ko": "{who}{who|이} 로그인했습니다.", "en": "{who} logged in."},
    "audit.say.login_recorded": {
        "ko": "{thing}의 최근 로그인 시각을 기록했습니다.",
        "en": "The last login of {thing} was recorded.",
    },
    "audit.say.own_password": {
        "ko": "{who}{who|이} 자기 비밀번호를 바꿨습니다.",
        "en": "{who} changed their own password.",
    },
    "audit.say.password_reset": {
        "ko": "{who}{who|이} {thing}의 비밀번호를 새로 정했습니다.",
        "en": "{who} reset the password of {thing}.",
    },
    "audit.say.account_enabled": {
        "ko": "{who}{who|이} {thing} 계정을 다시 쓸 수 있게 했습니다.",
        "en": "{who} enabled the account of {thing} again.",
    },
    "audit.say.account_disabled": {
        "ko": "{who}{who|이} {thing} 계정을 쓰지 못하게 했습니다.",
        "en": "{who} disabled the account of {thing}.",
    },
    "audit.say.login_failed": {
        "ko": "'{name}'{name|으로} 로그인하지 못했습니다(이름이나 비밀번호가 틀림, 접속처 {client}).",
        "en": "A login as '{name}' failed (wrong name or password; client {client}).",
    },
    "audit.say.login_locked": {
        "ko": "'{name}'{name|으로} 잠긴 동안 로그인을 시도했습니다(접속처 {client}).",
        "en": "A login as '{name}' was tried while locked out (client {client}).",
    },
    "audit.say.lockout_client": {
        "ko": "접속처 {client}의 로그인을 {n}분 동안 막았습니다(실패가 너무 많음).",
        "en": "Logins from client {client} were blocked for {n} minutes after too many failures.",
    },
    "audit.say.lockout_client_one": {
        "ko": "접속처 {client}의 로그인을 {n}분 동안 막았습니다(실패가 너무 많음).",
        "en": "Logins from client {client} were blocked for {n} minute after too many failures.",
    },
    "audit.say.lockout_name": {
        "ko": "접속처 {client}에서 '{name}'{name|으로} 하는 로그인을 {n}분 동안 막았습니다(실패가 너무 많음).",
        "en": "Logins as '{name}' from client {client} were blocked for {n} minutes after too many failures.",
    },
    "audit.say.lockout_name_one": {
        "ko": "접속처 {client}에서 '{name}'{name|으로} 하는 로그인을 {n}분 동안 막았습니다(실패가 너무 많음).",
        "en": "Logins as '{name}' from client {client} were blocked for {n} minute after too many failures.",
    },
    # --- the annual call ------------------------------------------------------------------------
    "audit.say.calls.create": {
        "ko": "{who}{who|이} {thing} '{title}'{title|을} 만들었습니다(접수 {opens}–{closes}, 예산 {budget}).",
        "en": "{who} created {thing} '{title}' (open {opens} to {closes}, budget {budget}).",
    },
    "audit.say.application_draft": {
        "ko": "{who}{who|이} {thing} 작성을 시작했습니다.",
        "en": "{who} started {thing} as a draft.",
    },
    "audit.say.application_submitted": {
        "ko": "{who}{who|이} {thing}{thing|을} 제출했습니다.",
        "en": "{who} submitted {thing}.",
    },
    "audit.say.application_paper": {
        "ko": "{who}{who|이} 종이로 받은 {thing}{thing|을} 입력했습니다.",
        "en": "{who} entered the paper {thing}.",
    },
    "audit.say.application_entered": {
        "ko": "{who}{who|이} {thing}{thing|을} 입력했습니다(상태: {status}).",
        "en": "{who} entered {thing} (status: {status}).",
    },
    "audit.say.application_withdrawn": {
        "ko": "{who}{who|이} {thing}{thing|을} 철회했습니다.",
        "en": "{who} withdrew {thing}.",
    },
    "audit.say.application_review_started": {
        "ko": "{who}{who|이} {thing}의 심사를 시작했습니다({stage}).",
        "en": "{who} started the review of {thing} ({stage}).",
    },
    "audit.say.application_stage": {
        "ko": "{who}{who|이} {thing}{thing|을} 다음 단계({stage})로 넘겼습니다.",
        "en": "{who} moved {thing} on to the next stage ({stage}).",
    },
    "audit.say.application_selected": {
        "ko": "{who}{who|이} {thing}{thing|을} 선정했습니다(지원금 {award}).",
        "en": "{who} selected {thing} with an award of {award}.",
    },
    "audit.say.application_wait_listed": {
        "ko": "{who}{who|이} {thing}{thing|을} 예비 선정했습니다.",
        "en": "{who} wait-listed {thing}.",
    },
    "audit.say.application_rejected": {
        "ko": "{who}{who|이} {thing}{thing|을} 선정하지 않았습니다.",
        "en": "{who} did not select {thing}.",
    },
    "audit.say.call_organisers.create": {
        "ko": "{who}{who|이} {application}의 활동가로 {name}{name|을} 적었습니다.",
        "en": "{who} named {name} as an organiser of {application}.",
    },
    "audit.say.call_organisers.delete": {
        "ko": "{who}{who|이} {application}의 활동가에서 {name}{name|을} 뺐습니다.",
        "en": "{who} removed {name} from the organisers of {application}.",
    },
    "audit.say.application_advice_requests.create": {
        "ko": "{who}{who|이} {application}에 대해 자치구에 조언을 요청했습니다.",
        "en": "{who} asked the district for advice on {application}.",
    },
    "audit.say.application_advice.create": {
        "ko": "{who}{who|이} {application}의 '{section}'에 조언 글을 남겼습니다.",
        "en": "{who} wrote on '{section}' of {application} (advice before applying).",
    },
    "audit.say.call_prescreens.create": {
        "ko": "{who}{who|이} {application}{application|을} 사전 검토했습니다({verdict}).",
        "en": "{who} pre-screened {application} ({verdict}).",
    },
    "audit.say.call_review_assignments.create": {
        "ko": "{who}{who|이} {reviewer}에게 {application}의 {stage}{stage|을} 맡겼습니다.",
        "en": "{who} assigned the {stage} of {application} to {reviewer}.",
    },
    "audit.say.call_review_assignments.delete": {
        "ko": "{who}{who|이} {reviewer}에게 맡긴 {application}의 {stage}{stage|을} 거두었습니다.",
        "en": "{who} took the {stage} of {application} off {reviewer}.",
    },
    "audit.say.conflict_declared": {
        "ko": "{who}{who|이} {application}에 이해충돌이 있다고 밝혔습니다({stage}).",
        "en": "{who} declared a conflict of interest with {application} ({stage}).",
    },
    "audit.say.no_conflict": {
        "ko": "{who}{who|이} {application}에 이해충돌이 없다고 밝혔습니다({stage}).",
        "en": "{who} declared no conflict of interest with {application} ({stage}).",
    },
    "audit.say.review_submitted": {
        "ko": "{who}{who|이} {application}의 {stage} 점수를 제출했습니다.",
        "en": "{who} submitted the {stage} scores for {application}.",
    },
    "audit.say.call_review_scores.create": {
        "ko": "{who}{who|이} {application}의 {criterion}에 {score}{score|을} 주었습니다({stage}).",
        "en": "{who} scored {application} {score} for {criterion} ({stage}).",
    },
    "audit.say.call_review_scores.delete": {
        "ko": "{who}{who|이} {application}의 이전 {criterion} 점수를 지웠습니다({score}, {stage}).",
        "en": "{who} cleared the earlier {criterion} score of {application} ({score}, {stage}).",
    },
    "audit.say.call_grants.create": {
        "ko": "{who}{who|이} {village}에 {year}년차 지원금 {award}{award|을} 정했습니다({application}).",
        "en": "{who} granted {award} to {village} for programme year {year} ({application}).",
    },
    "audit.say.call_instalments.create": {
        "ko": "{who}{who|이} {village}에 {amount}{amount|을} 지급했다고 기록했습니다({day}, {application}).",
        "en": "{who} recorded a payment of {amount} to {village} on {day} ({application}).",
    },
    "audit.say.call_spending_lines.create": {
        "ko": "{who}{who|이} {village}의 {line} 지출 {amount}{amount|을} 보고했습니다({application}).",
        "en": "{who} reported {amount} spent by {village} on {line} ({application}).",
    },
    "audit.say.call_spending_lines.delete": {
        "ko": "{who}{who|이} {village}의 이전 {line} 지출 보고를 지웠습니다({amount}, {application}).",
        "en": "{who} removed the earlier report of {amount} spent by {village} on {line} ({application}).",
    },
    # --- organisations --------------------------------------------------------------------------
    "audit.say.organisations.create": {
        "ko": "{who}{who|이} {village}의 {form} {thing}{thing|을} 등록했습니다.",
        "en": "{who} registered the {form} {thing} of {village}.",
    },
    "audit.say.organisation_members.create": {
        "ko": "{who}{who|이} {organisation}에 회원 {name}{name|을} 추가했습니다.",
        "en": "{who} added {name} as a member of {organisation}.",
    },
    "audit.say.organisation_years.create": {
        "ko": "{who}{who|이} {thing}{thing|을} 입력했습니다.",
        "en": "{who} entered {thing}.",
    },
    "audit.say.organisation_assets.create": {
        "ko": "{who}{who|이} {thing}{thing|을} 등록했습니다({kw}).",
        "en": "{who} registered {thing} ({kw}).",
    },
    # --- training --------------------------------------------------------------------------------
    "audit.say.training_sessions.create": {
        "ko": "{who}{who|이} {thing}{thing|을} 잡았습니다({venue}, 강사 {trainer}).",
        "en": "{who} scheduled {thing} ({venue}, trainer {trainer}).",
    },
    "audit.say.session_cancelled": {
        "ko": "{who}{who|이} {thing}{thing|을} 취소했습니다.",
        "en": "{who} cancelled {thing}.",
    },
    "audit.say.session_restored": {
        "ko": "{who}{who|이} 취소했던 {thing}{thing|을} 다시 열었습니다.",
        "en": "{who} put {thing} back on the schedule.",
    },
    "audit.say.session_moved": {
        "ko": "{who}{who|이} {thing}{thing|을} {when}{when|으로} 옮겼습니다.",
        "en": "{who} moved {thing} to {when}.",
    },
    "audit.say.training_session_villages.create": {
        "ko": "{who}{who|이} {session}에 {village}{village|을} 넣었습니다.",
        "en": "{who} added {village} to {session}.",
    },
    "audit.say.training_session_villages.delete": {
        "ko": "{who}{who|이} {session}에서 {village}{village|을} 뺐습니다.",
        "en": "{who} took {village} off {session}.",
    },
    "audit.say.training_participants.create": {
        "ko": "{who}{who|이} {village}의 교육 명단에 {name}{name|을} 올렸습니다({role}).",
        "en": "{who} added {name} ({role}) to the training list of {village}.",
    },
    "audit.say.training_attendance.create": {
        "ko": "{who}{who|이} {session}에서 {participant}의 출석을 '{status}'{status|으로} 기록했습니다.",
        "en": "{who} marked {participant} {status} at {session}.",
    },
    "audit.say.attendance_changed": {
        "ko": "{who}{who|이} {session}에서 {participant}의 출석을 바꿨습니다({before} → {after}).",
        "en": "{who} changed the attendance of {participant} at {session} from {before} to {after}.",
    },
    "audit.say.rules_set": {
        "ko": "{who}{who|이} 교육 이수 규칙을 정했습니다: {changes}.",
        "en": "{who} set the training rules: {changes}.",
    },
    "audit.say.rules_changed": {
        "ko": "{who}{who|이} 교육 이수 규칙을 바꿨습니다: {changes}.",
        "en": "{who} changed the training rules: {changes}.",
    },
    # --- factors, tariffs, weather -----------------------------------------------------------------
    "audit.say.conversion_factors.create": {
        "ko": "{who}{who|이} {factor} 값을 추가했습니다: {day}부터 {value}.",
        "en": "{who} added a new value of the {factor}: {value} from {day}.",
    },
    "audit.say.tariffs.create": {
        "ko": "{who}{who|이} {thing}{thing|을} 추가했습니다({price}).",
        "en": "{who} added {thing} ({price}).",
    },
    "audit.say.village_weather_stations.create": {
        "ko": "{who}{who|이} {village}의 기상 관측소를 {station}{station|으로} 정했습니다.",
        "en": "{who} set the weather station of {village} to {station}.",
    },
    "audit.say.village_weather_stations.delete": {
        "ko": "{who}{who|이} {village}의 기상 관측소 지정을 없앴습니다(기본 관측소를 씀).",
        "en": "{who} removed the weather station set for {village} (the default one serves it).",
    },
    "audit.say.temperatures": {
        "ko": "{who}{who|이} {station}의 일평균 기온을 저장했습니다: {parts}.",
        "en": "{who} saved daily mean temperatures for {station}: {parts}.",
    },
    "audit.part.added_days": {"ko": "새 날 {n}일", "en": "{n} new days"},
    "audit.part.added_days_one": {
        "ko": "새 날 {n}일",
        "en": "{n} new day",
    },
    "audit.part.changed_days": {"ko": "바뀐 날 {n}일", "en": "{n} days changed"},
    "audit.part.changed_days_one": {
        "ko": "바뀐 날 {n}일",
        "en": "{n} day changed",
    },
    "audit.part.unchanged_days": {"ko": "그대로 {n}일", "en": "{n} days unchanged"},
    "audit.part.unchanged_days_one": {
        "ko": "그대로 {n}일",
        "en": "{n} day unchanged",
    },
    "audit.detail.added_days": {"ko": "새로 저장한 날", "en": "New days stored"},
    "audit.detail.span": {"ko": "기간", "en": "Period"},
    "audit.say.weather_file": {
        "ko": "{who}{who|이} {station}의 기온 파일 '{file}'{file|을} 올렸습니다({n}행).",
        "en": "{who} uploaded the temperature file '{file}' for {station} ({n} rows).",
    },
    "audit.say.weather_file_one": {
        "ko": "{who}{who|이} {station}의 기온 파일 '{file}'{file|을} 올렸습니다({n}행).",
        "en": "{who} uploaded the temperature file '{file}' for {station} ({n} row).",
    },
    "audit.say.weather_batch": {
        "ko": "{who}{who|이} {station}의 기온 {n}일치를 넣었습니다.",
        "en": "{who} added {n} days of temperatures for {station}.",
    },
    "audit.say.weather_batch_one": {
        "ko": "{who}{who|이} {station}의 기온 {n}일치를 넣었습니다.",
        "en": "{who} added {n} day of temperatures for {station}.",
    },
    # --- the store --------------------------------------------------------------------------------
    "audit.say.backup": {
        "ko": "{who}{who|이} 백업 파일 '{file}'{file|을} 만들었습니다(행 {n}개).",
        "en": "{who} wrote the backup '{file}' ({n} rows).",
    },
    "audit.say.restore": {
        "ko": "{who}{who|이} 백업 파일 '{file}'에서 데이터베이스를 되살렸습니다(행 {n}개).",
        "en": "{who} restored the store from the backup '{file}' ({n} rows).",
    },
    "audit.say.demo_loaded": {
        "ko": "{who}{who|이} 시연 데이터를 넣었습니다: {parts}.",
        "en": "{who} loaded the demo data: {parts}.",
    },
    "audit.say.demo_marked": {
        "ko": "{who}{who|이} 이 데이터베이스에 시연 데이터가 있다고 표시했습니다({day}).",
        "en": "{who} marked the store as holding demo data ({day}).",
    },
    "audit.part.villages": {"ko": "마을 {n}곳", "en": "{n} villages"},
    "audit.part.villages_one": {
        "ko": "마을 {n}곳",
        "en": "{n} village",
    },
    "audit.part.households_total": {"ko": "가구 {n}곳", "en": "{n} households"},
    "audit.part.households_total_one": {
        "ko": "가구 {n}곳",
        "en": "{n} household",
    },
    "audit.part.readings": {"ko": "사용량 {n}건", "en": "{n} readings"},
    "audit.part.readings_one": {
        "ko": "사용량 {n}건",
        "en": "{n} reading",
    },
    "audit.part.years": {"ko": "{n}년치", "en": "{n} years"},
    "audit.part.years_one": {
        "ko": "{n}년치",
        "en": "{n} year",
    },
    "audit.detail.demo.villages": {"ko": "마을", "en": "Villages"},
    "audit.detail.demo.households": {"ko": "가구", "en": "Households"},
    "audit.detail.demo.generation_units": {"ko": "발전 설비", "en": "Generation units"},
    "audit.detail.demo.years": {"ko": "연수", "en": "Years"},
    "audit.detail.demo.weather_days": {"ko": "기온 자료(일)", "en": "Days of temperatures"},
    "audit.detail.demo.readings": {"ko": "사용량", "en": "Readings"},
}
