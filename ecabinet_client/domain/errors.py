"""Errors of the domain, with their messages in Vietnamese (default) and English.

The service answers ``{"error": {"code": ..., "message": ..., "params": {...}}}``; the message is
rendered in the caller's language, and clients may render the code themselves.
"""

from __future__ import annotations

from typing import Any

DEFAULT_LANGUAGE = "vi"

MESSAGES: dict[str, dict[str, str]] = {
    "bad_request": {
        "vi": "Yêu cầu không hợp lệ: {detail}",
        "en": "Invalid request: {detail}",
    },
    "too_large": {
        "vi": "Yêu cầu quá lớn (tối đa {limit} byte).",
        "en": "The request is too large (at most {limit} bytes).",
    },
    "not_authenticated": {
        "vi": "Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.",
        "en": "You are not signed in or your session has expired. Please sign in again.",
    },
    "bad_credentials": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "en": "Wrong username or password.",
    },
    "too_many_attempts": {
        "vi": "Đăng nhập sai quá nhiều lần. Hãy thử lại sau {seconds} giây.",
        "en": "Too many failed sign-ins. Try again in {seconds} seconds.",
    },
    "password_expired": {
        "vi": "Mật khẩu đã quá hạn {days} ngày theo quy chế. Hãy đổi mật khẩu để tiếp tục.",
        "en": "Your password is older than the {days} days the regulation allows. Change it to continue.",
    },
    "weak_password": {
        "vi": "Mật khẩu mới phải có ít nhất {min_length} ký tự và khác mật khẩu cũ.",
        "en": "The new password must have at least {min_length} characters and differ from the old one.",
    },
    "device_revoked": {
        "vi": "Thiết bị này đã bị thu hồi quyền truy cập. Hãy liên hệ quản trị.",
        "en": "This device's access has been revoked. Contact your administrator.",
    },
    "account_disabled": {
        "vi": "Tài khoản đã bị khóa. Hãy liên hệ quản trị.",
        "en": "This account is disabled. Contact your administrator.",
    },
    "forbidden": {
        "vi": "Bạn không có quyền thực hiện thao tác này.",
        "en": "You are not allowed to do this.",
    },
    "not_found": {
        "vi": "Không tìm thấy {what}.",
        "en": "{what} not found.",
    },
    "version_conflict": {
        "vi": "Dữ liệu đã được người khác thay đổi (phiên bản {current}, bạn sửa từ phiên bản {base}). Hãy xem lại.",
        "en": "Someone else changed this (version {current}; you edited version {base}). Please review it.",
    },
    "invalid_state": {
        "vi": "Không thể thực hiện khi cuộc họp đang ở trạng thái \"{state}\".",
        "en": "Not possible while the meeting is \"{state}\".",
    },
    "response_deadline_passed": {
        "vi": "Đã quá hạn phản hồi ({deadline}): theo quy chế, phản hồi chậm nhất {rule} trước giờ họp.",
        "en": "The response deadline ({deadline}) has passed: the regulation requires a response at least {rule} before the meeting.",
    },
    "approval_deadline_passed": {
        "vi": "Đã quá hạn phê duyệt ({deadline}): theo quy chế, cuộc họp phải được duyệt chậm nhất {rule} trước giờ họp.",
        "en": "The approval deadline ({deadline}) has passed: the regulation requires approval at least {rule} before the meeting.",
    },
    "reason_required": {
        "vi": "Hãy nêu lý do từ chối tham dự.",
        "en": "Please give a reason for declining.",
    },
    "substitute_other_organisation": {
        "vi": "Người dự thay phải cùng cơ quan với người được mời.",
        "en": "The substitute must belong to the same organisation as the invitee.",
    },
    "substitute_invalid": {
        "vi": "Không thể cử người này dự thay.",
        "en": "This person cannot be sent as a substitute.",
    },
    "classified_document": {
        "vi": "Tài liệu có độ mật \"{classification}\" không được đưa lên hệ thống (tài liệu MẬT trở lên bị cấm).",
        "en": "A document classified \"{classification}\" must not be put on the system (MẬT or above is forbidden).",
    },
    "blob_missing": {
        "vi": "Tệp tài liệu chưa được tải lên máy chủ.",
        "en": "The document's file has not been uploaded to the server.",
    },
    "hash_mismatch": {
        "vi": "Nội dung tệp không khớp mã băm SHA-256 đã khai báo.",
        "en": "The file's bytes do not match the declared SHA-256.",
    },
    "poll_not_open": {
        "vi": "Biểu quyết này không mở (đã đóng hoặc chưa bắt đầu).",
        "en": "This vote is not open (it has closed or not started).",
    },
    "not_eligible": {
        "vi": "Bạn không thuộc danh sách được biểu quyết.",
        "en": "You are not eligible to vote on this.",
    },
    "already_voted": {
        "vi": "Bạn đã biểu quyết.",
        "en": "You have already voted.",
    },
    "invalid_choice": {
        "vi": "Lựa chọn không hợp lệ.",
        "en": "Invalid choice.",
    },
    "checkin_code_invalid": {
        "vi": "Mã điểm danh không đúng hoặc đã hết hạn. Hãy quét lại mã trên màn hình.",
        "en": "The check-in code is wrong or has expired. Scan the code on the screen again.",
    },
    "not_invited": {
        "vi": "Bạn không có tên trong danh sách đại biểu của cuộc họp này.",
        "en": "You are not on this meeting's list of attendees.",
    },
    "not_checked_in": {
        "vi": "Bạn chưa được điểm danh có mặt nên chưa thể biểu quyết.",
        "en": "You are not checked in as present, so you cannot vote yet.",
    },
    "invalid_poll_state": {
        "vi": "Không thể thực hiện khi biểu quyết đang ở trạng thái \"{state}\".",
        "en": "Not possible while the vote is \"{state}\".",
    },
    "secret_poll_no_change": {
        "vi": "Biểu quyết kín không cho phép thay đổi lựa chọn.",
        "en": "A secret vote cannot allow changing one's choice.",
    },
    "analog_counts_invalid": {
        "vi": "Tổng số phiếu ({total}) vượt quá số đại biểu có mặt ({present}).",
        "en": "The total of the counts ({total}) is more than the number of members present ({present}).",
    },
    "speaker_request_exists": {
        "vi": "Bạn đã đăng ký phát biểu cho nội dung này và đang chờ đến lượt.",
        "en": "You have already asked to speak on this item and are waiting for your turn.",
    },
    "speaker_request_closed": {
        "vi": "Lượt đăng ký phát biểu này đã kết thúc hoặc đã được rút.",
        "en": "This request to speak has ended or been withdrawn.",
    },
    "comment_withdrawn": {
        "vi": "Góp ý này đã được tác giả rút lại nên không thể thay đổi.",
        "en": "This comment has been withdrawn by its author, so it cannot be changed.",
    },
    "comment_resolved": {
        "vi": "Góp ý này đã được giải quyết nên không thể chuyển chỗ. Hãy mở lại góp ý trước.",
        "en": "This comment is resolved, so it cannot be moved. Reopen it first.",
    },
    "comment_not_movable": {
        "vi": "Chỉ chuyển được góp ý gắn trên tài liệu, sang chỗ khác trong cùng tài liệu và giữ nguyên loại đánh dấu.",
        "en": "Only a comment on a document can be moved, within the same document and keeping its kind of mark.",
    },
    "opinion_poll_closed": {
        "vi": "Phiếu lấy ý kiến đã hết hạn trả lời ({deadline}).",
        "en": "This opinion poll closed at {deadline}.",
    },
    "unknown_mutation": {
        "vi": "Thao tác không được hỗ trợ: {name}.",
        "en": "Unsupported operation: {name}.",
    },
    "must_refetch": {
        "vi": "Dữ liệu cục bộ quá cũ, cần đồng bộ lại toàn bộ.",
        "en": "Local data is too old; a full re-sync is needed.",
    },
    "internal": {
        "vi": "Lỗi máy chủ. Thao tác chưa được thực hiện; hãy thử lại sau.",
        "en": "Server error. Nothing was changed; please try again later.",
    },
}


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, params: dict[str, Any] | None = None, language: str = DEFAULT_LANGUAGE) -> str:
    """The user-facing message of an error code, in ``language`` (``vi`` or ``en``)."""
    templates = MESSAGES.get(code) or MESSAGES["internal"]
    template = templates.get(language) or templates[DEFAULT_LANGUAGE]
    return template.format_map(_SafeDict(params or {}))


def pick_language(accept_language: str | None) -> str:
    """``vi`` unless the caller prefers English (an Accept-Language header or a setting)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("vi"):
            return "vi"
        if tag.startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


class DomainError(Exception):
    """A rule said no. ``status`` is the HTTP status the service answers with."""

    def __init__(self, code: str, status: int = 400, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.params = params

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        return render(self.code, self.params, language)

    def to_json(self, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        return {"code": self.code, "message": self.message(language), "params": self.params}

    def __str__(self) -> str:  # pragma: no cover - for logs
        return f"{self.code}: {self.message('en')}"
