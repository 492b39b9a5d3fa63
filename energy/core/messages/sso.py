"""Messages: logging in with the city account (the identity provider's single sign-on)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the login screen ---------------------------------------------------------------------
    "login.sso.button": {"ko": "서울시 계정으로 로그인", "en": "Log in with the city account"},
    "login.sso.who": {
        "ko": "시 담당자, 심사위원, 강사와 타운홀 계정은 서울시 계정으로 로그인합니다.",
        "en": "City staff, reviewers, trainers and the town hall log in with the city account.",
    },
    "login.sso.or_password": {
        "ko": "주민위원회와 공모 신청 단체는 아이디와 비밀번호로 로그인합니다.",
        "en": "Resident committees and applicant groups log in with their username and password.",
    },
    # --- why a login with the city account was refused (energy.accounts.sso) -------------------
    "login.sso.no_subject": {
        "ko": "서울시 계정 로그인에서 누구인지 확인하지 못했습니다. 다시 시도하고, 계속 안 되면 서울시 에너지정책과에 문의하세요.",
        "en": "The city account login did not say who you are. Try again; if it keeps failing, ask the city's Energy Policy Division.",
    },
    "login.sso.unknown": {
        "ko": "이 서울시 계정({account})과 연결된 계정이 없습니다. 이 앱을 써야 한다면 서울시 에너지정책과에 계정을 요청하세요.",
        "en": "No account in this app belongs to this city account ({account}). If you need to use the app, ask the city's Energy Policy Division for an account.",
    },
    "login.sso.other_identity": {
        "ko": "이 주소({account})의 계정은 다른 서울시 계정과 연결되어 있습니다. 서울시 에너지정책과에 확인을 요청하세요.",
        "en": "The account with this address ({account}) is linked to another city account. Ask the city's Energy Policy Division to check it.",
    },
    "login.sso.disabled": {
        "ko": "이 계정은 사용이 중지되었습니다. 다시 써야 한다면 서울시 에너지정책과에 문의하세요.",
        "en": "This account is disabled. If you need it again, ask the city's Energy Policy Division.",
    },
    "login.sso.password_only": {
        "ko": "주민위원회와 공모 신청 단체의 계정은 서울시 계정으로 로그인하지 않습니다. '{name}' 계정은 아래에서 아이디와 비밀번호로 로그인하세요.",
        "en": "Resident committee and applicant accounts do not log in with the city account: log in as '{name}' with its username and password below.",
    },
    "login.sso.logged_out": {
        "ko": "이 브라우저에서 서울시 계정 로그인을 해제했습니다. 다른 계정으로 다시 시도할 수 있습니다.",
        "en": "The city account was logged out in this browser, so you can try another one.",
    },
    # --- the audit log -----------------------------------------------------------------------------
    "audit.say.login_sso": {
        "ko": "{who}{who|이} 서울시 계정으로 로그인했습니다.",
        "en": "{who} logged in with the city account.",
    },
    "audit.say.login_sso_refused": {
        "ko": "서울시 계정 '{name}'의 로그인을 거절했습니다({reason}).",
        "en": "A login with the city account as '{name}' was refused ({reason}).",
    },
    "audit.sso_refused.no_subject": {
        "ko": "로그인 정보에 식별자가 없음",
        "en": "the login named no subject",
    },
    "audit.sso_refused.unknown": {
        "ko": "연결된 계정도, 확인된 같은 주소의 계정도 없음",
        "en": "no account is linked to it or has its verified address",
    },
    "audit.sso_refused.other_identity": {
        "ko": "같은 주소의 계정이 다른 서울시 계정과 연결됨",
        "en": "the account with its address is linked to another city account",
    },
    "audit.sso_refused.disabled": {"ko": "사용이 중지된 계정", "en": "the account is disabled"},
    "audit.sso_refused.password_only": {
        "ko": "주민위원회·신청 단체 계정은 비밀번호로 로그인함",
        "en": "committee and applicant accounts log in with a password",
    },
    "audit.say.identity_linked": {
        "ko": "{thing} 계정을 서울시 계정과 연결했습니다.",
        "en": "The account of {thing} was linked to a city account.",
    },
    "audit.say.identity_unlinked": {
        "ko": "{thing} 계정과 서울시 계정의 연결을 풀었습니다.",
        "en": "The account of {thing} was unlinked from its city account.",
    },
    "audit.field.oidc_subject": {"ko": "서울시 계정 식별자", "en": "City account (subject)"},
    # --- errors ------------------------------------------------------------------------------------
    "error.subject_taken": {
        "ko": "이 서울시 계정은 이미 다른 계정과 연결되어 있습니다.",
        "en": "This city account is linked to another account already.",
    },
    "error.subject_or_clear": {
        "ko": "서울시 계정 식별자를 주거나 --clear를 쓰세요(둘 중 하나만).",
        "en": "Give a city account subject or --clear (one of the two).",
    },
}
