"""Messages: the audit log's vocabulary (actions and the things they change)."""

MESSAGES: dict[str, dict[str, str]] = {
    "action.create": {"ko": "추가", "en": "Created"},
    "action.update": {"ko": "수정", "en": "Changed"},
    "action.delete": {"ko": "삭제", "en": "Deleted"},
    "action.login": {"ko": "로그인", "en": "Logged in"},
    "action.login_failed": {"ko": "로그인 실패", "en": "Failed login"},
    "action.login_locked": {
        "ko": "잠긴 곳에서 다시 로그인 시도",
        "en": "Login tried while locked out",
    },
    "action.lockout": {
        "ko": "로그인 잠금(실패가 많은 곳)",
        "en": "Locked out (too many failures from one place)",
    },
    "action.demo_loaded": {"ko": "시연 데이터 적재", "en": "Demo data loaded"},
    "action.backup": {"ko": "백업", "en": "Backup"},
    "action.restore": {"ko": "복원", "en": "Restore"},
    "action.import_readings": {"ko": "사용량 저장", "en": "Readings saved"},
    "entity.users": {"ko": "사용자", "en": "Users"},
    "entity.villages": {"ko": "마을", "en": "Villages"},
    "entity.village_status_changes": {"ko": "마을 상태 이력", "en": "Village status"},
    "entity.store": {"ko": "데이터베이스", "en": "Store"},
    "entity.app_settings": {"ko": "설정", "en": "Settings"},
    "entity.households": {"ko": "가구", "en": "Households"},
    "entity.generation_units": {"ko": "발전 설비", "en": "Generation"},
    "entity.reading_batches": {"ko": "사용량 저장 묶음", "en": "Reading batches"},
    "entity.conversion_factors": {"ko": "환산계수", "en": "Conversion factors"},
    "entity.tariffs": {"ko": "요금", "en": "Tariffs"},
}
