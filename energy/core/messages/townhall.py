"""Messages: the mayor's town hall (slides, presentation mode, exports, stories)."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.townhall": {"ko": "타운홀 발표", "en": "Town hall"},
    "townhall.caption": {
        "ko": "시장님과 함께하는 타운홀에서 보여 줄 사업 이야기입니다. 모든 숫자는 저장된 자료에서 바로 계산하고, 개인 정보는 담지 않습니다.",
        "en": "The programme's story for the mayor's town hall, computed from the store. Aggregates and villages only: no personal data.",
    },
    "townhall.year": {"ko": "연도", "en": "Year"},
    "townhall.district": {"ko": "자치구", "en": "District"},
    "townhall.all_seoul": {"ko": "서울 전체", "en": "All of Seoul"},
    "townhall.present": {"ko": "발표 모드", "en": "Presentation mode"},
    "townhall.present_help": {
        "ko": "사이드바와 메뉴를 숨기고 슬라이드를 화면 가득 크게 보여 줍니다. 키보드 ←/→로 넘길 수 있습니다.",
        "en": "Hides the sidebar and menus and shows the slide full width. The ←/→ keys turn the slides.",
    },
    "townhall.auto": {"ko": "자동 넘김", "en": "Advance automatically"},
    "townhall.seconds": {"ko": "넘김 간격(초)", "en": "Seconds per slide"},
    "townhall.previous": {"ko": "이전", "en": "Previous"},
    "townhall.next": {"ko": "다음", "en": "Next"},
    "townhall.position": {"ko": "{n} / {total}", "en": "{n} / {total}"},
    "townhall.exports": {"ko": "발표 자료 내보내기", "en": "Exports"},
    "townhall.exports_note": {
        "ko": "같은 슬라이드를 파워포인트(16:9)와 인쇄용 PDF로 만듭니다. 인터넷 연결 없이 만들어지며, 제목과 발표 메모는 파워포인트에서 고칠 수 있습니다.",
        "en": "The same slides as a PowerPoint deck (16:9) and a printable PDF handout. Built without a network; titles and speaker notes stay editable in PowerPoint.",
    },
    "townhall.download_pptx": {"ko": "파워포인트 받기", "en": "Download PowerPoint"},
    "townhall.download_pdf": {"ko": "인쇄용 PDF 받기", "en": "Download PDF handout"},
    "townhall.build_pptx": {"ko": "파워포인트 만들기", "en": "Make the PowerPoint"},
    "townhall.build_pdf": {"ko": "인쇄용 PDF 만들기", "en": "Make the PDF handout"},
    "townhall.rebuild": {"ko": "다시 만들기", "en": "Make it again"},
    "townhall.building": {
        "ko": "만드는 중: 슬라이드 {n}/{total}",
        "en": "Making it: slide {n} of {total}",
    },
    "townhall.built_at": {
        "ko": "{time}에 만든 파일입니다. 그 뒤에 바뀐 기록은 다시 만들면 들어갑니다.",
        "en": "Made at {time}; make it again to include later changes.",
    },
    "townhall.village_summary": {
        "ko": "마을 한 장 요약 (PDF)",
        "en": "One-page village summary (PDF)",
    },
    "townhall.village_summary_note": {
        "ko": "참여 가구가 {n}곳 이상인 마을만 고를 수 있습니다.",
        "en": "Only villages with at least {n} households can be chosen.",
    },
    "townhall.download_village": {"ko": "요약 받기", "en": "Download summary"},
    # --- the slides ---
    "townhall.cover_title": {
        "ko": "서울 에너지자립마을",
        "en": "Seoul Energy Self-Reliant Villages",
    },
    "townhall.cover_subtitle": {
        "ko": "{year} 타운홀 · {place}",
        "en": "Town hall {year} · {place}",
    },
    "townhall.period": {"ko": "자료 기간: {start} ~ {end}", "en": "Data: {start} to {end}"},
    "townhall.scope_line": {"ko": "{place} · {start} ~ {end}", "en": "{place} · {start} to {end}"},
    "townhall.glance_title": {
        "ko": "한눈에 보는 에너지자립마을",
        "en": "The programme at a glance",
    },
    "townhall.villages_active": {"ko": "활동 중인 마을", "en": "Villages active"},
    "townhall.villages_active_caption": {
        "ko": "{year}년 말 기준 · 자치구 {districts}곳",
        "en": "at the end of {year} · in {districts} districts",
    },
    "townhall.villages_selected": {"ko": "선정된 마을 (누적)", "en": "Villages selected (total)"},
    "townhall.villages_selected_caption": {
        "ko": "{first}년부터 {year}년까지",
        "en": "from {first} to {year}",
    },
    "townhall.households": {"ko": "참여 가구", "en": "Households taking part"},
    "townhall.households_caption": {"ko": "{year}년 한 해 동안", "en": "during {year}"},
    "townhall.organisations": {"ko": "설립된 협동조합·단체", "en": "Organisations founded"},
    "townhall.not_recorded": {"ko": "아직 자료 없음", "en": "No data yet"},
    "townhall.growth_title": {"ko": "해마다 늘어난 마을", "en": "Villages, year by year"},
    "townhall.growth_x": {"ko": "연도", "en": "Year"},
    "townhall.growth_y": {"ko": "마을 수 (누적, 곳)", "en": "Villages (cumulative)"},
    "townhall.milestone_label": {"ko": "{n}곳 달성", "en": "{n} villages"},
    "townhall.growth_new": {"ko": "{year}년 새 마을", "en": "New in {year}"},
    "townhall.growth_total": {"ko": "{year}년까지 선정", "en": "Selected by {year}"},
    "townhall.energy_title": {"ko": "{year}년에 아낀 에너지", "en": "Energy saved in {year}"},
    "townhall.toe": {"ko": "석유로 환산하면", "en": "In oil equivalent"},
    "townhall.tco2": {"ko": "줄인 온실가스", "en": "CO2 avoided"},
    "townhall.krw": {"ko": "아낀 요금", "en": "Money saved"},
    "townhall.stop_presenting": {"ko": "발표 끝내기", "en": "End the presentation"},
    "townhall.toe_more": {"ko": "석유로 환산해 더 쓴 양", "en": "Used more, in oil equivalent"},
    "townhall.tco2_more": {"ko": "늘어난 온실가스", "en": "More CO2 emitted"},
    "townhall.krw_more": {"ko": "더 낸 요금", "en": "More spent"},
    "townhall.krw_caption": {
        "ko": "{carriers} 합계 · 가구당 평균 {krw}",
        "en": "{carriers} together · {krw} per household on average",
    },
    "townhall.too_few": {
        "ko": "참여 가구가 {n}곳 미만이라 에너지 수치는 보여 드리지 않습니다. 한 가구의 사용량이 드러나지 않도록 하기 위해서입니다.",
        "en": "Fewer than {n} households take part here, so no energy figures are shown: they would reveal a household's own use.",
    },
    "townhall.no_cells": {
        "ko": "이 기간에는 비교할 수 있는 사용량 자료가 아직 없습니다.",
        "en": "There are no readings to compare for this period yet.",
    },
    "townhall.programme_year_title": {
        "ko": "참여 연차별 전기 절감률",
        "en": "Electricity saved by programme year",
    },
    "townhall.programme_year_x": {"ko": "사업 연차", "en": "Programme year"},
    "townhall.programme_year_y": {"ko": "전기 절감률 (%)", "en": "Electricity saved (%)"},
    "townhall.series_villages": {"ko": "{year}년 마을 실적", "en": "Villages in {year}"},
    "townhall.stage_villages": {
        "ko": "{stage}: 마을 {villages}곳",
        "en": "{stage}: {villages} villages",
    },
    "townhall.stage_value": {"ko": "{stage} 전기 절감", "en": "{stage}: electricity"},
    "townhall.stage_hidden": {
        "ko": "{stages}: 참여 가구가 {n}곳 미만이라 표시하지 않았습니다.",
        "en": "{stages}: fewer than {n} households, not shown.",
    },
    "townhall.renewables_title": {"ko": "햇빛으로 만든 전기", "en": "Electricity from the sun"},
    "townhall.capacity": {"ko": "설치 용량", "en": "Installed capacity"},
    "townhall.capacity_caption": {
        "ko": "발전 설비가 있는 가구 {n}곳",
        "en": "{n} households with panels",
    },
    "townhall.generation": {"ko": "발전량", "en": "Generated"},
    "townhall.generation_caption": {
        "ko": "이 중 {pct}는 설치 용량으로 추정",
        "en": "{pct} of it estimated from capacity",
    },
    "townhall.self_reliance": {"ko": "전기 자립률", "en": "Self-reliance rate"},
    "townhall.self_reliance_caption": {
        "ko": "재생에너지 발전량 ÷ 전기 사용량",
        "en": "renewable kWh ÷ electricity consumption kWh",
    },
    "townhall.month_x": {"ko": "월 ({year}년)", "en": "Month ({year})"},
    "townhall.generation_y": {"ko": "발전량 (kWh)", "en": "Generation (kWh)"},
    "townhall.too_few_generating": {
        "ko": "발전 설비가 있는 가구가 {n}곳 미만이라 발전량은 보여 드리지 않습니다.",
        "en": "Fewer than {n} households generate here, so no generation figures are shown.",
    },
    "townhall.map_title": {"ko": "자치구별 활동 마을", "en": "Active villages by district"},
    "townhall.map_value": {"ko": "활동 마을 (곳)", "en": "Active villages"},
    "townhall.map_districts": {"ko": "마을이 있는 자치구", "en": "Districts with villages"},
    "townhall.map_districts_value": {"ko": "25곳 중 {n}곳", "en": "{n} of 25"},
    "townhall.call_title": {"ko": "{year}년 마을 공모", "en": "The {year} call for villages"},
    "townhall.applications": {"ko": "신청", "en": "Applications"},
    "townhall.selected": {"ko": "선정", "en": "Selected"},
    "townhall.strand_energy": {"ko": "에너지 절약·생산", "en": "Energy work"},
    "townhall.strand_community": {"ko": "공동체 운영", "en": "Running the community"},
    "townhall.topic_x": {"ko": "참여 주민 (명)", "en": "Residents who came"},
    "townhall.notes_topics": {
        "ko": "막대: 주제마다 한 번 이상 출석(지각 포함)한 주민 수입니다. 한 사람이 여러 주제에 왔으면 주제마다 셉니다. 위의 참여 인원은 같은 사람을 한 번만 셉니다.",
        "en": "Bars: residents present (or late) at least once in each topic. A person who came to several topics counts in each; the participants above count each person once.",
    },
    "townhall.members_x": {"ko": "조합원·회원 (명)", "en": "Members"},
    "townhall.notes_organisations": {
        "ko": "막대: 기간 끝에 설립 절차를 모두 마친 조합·단체와 그때의 조합원·회원 수, 많은 순입니다. 조합·단체 이름은 공개된 이름입니다.",
        "en": "Bars: the organisations with every founding step done by the end of the period and their members then, most first. Organisations' names are public.",
    },
    "townhall.notes_more_organisations": {
        "ko": "그 밖에 {n}곳은 막대에 없습니다(위의 합계에는 들어 있습니다).",
        "en": "{n} more are not among the bars (they are in the totals above).",
    },
    "townhall.call_x": {"ko": "공모 연도", "en": "Call year"},
    "townhall.call_y": {"ko": "신청서 (건)", "en": "Applications (count)"},
    "townhall.notes_call": {
        "ko": "신청: 제출된 신청서(작성 중이거나 철회한 것은 빼고), 선정: 시가 선정한 신청서. 막대는 {first}년부터 {year}년까지 해마다의 공모입니다.",
        "en": "Applications: those submitted (drafts and withdrawn ones left out); selected: those the city selected. The bars are each year's call from {first} to {year}.",
    },
    "townhall.call_none": {
        "ko": "공모 신청과 선정 자료는 아직 이 시스템에 기록되지 않았습니다.",
        "en": "Applications and selection are not recorded in this system yet.",
    },
    "townhall.training_title": {"ko": "교육과 역량 강화", "en": "Training and capacity building"},
    "townhall.sessions": {"ko": "교육 횟수", "en": "Sessions"},
    "townhall.villages_trained": {"ko": "교육받은 마을", "en": "Villages trained"},
    "townhall.participants": {"ko": "참여 인원", "en": "Participants"},
    "townhall.training_none": {
        "ko": "교육 자료는 아직 이 시스템에 기록되지 않았습니다.",
        "en": "Training is not recorded in this system yet.",
    },
    "townhall.organisations_title": {
        "ko": "마을이 만든 협동조합과 일자리",
        "en": "Organisations and jobs villages created",
    },
    "townhall.founded": {"ko": "설립된 협동조합·단체", "en": "Organisations founded"},
    "townhall.members": {"ko": "조합원·회원", "en": "Members"},
    "townhall.jobs": {"ko": "일자리", "en": "Jobs"},
    "townhall.organisations_none": {
        "ko": "협동조합·단체 설립과 일자리 자료는 아직 이 시스템에 기록되지 않았습니다.",
        "en": "Organisations and jobs are not recorded in this system yet.",
    },
    "townhall.story_title": {"ko": "{village} 이야기", "en": "In their words: {village}"},
    "townhall.story_facts": {
        "ko": "{district} · {cohort}년 선정 · 참여 {n}가구",
        "en": "{district} · selected {cohort} · {n} households",
    },
    "townhall.stories_title": {"ko": "마을 이야기", "en": "Villages' stories"},
    "townhall.no_stories": {
        "ko": "아직 고른 마을 이야기가 없습니다. 담당자가 '타운홀 발표' 화면에서 추가할 수 있습니다.",
        "en": "No stories chosen yet. Staff add them on the town hall screen.",
    },
    # --- speaker notes ---
    "townhall.notes_scope": {
        "ko": "범위: {place}, {start} ~ {end}. 선정된 마을 {villages}곳, 참여 가구 {households}곳.",
        "en": "Scope: {place}, {start} to {end}. {villages} villages selected, {households} households taking part.",
    },
    "townhall.notes_privacy": {
        "ko": "개인 정보: 가구 코드·이름·개별 사용량은 담지 않았습니다. 참여 가구가 {n}곳 미만인 마을이나 묶음은 따로 보여 주지 않습니다.",
        "en": "Privacy: no household codes, names or individual readings. Villages and groups with fewer than {n} households are not shown on their own.",
    },
    "townhall.notes_glance": {
        "ko": "활동 중인 마을은 {date} 현재 상태 이력 기준입니다. 참여 가구는 기간 중 참여한 가구 수입니다.",
        "en": "Villages active: the status history as of {date}. Households: those taking part at some time in the period.",
    },
    "townhall.notes_growth": {
        "ko": "선정 연도별 마을 수를 누적했습니다(현재 상태와 관계없이).",
        "en": "Villages counted by the year they were selected, cumulative (whatever their status today).",
    },
    "townhall.notes_milestone": {
        "ko": "{year}년에 선정된 마을이 {n}곳에 이르렀습니다. 서울시는 2018년에 100곳을 넘겼고, 그해 타운홀에서 시장과 마을 활동가들이 만났습니다.",
        "en": "The programme reached {n} villages in {year}. Seoul passed 100 villages in 2018, the year organisers met the mayor at a town hall.",
    },
    "townhall.notes_energy": {
        "ko": "에코마일리지 방식: 각 가구의 같은 달 1년 전·2년 전 평균과 비교했습니다. 비교한 칸(가구·월): {coverage}.",
        "en": "Eco-mileage method: each household against the mean of the same month one and two years earlier. Cells compared (household-months): {coverage}.",
    },
    "townhall.notes_coverage": {
        "ko": "{carrier} {cells}/{expected}(충족률 {coverage})",
        "en": "{carrier} {cells}/{expected} (coverage {coverage})",
    },
    "townhall.covers": {"ko": "{carriers} 합계", "en": "{carriers} together"},
    "townhall.not_counted": {
        "ko": "{carriers}: 배출계수가 없어 빼고 셈",
        "en": "{carriers} not counted (no emission factor)",
    },
    "townhall.notes_heat_co2": {
        "ko": "{carriers}의 절감은 온실가스(tCO2)에 넣지 않았습니다: 인용할 수 있는 국내 배출계수를 아직 정하지 않았습니다. 석유환산톤과 요금에는 들어 있습니다.",
        "en": "The saving of {carriers} is not in tCO2: no Korean emission factor has been chosen that we can cite. It is in TOE and in money saved.",
    },
    "townhall.breakdown_x": {"ko": "기준 대비 절감률", "en": "Saved against the baseline"},
    "townhall.equivalent_line": {
        "ko": "아낀 전기 {kwh} kWh는 서울 가구 {n}곳의 1년 전기입니다(전형적인 가구는 1년에 {typical} kWh를 씁니다).",
        "en": "The electricity saved, {kwh} kWh, is the yearly electricity of {n} Seoul households (a typical household uses {typical} kWh a year).",
    },
    "townhall.notes_typical": {
        "ko": "전형적인 가구: 이 시스템에 {start}~{end} 12개월 전기 기록이 모두 있는 사업 참여 가구 {n}곳의 연간 사용량 중앙값 {kwh} kWh.",
        "en": "Typical household: the median yearly electricity, {kwh} kWh, of the {n} programme households with all twelve months from {start} to {end} in this system.",
    },
    "townhall.notes_typical_none": {
        "ko": "12개월 전기 기록이 모두 있는 가구가 {n}곳 미만이라 가구 환산은 하지 않았습니다.",
        "en": "Fewer than {n} households have all twelve months on record, so no household comparison is made.",
    },
    "townhall.notes_factors": {
        "ko": "환산계수({year}년 보고연도의 값, 기준과 실적 양쪽에 같은 값): {factors}.",
        "en": "Factors (those of reporting year {year}, the same for baseline and actual): {factors}.",
    },
    "townhall.notes_krw": {
        "ko": "아낀 요금은 기준 사용량과 실제 사용량의 요금 차이입니다. 전기는 한전 주택용 누진 요금(7·8월 여름 구간, 기후환경·연료비조정요금, 부가세, 전력기금 포함)으로 가구마다, 달마다 요금을 따로 계산했고, 가스는 서울시 주택용 도시가스 요금(부가세 포함)입니다. 요금표와 출처는 '환산계수·요금' 화면에 있습니다.",
        "en": "Money saved is the difference between the bills of the baseline use and of the actual use. Electricity is billed with KEPCO's progressive residential tiers (summer tiers in July and August, climate and fuel-cost charges, VAT, power-fund levy) for each household's month on its own; gas at Seoul's residential city-gas price with VAT. The tables and their sources are under 'Factors and tariffs'.",
    },
    "townhall.krw_indicative": {
        "ko": "{carriers}: 어림 단가",
        "en": "{carriers} at indicative prices",
    },
    "townhall.notes_programme_year": {
        "ko": "연차는 {year}년에 각 마을이 몇 년째였는지(선정 연도 = 1년차, 4년차부터 졸업)입니다.",
        "en": "Programme year: which year each village was in during {year} (its selection year is year 1; graduated from year 4).",
    },
    "townhall.notes_combined": {
        "ko": "전기·가스·지역난방을 TOE로 합친 절감률: {values}.",
        "en": "Combined saving (electricity, gas, district heat in TOE): {values}.",
    },
    "townhall.notes_renewables": {
        "ko": "발전량: 계량값이 있는 달은 계량값, 없는 달은 설치 용량으로 추정(1W당 월 0.096kWh). 자립률 = 재생에너지 발전량 ÷ 같은 가구의 전기 사용량.",
        "en": "Generation: metered where logged, otherwise estimated from capacity (0.096 kWh per W per month). Self-reliance = renewable kWh ÷ the same households' electricity kWh.",
    },
    "townhall.notes_map": {
        "ko": "타일은 자치구의 대략적인 위치입니다. 숫자는 {date} 현재 활동 중인 마을 수입니다.",
        "en": "Tiles sit roughly where the districts lie. Numbers: villages active on {date}.",
    },
    "townhall.notes_not_recorded": {
        "ko": "이 슬라이드는 해당 기능이 자료를 기록하기 시작하면 자동으로 채워집니다. 그 전에는 숫자를 보여 주지 않습니다.",
        "en": "This slide fills itself in once that capability records its data. Until then it shows no number.",
    },
    "townhall.notes_story": {
        "ko": "{year}년, {attribution}의 말. 담당자가 고른 마을 이야기입니다.",
        "en": "{year}, in the words of {attribution}. Chosen by programme staff.",
    },
    "townhall.notes_withheld": {
        "ko": "참여 가구가 {n}곳 미만인 마을의 이야기 {count}편은 보여 주지 않았습니다.",
        "en": "{count} stories of villages with fewer than {n} households were left out.",
    },
    "townhall.notes_heading": {"ko": "발표 메모", "en": "Speaker notes"},
    "townhall.page_footer": {
        "ko": "서울 에너지자립마을 · {year} 타운홀",
        "en": "Seoul Energy Villages · town hall {year}",
    },
    # --- one village's summary ---
    "townhall.sheet_title": {"ko": "{village} · {year}년 요약", "en": "{village} · {year} summary"},
    "townhall.sheet_facts": {
        "ko": "{district} · {cohort}년 선정 · {stage} · 참여 {n}가구",
        "en": "{district} · selected {cohort} · {stage} · {n} households",
    },
    "townhall.sheet_savings": {
        "ko": "절감 성과 (에코마일리지 방식)",
        "en": "Savings (eco-mileage method)",
    },
    "townhall.sheet_carrier_line": {
        "ko": "{carrier}: {pct} 절감 ({saving} {unit}), 자료 충족률 {coverage}",
        "en": "{carrier}: {pct} saved ({saving} {unit}), data coverage {coverage}",
    },
    "townhall.sheet_carrier_more": {
        "ko": "{carrier}: {pct} 더 사용 ({saving} {unit} 증가), 자료 충족률 {coverage}",
        "en": "{carrier}: {pct} more used ({saving} {unit} up), data coverage {coverage}",
    },
    "townhall.sheet_no_cells": {
        "ko": "{carrier}: 비교할 자료 없음",
        "en": "{carrier}: nothing to compare",
    },
    "townhall.sheet_generation": {"ko": "태양광", "en": "Solar"},
    "townhall.sheet_stories": {"ko": "마을의 말", "en": "In their words"},
    # --- stories editor (staff) ---
    "townhall.stories_editor": {"ko": "마을 이야기 관리", "en": "Villages' stories"},
    "townhall.stories_editor_note": {
        "ko": "타운홀에서 보여 줄 마을의 말을 고릅니다. 말한 사람은 개인 이름이 아니라 모임 이름(예: 성대골 마을 주민위원회)으로 적어 주세요. 참여 가구가 {n}곳 미만인 마을의 이야기는 발표에 나오지 않습니다.",
        "en": "Choose villages' own words for the town hall. Attribute them to a group (e.g. the Sungdaegol residents' committee), never a person. Stories of villages with fewer than {n} households are not shown.",
    },
    "townhall.story_add": {"ko": "이야기 추가", "en": "Add a story"},
    "townhall.story_added": {
        "ko": "{village} 이야기를 추가했습니다.",
        "en": "Story of {village} added.",
    },
    "townhall.story_saved": {"ko": "이야기를 저장했습니다.", "en": "Story saved."},
    "townhall.story_deleted": {"ko": "이야기를 지웠습니다.", "en": "Story removed."},
    "townhall.story_delete": {"ko": "지우기", "en": "Remove"},
    "townhall.story_edit": {"ko": "고치기", "en": "Edit"},
    "townhall.story_none": {"ko": "아직 이야기가 없습니다.", "en": "No stories yet."},
    "field.quote_ko": {"ko": "마을의 말 (한국어)", "en": "Quote (Korean)"},
    "field.quote_en": {"ko": "마을의 말 (영어, 선택)", "en": "Quote (English, optional)"},
    "field.attribution_ko": {"ko": "말한 모임 (한국어)", "en": "Attribution (Korean)"},
    "field.attribution_en": {
        "ko": "말한 모임 (영어, 선택)",
        "en": "Attribution (English, optional)",
    },
    "field.year": {"ko": "연도", "en": "Year"},
    "field.position": {"ko": "순서", "en": "Order"},
    "field.min_households": {"ko": "최소 가구 수", "en": "Minimum households"},
    # --- errors ---
    "error.townhall_year": {
        "ko": "연도는 {first}년부터 {last}년 사이여야 합니다.",
        "en": "The year must be between {first} and {last}.",
    },
    "error.townhall_small_village": {
        "ko": "참여 가구가 {n}곳 미만인 마을은 따로 보여 드리지 않습니다.",
        "en": "A village with fewer than {n} households is not shown on its own.",
    },
    "error.townhall_not_yet_selected": {
        "ko": "{year}년에는 아직 선정되지 않은 마을입니다.",
        "en": "The village had not been selected by {year}.",
    },
    "error.deck_format": {
        "ko": "파일 이름은 .pptx 또는 .pdf로 끝나야 합니다: {name}",
        "en": "The output file must end in .pptx or .pdf: {name}",
    },
    "error.deck_village_pdf": {
        "ko": "마을 요약은 PDF(.pdf)로만 만듭니다: {name}",
        "en": "A village summary is written as a PDF (.pdf): {name}",
    },
    "error.deck_font_missing": {
        "ko": "한글 글꼴(Noto Sans CJK)을 찾을 수 없습니다: {path}. 'apt-get install fonts-noto-cjk'로 설치하세요.",
        "en": "The Korean font (Noto Sans CJK) is missing: {path}. Install it with 'apt-get install fonts-noto-cjk'.",
    },
    "error.story_year": {
        "ko": "이야기 연도는 {first}년부터 {last}년 사이여야 합니다.",
        "en": "The story's year must be between {first} and {last}.",
    },
    "error.unknown_story": {
        "ko": "그런 이야기가 없습니다 (번호 {id}).",
        "en": "No such story (number {id}).",
    },
}
