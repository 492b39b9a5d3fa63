"""Messages: a forgotten password — the login screen's request, the mailed link, the new
password, their errors and their audit entries."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- asking for a link on the login screen -------------------------------------------------
    "reset.forgot": {"ko": "비밀번호를 잊으셨나요?", "en": "Forgot your password?"},
    "reset.ask_help": {
        "ko": "아이디나 계정에 등록한 전자우편 주소를 입력하세요. 비밀번호를 새로 정할 수 있는 링크를 메일로 보내 드립니다.",
        "en": "Enter your username or the e-mail address of your account. We will mail you a link to set a new password.",
    },
    "reset.name_or_address": {
        "ko": "아이디 또는 전자우편 주소",
        "en": "Username or e-mail address",
    },
    "reset.ask_submit": {"ko": "링크 보내기", "en": "Send me a link"},
    "reset.asked": {
        "ko": "요청을 받았습니다. 입력한 아이디나 주소의 계정에 전자우편 주소가 등록되어 있으면 몇 분 안에 링크가 도착합니다. 링크는 30분 동안 한 번만 쓸 수 있습니다. 메일이 오지 않으면 스팸함을 확인하거나 구청 또는 서울시 에너지정책과에 문의하세요.",
        "en": "Thank you. If an account with that username or address has an e-mail address, a link is on its way and arrives within a few minutes. It works once, for 30 minutes. If nothing arrives, look in your spam folder or contact your district office or the city's Energy Policy Division.",
    },
    "reset.limited": {
        "ko": "이곳에서 요청이 너무 많았습니다. {minutes}분 뒤에 다시 시도하세요.",
        "en": "Too many requests from here. Try again in {minutes} minutes.",
    },
    "reset.mail_off": {
        "ko": "이 시스템은 아직 메일을 보내지 않습니다. 비밀번호를 잊었다면 구청 또는 서울시 에너지정책과에 문의해 새 비밀번호를 받으세요.",
        "en": "This system does not send mail yet. If you forgot your password, contact your district office or the city's Energy Policy Division for a new one.",
    },
    # --- the link: a new password ----------------------------------------------------------------
    "reset.new_title": {"ko": "새 비밀번호 정하기", "en": "Set a new password"},
    "reset.new_for": {
        "ko": "아이디 **{username}**의 새 비밀번호를 두 번 입력하세요. 10자 이상으로, 남이 짐작하기 어렵게 정하세요.",
        "en": "Type the new password of **{username}** twice. Use at least 10 characters that others cannot guess.",
    },
    "reset.new_password": {"ko": "새 비밀번호", "en": "New password"},
    "reset.new_again": {"ko": "새 비밀번호 확인", "en": "New password again"},
    "reset.new_submit": {"ko": "새 비밀번호 저장", "en": "Save the new password"},
    "reset.mismatch": {
        "ko": "두 비밀번호가 다릅니다. 같은 비밀번호를 두 번 입력하세요.",
        "en": "The two passwords differ. Type the same password twice.",
    },
    "reset.done": {
        "ko": "새 비밀번호를 저장했습니다. 이제 새 비밀번호로 로그인하세요.",
        "en": "Your new password is saved. Log in with it now.",
    },
    "reset.ask_again": {"ko": "새 링크 받기", "en": "Ask for a new link"},
    "reset.back_to_login": {"ko": "로그인 화면으로", "en": "Back to the login"},
    # --- the mail ---------------------------------------------------------------------------------
    "reset.mail_subject": {"ko": "비밀번호 재설정 링크", "en": "A link to reset your password"},
    "reset.mail_body": {
        "ko": "아이디 {username}의 비밀번호를 새로 정하고 싶다는 요청을 받았습니다. 아래 링크를 열어 새 비밀번호를 정하세요. 링크는 {minutes}분 동안 한 번만 쓸 수 있습니다.",
        "en": "Someone asked to set a new password for the username {username}. Open the link below to choose one. The link works once, for {minutes} minutes.",
    },
    "reset.mail_not_you": {
        "ko": "직접 요청하지 않았다면 이 메일을 무시하세요. 비밀번호는 그대로입니다.",
        "en": "If you did not ask for this, ignore this message: your password stays as it is.",
    },
    "reset.mail_link": {"ko": "새 비밀번호 정하기", "en": "Set a new password"},
    # --- errors -------------------------------------------------------------------------------------
    "error.reset_mail_off": {
        "ko": "이 시스템은 메일을 보내지 않습니다. 구청 또는 서울시 에너지정책과에 문의해 새 비밀번호를 받으세요.",
        "en": "This system does not send mail. Contact your district office or the city's Energy Policy Division for a new password.",
    },
    "error.reset_missing": {
        "ko": "아이디나 전자우편 주소를 입력하세요.",
        "en": "Enter your username or e-mail address.",
    },
    "error.reset_link_unknown": {
        "ko": "이 링크는 유효하지 않습니다. 메일의 링크를 빠짐없이 열었는지 확인하거나 새 링크를 받으세요.",
        "en": "This link is not valid. Check that you opened the whole link from the mail, or ask for a new one.",
    },
    "error.reset_link_used": {
        "ko": "이 링크는 이미 사용되었습니다. 비밀번호를 다시 바꾸려면 새 링크를 받으세요.",
        "en": "This link has been used already. To change the password again, ask for a new link.",
    },
    "error.reset_link_expired": {
        "ko": "이 링크는 만료되었습니다(30분 동안만 쓸 수 있음). 새 링크를 받으세요.",
        "en": "This link has expired (it works for 30 minutes). Ask for a new one.",
    },
    "error.reset_link_replaced": {
        "ko": "더 최근에 보낸 링크가 있어 이 링크는 더 이상 쓸 수 없습니다. 가장 최근 메일의 링크를 여세요.",
        "en": "A newer link was sent since, so this one no longer works. Open the link in the latest mail.",
    },
    # --- the audit log ------------------------------------------------------------------------------
    "audit.action.reset_requested": {
        "ko": "비밀번호 재설정 요청",
        "en": "Password reset asked for",
    },
    "audit.action.reset_refused": {
        "ko": "비밀번호 재설정 요청 거절",
        "en": "Password reset request refused",
    },
    "audit.action.reset_completed": {"ko": "비밀번호 재설정", "en": "Password reset by link"},
    "audit.say.reset_mailed": {
        "ko": "'{name}'의 비밀번호 재설정 링크를 요청받아 메일로 보냈습니다(접속처 {client}).",
        "en": "A password reset link for '{name}' was asked for and mailed (client {client}).",
    },
    "audit.say.reset_not_mailed": {
        "ko": "'{name}'의 비밀번호 재설정 링크를 요청받았지만 보내지 않았습니다(그런 계정이 없거나, 주소가 없거나, 쓸 수 없는 계정이거나, 요청이 너무 많음; 접속처 {client}).",
        "en": "A password reset link for '{name}' was asked for but not sent (no such account, no address, a disabled account, or too many requests; client {client}).",
    },
    "audit.say.reset_refused": {
        "ko": "접속처 {client}에서 '{name}'의 비밀번호 재설정을 요청했지만 거절했습니다(요청이 너무 많음).",
        "en": "A password reset for '{name}' from client {client} was refused (too many requests).",
    },
    "audit.say.reset_completed": {
        "ko": "'{name}'{name|이} 메일로 받은 링크로 비밀번호를 새로 정했습니다(접속처 {client}).",
        "en": "'{name}' set a new password with a mailed link (client {client}).",
    },
}
