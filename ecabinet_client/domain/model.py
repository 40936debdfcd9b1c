"""Enumerations of the domain, with the Vietnamese terms of the regulations."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # Quản trị
    REGISTRAR = "registrar"  # Người đăng ký cuộc họp
    APPROVER = "approver"  # Người phê duyệt
    CHAIR = "chair"  # Chủ trì / chủ tọa
    SECRETARY = "secretary"  # Thư ký
    DELEGATE = "delegate"  # Đại biểu
    UNIT_REPRESENTATIVE = "unit_representative"  # Đại diện đơn vị
    ASSISTANT = "assistant"  # Trợ lý


class MeetingKind(StrEnum):
    REGULAR = "regular"  # Họp thường kỳ
    URGENT = "urgent"  # Họp đột xuất / khẩn


class MeetingState(StrEnum):
    DRAFT = "draft"  # Nháp
    AWAITING_APPROVAL = "awaiting_approval"  # Chờ phê duyệt
    APPROVED = "approved"  # Đã duyệt (sắp diễn ra)
    REJECTED = "rejected"  # Bị từ chối
    ONGOING = "ongoing"  # Đang diễn ra
    ENDED = "ended"  # Đã kết thúc
    CANCELLED = "cancelled"  # Đã hủy


class InvitationState(StrEnum):
    PENDING = "pending"  # Chưa phản hồi
    CONFIRMED = "confirmed"  # Xác nhận tham dự
    DECLINED = "declined"  # Từ chối (có lý do)
    DELEGATED = "delegated"  # Cử người dự thay


class Classification(StrEnum):
    """Độ mật. Documents at MẬT or above must not be put on the system (004 Art.5.1, 5.2)."""

    UNCLASSIFIED = "unclassified"  # Thường
    RESTRICTED = "restricted"  # Hạn chế phổ biến / lưu hành nội bộ
    SECRET = "secret"  # Mật
    TOP_SECRET = "top_secret"  # Tối mật
    ULTRA_SECRET = "ultra_secret"  # Tuyệt mật
    MANAGED_AS_SECRET = "managed_as_secret"  # chưa phân loại nhưng quản lý như mật

    @property
    def allowed_on_system(self) -> bool:
        return self in (Classification.UNCLASSIFIED, Classification.RESTRICTED)


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"
    LEFT = "left"


class PollState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    PUBLISHED = "published"


class Majority(StrEnum):
    SIMPLE_PRESENT = "simple_present"  # quá nửa số có mặt
    SIMPLE_ALL = "simple_all"  # quá nửa tổng số thành viên
    TWO_THIRDS_PRESENT = "two_thirds_present"
    TWO_THIRDS_ALL = "two_thirds_all"


class SpeakerState(StrEnum):
    QUEUED = "queued"
    SPEAKING = "speaking"
    DONE = "done"
    WITHDRAWN = "withdrawn"


# Meetings a chair/secretary/registrar/approver *runs* (as opposed to attends).
RUNNING_ROLES = ("chair_id", "secretary_id", "approver_id", "registrar_id")
