"""The synced data model, declared once for the service and the client.

Every synced table has the same bookkeeping columns (``id``, ``tenant_id``, ``seq``, ``version``,
``deleted``, ``updated_at``) and a *scope* that says who may see its rows:

``tenant``   every signed-in user of the tenant (organisations, units, people's public profile);
``meeting``  users who have access to ``meeting_id`` (see ``access`` in the service);
``owner``    only the user named in ``owner_column`` (private notes, own ballots, notifications);
``audience`` users listed in the JSON array ``audience`` or who created the row (opinion polls).

The service builds SQLAlchemy tables from this module; the client builds its SQLite tables from it.
Nothing here imports Qt, SQLAlchemy or sqlite-utils.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds: "text", "int", "real", "json" (stored as TEXT holding JSON), "bool" (stored as INTEGER 0/1).
BOOKKEEPING = {
    "id": "text",  # client- or service-made UUID (hex), primary key
    "tenant_id": "text",
    "seq": "int",  # the tenant's change counter at the row's last write
    "version": "int",  # 1 on insert, +1 on every write; base_version of versioned writes
    "deleted": "bool",  # tombstone
    "updated_at": "text",  # ISO 8601 UTC, informative only: ordering is by seq
}


@dataclass(frozen=True)
class TableSpec:
    name: str
    scope: str  # "tenant" | "meeting" | "owner" | "audience"
    columns: dict[str, str]
    owner_column: str | None = None
    # Columns the service never sends to clients (for example a password hash).
    private_columns: frozenset[str] = field(default_factory=frozenset)
    doc: str = ""

    @property
    def all_columns(self) -> dict[str, str]:
        return {**BOOKKEEPING, **self.columns}

    @property
    def public_columns(self) -> dict[str, str]:
        return {k: v for k, v in self.all_columns.items() if k not in self.private_columns}


def _t(table, scope, doc, owner_column=None, private=(), **columns) -> TableSpec:
    return TableSpec(
        name=table,
        scope=scope,
        columns=columns,
        owner_column=owner_column,
        private_columns=frozenset(private),
        doc=doc,
    )


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in [
        _t(
            "organisations",
            "tenant",
            "Cơ quan: a department, a district or commune People's Committee, a Party committee.",
            name="text",
            short_name="text",
            kind="text",  # department | district | commune | party | office
            parent_id="text",
        ),
        _t(
            "units",
            "tenant",
            "Đơn vị / phòng: a unit inside an organisation; invitations can be addressed to it.",
            organisation_id="text",
            name="text",
            parent_id="text",
        ),
        _t(
            "users",
            "tenant",
            "A person with an account. Roles are a JSON list of domain.model.Role values.",
            private=("password_hash",),
            organisation_id="text",
            unit_id="text",
            username="text",
            email="text",
            full_name="text",
            title="text",
            phone="text",
            photo_sha256="text",
            roles="json",
            active="bool",
            password_hash="text",
            password_changed_at="text",
        ),
        _t(
            "meetings",
            "meeting",
            "Cuộc họp. Versioned writes (base_version) for registrar/approver edits.",
            organisation_id="text",
            title="text",
            kind="text",  # regular | urgent
            state="text",  # draft | awaiting_approval | approved | rejected | ongoing | ended | cancelled
            starts_at="text",  # ISO 8601 with offset
            ends_at="text",
            room="text",
            description="text",
            chair_id="text",
            secretary_id="text",
            approver_id="text",
            registrar_id="text",
            current_agenda_item_id="text",
            state_reason="text",  # reason of a rejection or a cancellation
            approved_at="text",
            started_at="text",
            ended_at="text",
            checkin_secret="text",
            meeting_id="text",  # equal to id, so that every meeting-scoped table has the column
            private=("checkin_secret",),
        ),
        _t(
            "agenda_items",
            "meeting",
            "Nội dung / mục chương trình họp.",
            meeting_id="text",
            position="int",
            title="text",
            presenter_id="text",
            presenter_unit_id="text",
            duration_minutes="int",
            notes="text",
        ),
        _t(
            "invitations",
            "meeting",
            "Giấy mời: to a person (user_id) or to a unit (unit_id, then assigned_user_id).",
            meeting_id="text",
            user_id="text",
            unit_id="text",
            assigned_user_id="text",
            state="text",  # pending | confirmed | declined | delegated
            reason="text",  # required when declined
            substitute_id="text",  # when delegated
            responded_by="text",
            responded_at="text",
            attendee_role="text",  # delegate | chair | secretary | guest
        ),
        _t(
            "meeting_shares",
            "meeting",
            "A delegate shares a meeting with an assistant (trợ lý) who follows it for them.",
            meeting_id="text",
            owner_id="text",
            assistant_id="text",
        ),
        _t(
            "documents",
            "meeting",
            "Tài liệu họp: an immutable file referenced by its SHA-256.",
            meeting_id="text",
            agenda_item_id="text",
            name="text",
            sha256="text",
            size="int",
            mime="text",
            classification="text",  # domain.model.Classification
            uploaded_by="text",
            position="int",
        ),
        _t(
            "annotations",
            "owner",
            "Ghi chú cá nhân: a private note, highlight or ink, anchored to a document hash and page coordinates.",
            owner_column="owner_id",
            meeting_id="text",
            document_id="text",
            document_sha256="text",
            owner_id="text",
            kind="text",  # highlight | underline | strike | ink | rect | arrow | note
            page="int",
            data="json",  # geometry in PDF units, colour, width, text
        ),
        _t(
            "comments",
            "meeting",
            "Góp ý: a shared comment on the meeting, an agenda item or a document page; replies via parent_id.",
            meeting_id="text",
            agenda_item_id="text",
            document_id="text",
            document_sha256="text",
            page="int",
            anchor="json",
            parent_id="text",
            author_id="text",
            body="text",
            state="text",  # open | resolved | withdrawn
        ),
        _t(
            "checkins",
            "meeting",
            "Điểm danh: one row per meeting and person.",
            meeting_id="text",
            user_id="text",
            status="text",  # present | absent | excused | left
            method="text",  # qr | code | secretary
            arrived_at="text",
            left_at="text",
            note="text",
            recorded_by="text",
        ),
        _t(
            "polls",
            "meeting",
            "Biểu quyết: a vote on an agenda item. Results are computed by the service only.",
            meeting_id="text",
            agenda_item_id="text",
            question="text",
            options="json",  # list of option labels
            secret="bool",
            majority="text",  # simple_present | simple_all | two_thirds_present | two_thirds_all
            allow_change="bool",
            state="text",  # draft | open | closed | published
            opened_at="text",
            closed_at="text",
            votes_cast="int",  # participants so far (never who voted what when secret)
            result="json",  # tallies and outcome, filled when closed
            created_by="text",
        ),
        _t(
            "ballots",
            "owner",
            "A named ballot of an open (non-secret) vote. Secret votes keep no ballot rows at all: "
            "only anonymous tallies and a separate participation list (see service schema).",
            owner_column="voter_id",
            meeting_id="text",
            poll_id="text",
            voter_id="text",
            on_behalf_of="text",  # the member a substitute votes for
            choice="text",
        ),
        _t(
            "speaker_requests",
            "meeting",
            "Đăng ký phát biểu.",
            meeting_id="text",
            agenda_item_id="text",
            user_id="text",
            topic="text",
            state="text",  # queued | speaking | done | withdrawn
            position="real",
            requested_at="text",
            started_at="text",
            ended_at="text",
            limit_seconds="int",
        ),
        _t(
            "transcript_segments",
            "meeting",
            "An utterance transcribed by the secretary's client; corrections are new versions.",
            meeting_id="text",
            agenda_item_id="text",
            speaker_id="text",
            start_ms="int",
            end_ms="int",
            text="text",
            language="text",
        ),
        _t(
            "opinions",
            "meeting",
            "Ý kiến: an opinion of the meeting, typed or made from transcript segments.",
            meeting_id="text",
            agenda_item_id="text",
            speaker_id="text",
            text="text",
            segment_ids="json",
            recorded_by="text",
        ),
        _t(
            "conclusions",
            "meeting",
            "Kết luận: per agenda item (agenda_item_id set) or for the whole meeting.",
            meeting_id="text",
            agenda_item_id="text",
            text="text",
            author_id="text",
        ),
        _t(
            "opinion_polls",
            "audience",
            "Phiếu lấy ý kiến: consulting members outside a meeting.",
            organisation_id="text",
            title="text",
            description="text",
            document_ids="json",
            audience="json",  # list of user ids
            deadline="text",
            state="text",  # open | closed
            created_by="text",
        ),
        _t(
            "opinion_poll_answers",
            "owner",
            "A member's answer to an opinion poll (visible to its author; the poll's creator reads them via the service).",
            owner_column="user_id",
            poll_id="text",
            user_id="text",
            choice="text",
            comment="text",
        ),
        _t(
            "notifications",
            "owner",
            "Thông báo: a message for one user (new invitation, change, reminder).",
            owner_column="user_id",
            user_id="text",
            kind="text",
            meeting_id="text",
            params="json",
            read_at="text",
        ),
    ]
}

MEETING_SCOPED = tuple(n for n, s in TABLES.items() if s.scope == "meeting")
