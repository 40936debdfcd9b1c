"""Demo data for ``ecabinet-server --demo``: Tỉnh Hậu Giang, its offices and departments, ~30 people, two
weeks of meetings (last week to next week, Vietnam time, working hours) in every state, with agenda PDFs
made on the fly (PyMuPDF, real multi-page documents with Vietnamese text) and invitations in every state.

``seed_demo`` is idempotent: when the database already holds a tenant it writes nothing, and it always
returns the demo accounts so that they are printed on every start.
"""

from __future__ import annotations

import logging
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ecabinet_client.domain.checkin import checkin_id, opinion_answer_id
from ecabinet_client.domain.rules import VN_TZ, iso, utcnow

from . import seed
from .access import refresh_access
from .auth import hash_password
from .blobs import BlobStore
from .db import Database, Tx, blobs, new_id, secret_participants, secret_tallies, tenants
from .handlers_live import compute_result

log = logging.getLogger(__name__)

DEMO_PASSWORD = "Demo@2026"
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    ("daibieu", DEMO_PASSWORD, "delegate"),
    ("thuky", DEMO_PASSWORD, "secretary"),
    ("chutri", DEMO_PASSWORD, "chair"),
    ("pheduyet", DEMO_PASSWORD, "approver"),
    ("dangky", DEMO_PASSWORD, "registrar"),
    ("daidien", DEMO_PASSWORD, "unit_representative"),
    ("troly", DEMO_PASSWORD, "assistant"),
    ("quantri", DEMO_PASSWORD, "admin"),
]
TENANT_NAME = "Tỉnh Hậu Giang"
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# key: (name, short name, kind, [(unit key, unit name)])
ORGANISATIONS: dict[str, tuple[str, str, str, list[tuple[str, str]]]] = {
    "vp": ("Văn phòng UBND tỉnh", "VP UBND", "office", [
        ("tong_hop", "Phòng Tổng hợp"), ("kinh_te", "Phòng Kinh tế"), ("hc_tc", "Phòng Hành chính - Tổ chức")]),
    "stc": ("Sở Tài chính", "STC", "department", [
        ("ql_ns", "Phòng Quản lý ngân sách"), ("vp_stc", "Văn phòng Sở Tài chính"), ("tc_dt", "Phòng Tài chính đầu tư")]),
    "skhdt": ("Sở Kế hoạch và Đầu tư", "SKHĐT", "department", [
        ("th_qh", "Phòng Tổng hợp - Quy hoạch"), ("dkkd", "Phòng Đăng ký kinh doanh")]),
    "snv": ("Sở Nội vụ", "SNV", "department", [
        ("cchc", "Phòng Cải cách hành chính"), ("tcbc", "Phòng Tổ chức - Biên chế")]),
    "sgd": ("Sở Giáo dục và Đào tạo", "SGDĐT", "department", [("gdpt", "Phòng Giáo dục phổ thông")]),
    "sxd": ("Sở Xây dựng", "SXD", "department", [("qlxd", "Phòng Quản lý xây dựng")]),
    "stttt": ("Sở Thông tin và Truyền thông", "STTTT", "department", [
        ("cntt", "Phòng Bưu chính, Viễn thông và Công nghệ thông tin")]),
    "vt": ("UBND thành phố Vị Thanh", "UBND TP Vị Thanh", "district", [
        ("vp_vt", "Văn phòng HĐND và UBND thành phố"), ("tckh_vt", "Phòng Tài chính - Kế hoạch")]),
    "cta": ("UBND huyện Châu Thành A", "UBND H. Châu Thành A", "district", [
        ("vp_cta", "Văn phòng HĐND và UBND huyện")]),
}

# (username, full name, title, organisation, unit, roles)
PEOPLE: list[tuple[str, str, str, str, str, tuple[str, ...]]] = [
    ("chutri", "Nguyễn Hoàng Minh", "Chủ tịch UBND tỉnh", "vp", "tong_hop", ("chair", "delegate")),
    ("tuan.lv", "Lê Văn Tuấn", "Phó Chủ tịch Thường trực UBND tỉnh", "vp", "tong_hop", ("chair", "delegate")),
    ("hanh.ttm", "Trần Thị Mỹ Hạnh", "Phó Chủ tịch UBND tỉnh", "vp", "tong_hop", ("chair", "delegate")),
    ("pheduyet", "Phạm Quốc Khánh", "Chánh Văn phòng UBND tỉnh", "vp", "tong_hop", ("approver", "delegate")),
    ("dung.nt", "Ngô Thanh Dũng", "Phó Chánh Văn phòng UBND tỉnh", "vp", "kinh_te", ("approver", "delegate")),
    ("dangky", "Lê Thị Thu Hà", "Chuyên viên Phòng Tổng hợp", "vp", "tong_hop", ("registrar",)),
    ("thuky", "Phạm Thị Ngọc Hân", "Chuyên viên Phòng Tổng hợp, thư ký cuộc họp", "vp", "tong_hop", ("secretary",)),
    ("tri.hm", "Huỳnh Minh Trí", "Chuyên viên Phòng Kinh tế", "vp", "kinh_te", ("secretary", "registrar")),
    ("quantri", "Trần Văn Hùng", "Quản trị hệ thống", "vp", "hc_tc", ("admin",)),
    ("daibieu", "Huỳnh Văn Tài", "Giám đốc Sở Tài chính", "stc", "ql_ns", ("delegate",)),
    ("nam.lv", "Lý Văn Nam", "Phó Giám đốc Sở Tài chính", "stc", "ql_ns", ("delegate",)),
    ("thao.ntp", "Nguyễn Thị Phương Thảo", "Trưởng phòng Quản lý ngân sách", "stc", "ql_ns",
     ("delegate", "unit_representative")),
    ("troly", "Đặng Thị Mỹ Duyên", "Chuyên viên Văn phòng Sở Tài chính", "stc", "vp_stc", ("assistant",)),
    ("phong.tq", "Tô Quốc Phong", "Giám đốc Sở Kế hoạch và Đầu tư", "skhdt", "th_qh", ("delegate",)),
    ("linh.dtk", "Đỗ Thị Khánh Linh", "Phó Giám đốc Sở Kế hoạch và Đầu tư", "skhdt", "th_qh", ("delegate",)),
    ("daidien", "Võ Thị Kim Loan", "Trưởng phòng Tổng hợp - Quy hoạch", "skhdt", "th_qh",
     ("unit_representative", "delegate")),
    ("khang.bm", "Bùi Minh Khang", "Chuyên viên Phòng Tổng hợp - Quy hoạch", "skhdt", "th_qh", ("delegate",)),
    ("son.th", "Thái Hoàng Sơn", "Giám đốc Sở Nội vụ", "snv", "tcbc", ("delegate",)),
    ("nga.ltt", "Lâm Thị Thúy Nga", "Phó Giám đốc Sở Nội vụ", "snv", "tcbc", ("delegate",)),
    ("vu.ph", "Phan Hoàng Vũ", "Trưởng phòng Cải cách hành chính", "snv", "cchc", ("delegate", "unit_representative")),
    ("thu.dtm", "Dương Thị Minh Thư", "Giám đốc Sở Giáo dục và Đào tạo", "sgd", "gdpt", ("delegate",)),
    ("hieu.cv", "Cao Văn Hiếu", "Phó Giám đốc Sở Giáo dục và Đào tạo", "sgd", "gdpt", ("delegate",)),
    ("kiet.ta", "Trịnh Anh Kiệt", "Giám đốc Sở Xây dựng", "sxd", "qlxd", ("delegate",)),
    ("my.nt", "Nguyễn Thị Mỹ", "Phó Giám đốc Sở Xây dựng", "sxd", "qlxd", ("delegate",)),
    ("quang.dm", "Đinh Minh Quang", "Giám đốc Sở Thông tin và Truyền thông", "stttt", "cntt", ("delegate",)),
    ("van.ltt", "Lưu Thị Tường Vân", "Phó Giám đốc Sở Thông tin và Truyền thông", "stttt", "cntt", ("delegate",)),
    ("hai.nv", "Nguyễn Văn Hải", "Chủ tịch UBND thành phố Vị Thanh", "vt", "vp_vt", ("delegate",)),
    ("trang.ltt", "Lê Thị Thu Trang", "Phó Chủ tịch UBND thành phố Vị Thanh", "vt", "vp_vt", ("delegate",)),
    ("binh.pt", "Phạm Thanh Bình", "Chánh Văn phòng HĐND và UBND thành phố Vị Thanh", "vt", "vp_vt",
     ("delegate", "unit_representative")),
    ("loc.tv", "Tạ Văn Lộc", "Chủ tịch UBND huyện Châu Thành A", "cta", "vp_cta", ("delegate",)),
    ("yen.nth", "Ngô Thị Hải Yến", "Phó Chủ tịch UBND huyện Châu Thành A", "cta", "vp_cta", ("delegate",)),
]

ROOMS = ["Phòng họp số 1 - UBND tỉnh", "Phòng họp số 2 - UBND tỉnh", "Hội trường UBND tỉnh",
         "Phòng họp trực tuyến - Sở Thông tin và Truyền thông"]

DECLINE_REASONS = [
    "Trùng lịch tiếp đoàn công tác của Bộ Tài chính.",
    "Đi công tác tại Thành phố Hồ Chí Minh theo kế hoạch.",
    "Tham dự hội nghị trực tuyến của Chính phủ cùng thời gian.",
]

# A meeting: (business day offset from today, start "HH:MM", hours, kind, state, title, chair, invitee plan,
# agenda item titles). Plans name how the demo delegate ``daibieu`` is invited.
MEETINGS: list[dict[str, Any]] = [
    dict(day=-5, at="07:30", hours=3.5, kind="regular", state="ended", chair="chutri", daibieu="confirmed",
         title="Họp giao ban UBND tỉnh định kỳ tháng",
         agenda=["Báo cáo tình hình kinh tế - xã hội tháng và nhiệm vụ trọng tâm tháng tới",
                 "Báo cáo tiến độ thực hiện các chương trình mục tiêu quốc gia",
                 "Tình hình giải quyết thủ tục hành chính trên Cổng dịch vụ công",
                 "Ý kiến của các sở, ngành và địa phương"]),
    dict(day=-4, at="13:30", hours=3.0, kind="regular", state="ended", chair="tuan.lv", daibieu="delegated",
         title="Họp thẩm định dự toán ngân sách năm 2026 của các sở, ngành",
         agenda=["Tờ trình về dự toán ngân sách nhà nước năm 2026",
                 "Báo cáo thẩm định dự toán chi thường xuyên của các sở, ngành",
                 "Phương án phân bổ vốn đầu tư công năm 2026"]),
    dict(day=-3, at="08:00", hours=2.0, kind="urgent", state="ended", chair="hanh.ttm", daibieu="confirmed",
         title="Họp khẩn về công tác phòng, chống hạn hán và xâm nhập mặn",
         agenda=["Báo cáo diễn biến xâm nhập mặn trên địa bàn tỉnh",
                 "Phương án bảo đảm nước sinh hoạt cho người dân vùng bị ảnh hưởng"]),
    dict(day=-2, at="08:00", hours=3.0, kind="regular", state="cancelled", chair="tuan.lv", daibieu="confirmed",
         title="Họp sơ kết công tác cải cách hành chính quý II",
         reason="Lãnh đạo UBND tỉnh bận công tác đột xuất; Văn phòng sẽ bố trí lịch họp sau.",
         agenda=["Báo cáo kết quả cải cách hành chính quý II", "Chỉ số PAR INDEX và SIPAS: nguyên nhân, giải pháp"]),
    dict(day=-1, at="14:00", hours=2.5, kind="regular", state="ended", chair="chutri", daibieu="declined",
         title="Họp xem xét tiến độ giải ngân vốn đầu tư công",
         agenda=["Báo cáo tình hình giải ngân vốn đầu tư công đến hết tháng",
                 "Khó khăn, vướng mắc trong bồi thường, giải phóng mặt bằng",
                 "Đề xuất điều chỉnh kế hoạch vốn giữa các dự án"]),
    dict(day=0, at="now", hours=4.0, kind="regular", state="ongoing", chair="chutri", daibieu="confirmed",
         title="Phiên họp thường kỳ UBND tỉnh tháng",
         agenda=["Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm",
                 "Tờ trình về dự toán ngân sách bổ sung năm 2026",
                 "Dự thảo Nghị quyết về chính sách hỗ trợ doanh nghiệp nhỏ và vừa",
                 "Đề án chuyển đổi số tỉnh Hậu Giang giai đoạn 2026 - 2030",
                 "Các vấn đề phát sinh"]),
    dict(day=1, at="08:00", hours=2.0, kind="regular", state="cancelled", chair="hanh.ttm", daibieu="pending",
         title="Họp làm việc với Đoàn công tác của Bộ Tài chính",
         reason="Đoàn công tác của Bộ Tài chính thay đổi lịch làm việc.",
         agenda=["Báo cáo tình hình thực hiện nhiệm vụ tài chính - ngân sách", "Kiến nghị của tỉnh"]),
    dict(day=1, at="14:00", hours=2.0, kind="urgent", state="approved", chair="tuan.lv", daibieu="pending",
         title="Họp khẩn về phương án ứng phó bão và triều cường",
         agenda=["Báo cáo dự báo diễn biến bão và triều cường", "Phương án sơ tán, bảo đảm an toàn cho người dân",
                 "Phân công nhiệm vụ các sở, ngành và địa phương"]),
    dict(day=2, at="08:00", hours=3.0, kind="regular", state="approved", chair="hanh.ttm", daibieu="pending",
         title="Họp triển khai kế hoạch chuyển đổi số năm 2026",
         agenda=["Kế hoạch chuyển đổi số năm 2026 của tỉnh", "Báo cáo hiện trạng hạ tầng số và nền tảng dùng chung",
                 "Triển khai phòng họp không giấy tại các sở, ngành"]),
    dict(day=2, at="14:00", hours=3.0, kind="regular", state="approved", chair="tuan.lv", daibieu="confirmed",
         title="Họp bàn phương án sắp xếp đơn vị hành chính cấp xã", unit="th_qh",
         agenda=["Dự thảo Đề án sắp xếp đơn vị hành chính cấp xã", "Phương án bố trí cán bộ, công chức dôi dư",
                 "Kế hoạch lấy ý kiến cử tri"]),
    dict(day=3, at="08:00", hours=3.0, kind="regular", state="approved", chair="chutri", daibieu="pending",
         share=True, title="Họp thông qua Đề án phát triển du lịch tỉnh Hậu Giang",
         agenda=["Đề án phát triển du lịch tỉnh Hậu Giang đến năm 2030", "Báo cáo thẩm định của Sở Kế hoạch và Đầu tư",
                 "Ý kiến các địa phương"]),
    dict(day=3, at="14:00", hours=2.0, kind="regular", state="draft", chair="hanh.ttm", daibieu="pending",
         title="Họp rà soát danh mục dự án kêu gọi đầu tư",
         agenda=["Danh mục dự án kêu gọi đầu tư năm 2026", "Cơ chế hỗ trợ nhà đầu tư"]),
    dict(day=4, at="08:00", hours=3.0, kind="regular", state="awaiting_approval", chair="chutri", daibieu="pending",
         title="Họp xem xét dự thảo Nghị quyết về bảng giá đất",
         agenda=["Tờ trình dự thảo Nghị quyết về bảng giá đất", "Báo cáo tiếp thu, giải trình ý kiến góp ý",
                 "Báo cáo thẩm định của Sở Tư pháp"]),
    dict(day=4, at="14:00", hours=2.0, kind="regular", state="rejected", chair="tuan.lv", daibieu="pending",
         title="Họp về chủ trương đầu tư dự án khu dân cư thương mại",
         reason="Hồ sơ chưa có ý kiến thẩm định của Sở Xây dựng; đề nghị bổ sung trước khi trình.",
         agenda=["Tờ trình chủ trương đầu tư dự án", "Báo cáo đánh giá tác động môi trường sơ bộ"]),
    dict(day=5, at="08:00", hours=3.0, kind="regular", state="approved", chair="chutri", daibieu="pending",
         unit="th_qh", assign_unit=True, title="Họp đánh giá kết quả thu ngân sách 6 tháng đầu năm",
         agenda=["Báo cáo kết quả thu ngân sách nhà nước 6 tháng đầu năm", "Giải pháp chống thất thu ngân sách",
                 "Tờ trình về dự toán ngân sách điều chỉnh"]),
    dict(day=5, at="14:00", hours=2.0, kind="urgent", state="awaiting_approval", chair="hanh.ttm", daibieu="pending",
         title="Họp khẩn về bảo đảm an ninh trật tự dịp lễ",
         agenda=["Kế hoạch bảo đảm an ninh trật tự, an toàn giao thông dịp lễ", "Phân công trực lãnh đạo"]),
]

OTHER_DELEGATES = ["nam.lv", "phong.tq", "linh.dtk", "son.th", "nga.ltt", "thu.dtm", "hieu.cv", "kiet.ta", "my.nt",
                   "quang.dm", "van.ltt", "hai.nv", "trang.ltt", "loc.tv", "yen.nth", "vu.ph", "thao.ntp"]

PARAGRAPHS = [
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, "
    "thành phố đã tập trung triển khai đồng bộ các nhiệm vụ, giải pháp; tình hình kinh tế - xã hội tiếp tục "
    "chuyển biến tích cực, quốc phòng, an ninh được giữ vững.",
    "Tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 6,8% so với cùng kỳ; trong đó khu vực nông, lâm nghiệp và "
    "thủy sản tăng 3,2%, khu vực công nghiệp - xây dựng tăng 9,1%, khu vực dịch vụ tăng 7,4%.",
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 58,3% dự toán Hội đồng nhân dân tỉnh giao; chi ngân sách "
    "bảo đảm đúng dự toán, ưu tiên các nhiệm vụ an sinh xã hội và đầu tư phát triển.",
    "Công tác cải cách hành chính, chuyển đổi số được quan tâm chỉ đạo; tỷ lệ hồ sơ thủ tục hành chính được "
    "giải quyết trực tuyến toàn trình đạt 72,5%, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%.",
    "Bên cạnh kết quả đạt được, vẫn còn một số khó khăn, hạn chế: tiến độ giải ngân vốn đầu tư công còn chậm; "
    "công tác bồi thường, giải phóng mặt bằng ở một số dự án còn vướng mắc; sản xuất nông nghiệp chịu ảnh hưởng "
    "của hạn hán và xâm nhập mặn.",
    "Đề nghị các sở, ngành, địa phương khẩn trương rà soát, tháo gỡ khó khăn, vướng mắc; đẩy nhanh tiến độ thực "
    "hiện các dự án trọng điểm; tăng cường kỷ luật, kỷ cương hành chính; nâng cao trách nhiệm người đứng đầu.",
    "Giao Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư tham mưu Ủy ban nhân dân tỉnh phương án điều "
    "hành ngân sách, bảo đảm cân đối thu chi và nguồn lực thực hiện các chính sách an sinh xã hội.",
    "Giao Sở Nội vụ hướng dẫn các cơ quan, đơn vị thực hiện nghiêm quy định về văn hóa công vụ, tăng cường "
    "kiểm tra công vụ, kịp thời chấn chỉnh các trường hợp vi phạm.",
    "Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, quyết định./.",
]
SECTIONS = ["I. TÌNH HÌNH THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM",
            "IV. KIẾN NGHỊ, ĐỀ XUẤT"]

OPINIONS = [
    "Thống nhất với nội dung báo cáo; đề nghị bổ sung số liệu so sánh cùng kỳ và phân tích nguyên nhân.",
    "Đề nghị làm rõ trách nhiệm của từng đơn vị trong việc chậm giải ngân vốn đầu tư công.",
    "Kiến nghị ưu tiên bố trí kinh phí cho các xã bị ảnh hưởng nặng bởi xâm nhập mặn.",
    "Đề nghị Sở Tài chính hướng dẫn cụ thể thủ tục điều chỉnh dự toán để địa phương thực hiện.",
]
CONCLUSIONS = [
    "Thống nhất thông qua nội dung; giao cơ quan chủ trì tiếp thu ý kiến đại biểu, hoàn chỉnh hồ sơ trước ngày 25.",
    "Giao các sở, ngành theo chức năng, nhiệm vụ khẩn trương triển khai; báo cáo kết quả tại phiên họp tháng tới.",
    "Ghi nhận ý kiến của các đại biểu; giao Văn phòng UBND tỉnh tổng hợp, tham mưu văn bản chỉ đạo.",
]


def seed_demo(db: Database, blob_store: BlobStore) -> list[tuple[str, str, str]]:
    """Seed the demo province unless a tenant exists; return ``(login, password, role)`` of the demo accounts."""
    with db.read() as conn:
        if conn.execute(sa.select(tenants.c.id).limit(1)).first() is not None:
            return list(DEMO_ACCOUNTS)
    _Seeder(db, blob_store).run()
    return list(DEMO_ACCOUNTS)


def _business_days(today: date) -> dict[int, date]:
    """Offsets -5…+5 of working days around today (0 is today, even on a weekend)."""
    out = {0: today}
    for sign in (-1, 1):
        day, n = today, 0
        while n < 5:
            day += timedelta(days=sign)
            if day.weekday() < 5:
                n += 1
                out[sign * n] = day
    return out


class _Seeder:
    def __init__(self, db: Database, store: BlobStore) -> None:
        self.db = db
        self.store = store
        self.rng = random.Random(2026)
        self.now = utcnow()
        self.orgs: dict[str, str] = {}
        self.units: dict[str, str] = {}
        self.unit_org: dict[str, str] = {}
        self.users: dict[str, str] = {}
        self.person: dict[str, tuple] = {p[0]: p for p in PEOPLE}

    # --- people ------------------------------------------------------------------------------------------
    def run(self) -> None:
        started = datetime.now()
        self.tenant = seed.create_tenant(self.db, TENANT_NAME)
        with self.db.write(self.tenant) as tx:
            for key, (name, short, kind, units) in ORGANISATIONS.items():
                self.orgs[key] = tx.insert("organisations", {"name": name, "short_name": short, "kind": kind,
                                                             "parent_id": None})["id"]
                for ukey, uname in units:
                    self.units[ukey] = tx.insert("units", {"organisation_id": self.orgs[key], "name": uname,
                                                           "parent_id": None})["id"]
                    self.unit_org[ukey] = key
        password_hash = hash_password(DEMO_PASSWORD)
        changed = iso(self.now)
        for i, (username, full_name, title, org, unit, roles) in enumerate(PEOPLE):
            self.users[username] = seed.create_user(
                self.db, self.tenant, username=username, password=DEMO_PASSWORD, password_hash=password_hash,
                full_name=full_name, organisation_id=self.orgs[org], unit_id=self.units[unit], title=title,
                email=f"{username}@haugiang.gov.vn", phone=f"0918 {300 + i * 7:03d} {(i * 137) % 1000:03d}",
                roles=roles, password_changed_at=changed,
            )
        days = _business_days(self.now.astimezone(VN_TZ).date())
        self.meeting_ids: list[str] = []
        for spec in MEETINGS:
            self.meeting_ids.append(self._meeting(spec, days[spec["day"]]))
        self._opinion_polls()
        log.info("demo data seeded in %.1f s", (datetime.now() - started).total_seconds())

    def uid(self, username: str) -> str:
        return self.users[username]

    def org_of(self, username: str) -> str:
        return self.person[username][3]

    def colleague(self, username: str) -> str:
        """Someone of the same organisation who can attend in their place."""
        org = self.org_of(username)
        for p in PEOPLE:
            if p[3] == org and p[0] != username and "delegate" in p[5] and p[0] != "chutri":
                return p[0]
        raise LookupError(username)

    # --- meetings ----------------------------------------------------------------------------------------
    def _times(self, spec: dict, day: date) -> tuple[datetime, datetime]:
        if spec["at"] == "now":
            now_local = self.now.astimezone(VN_TZ)
            start = now_local.replace(minute=(now_local.minute // 15) * 15, second=0, microsecond=0) - timedelta(hours=1)
        else:
            hh, mm = (int(x) for x in spec["at"].split(":"))
            start = datetime.combine(day, time(hh, mm), tzinfo=VN_TZ)
        return start, start + timedelta(hours=spec["hours"])

    def _meeting(self, spec: dict, day: date) -> str:
        start, end = self._times(spec, day)
        state = spec["state"]
        approved = state in ("approved", "ongoing", "ended") or (state == "cancelled")
        secretary = "thuky" if spec["chair"] != "hanh.ttm" else "tri.hm"
        approver = "pheduyet" if spec["kind"] == "regular" else "dung.nt"
        registrar = "dangky"
        rng = self.rng
        with self.db.write(self.tenant) as tx:
            mid = new_id()
            meeting = tx.insert("meetings", {
                "id": mid, "meeting_id": mid, "organisation_id": self.orgs["vp"], "title": spec["title"],
                "kind": spec["kind"], "state": state, "starts_at": iso(start), "ends_at": iso(end),
                "room": rng.choice(ROOMS),
                "description": f"Cuộc họp do {self.person[spec['chair']][1]} ({self.person[spec['chair']][2]}) chủ trì.",
                "chair_id": self.uid(spec["chair"]), "secretary_id": self.uid(secretary),
                "approver_id": self.uid(approver), "registrar_id": self.uid(registrar),
                "current_agenda_item_id": None,
                "state_reason": spec.get("reason"),
                "approved_at": iso(min(start - timedelta(days=4), self.now - timedelta(hours=2))) if approved else None,
                "started_at": iso(start) if state in ("ongoing", "ended") else None,
                "ended_at": iso(end) if state == "ended" else None,
                "checkin_secret": new_id() + new_id(),
            })
            items = []
            for pos, title in enumerate(spec["agenda"]):
                presenter = rng.choice(OTHER_DELEGATES[:11])
                items.append(tx.insert("agenda_items", {
                    "meeting_id": mid, "position": pos, "title": title, "presenter_id": self.uid(presenter),
                    "presenter_unit_id": None, "duration_minutes": 30 if pos else 45, "notes": None,
                }))
            for pos, item in enumerate(items):
                self._document(tx, meeting, item, pos)
            invitations = self._invitations(tx, meeting, spec)
            if spec.get("share"):
                tx.insert("meeting_shares", {"meeting_id": mid, "owner_id": self.uid("daibieu"),
                                             "assistant_id": self.uid("troly")})
            if state == "ended":
                self._record(tx, meeting, items, invitations, start, end)
            elif state == "ongoing":
                self._live(tx, meeting, items, invitations, start)
            refresh_access(tx, mid)
            if approved and state not in ("ended", "cancelled"):
                for who in {inv["user_id"] for inv in invitations if inv["user_id"]}:
                    tx.insert("notifications", {"user_id": who, "kind": "invited", "meeting_id": mid,
                                                "params": {"title": spec["title"], "starts_at": iso(start)},
                                                "read_at": None})
            if state == "cancelled":
                for who in {inv["user_id"] for inv in invitations if inv["user_id"]}:
                    tx.insert("notifications", {"user_id": who, "kind": "meeting_cancelled", "meeting_id": mid,
                                                "params": {"title": spec["title"], "reason": spec.get("reason")},
                                                "read_at": None})
        return mid

    def _invitations(self, tx: Tx, meeting: dict, spec: dict) -> list[dict]:
        rng = self.rng
        state = spec["state"]
        past = state in ("ended", "ongoing")
        excluded = {"daibieu", self.colleague("daibieu")} if spec["daibieu"] == "delegated" else {"daibieu"}
        others = rng.sample([d for d in OTHER_DELEGATES if d not in excluded], 7)
        plan: list[tuple[str, str]] = [("daibieu", spec["daibieu"])]
        answered = ["confirmed", "confirmed", "confirmed", "declined", "delegated", "pending", "confirmed"]
        for i, who in enumerate(others):
            st = answered[i]
            if past and st == "pending":
                st = "confirmed"
            plan.append((who, st))
        out = []
        subs_used = {p for p, _ in plan}
        for who, st in plan:
            row = {"meeting_id": meeting["id"], "user_id": self.uid(who), "unit_id": None, "assigned_user_id": None,
                   "state": "pending", "reason": None, "substitute_id": None, "responded_by": None,
                   "responded_at": None, "attendee_role": "delegate"}
            if st != "pending" and state not in ("draft", "awaiting_approval", "rejected"):
                row.update(state=st, responded_by=self.uid(who),
                           responded_at=iso(min(self.now, parse_start(meeting) - timedelta(days=2))))
                if st == "declined":
                    row["reason"] = rng.choice(DECLINE_REASONS)
                elif st == "delegated":
                    sub = self.colleague(who)
                    if sub in subs_used:  # the colleague is already invited: confirm instead
                        row.update(state="confirmed")
                    else:
                        subs_used.add(sub)
                        row["substitute_id"] = self.uid(sub)
            out.append(tx.insert("invitations", row))
        if spec.get("unit"):
            unit = spec["unit"]
            assigned = self.uid("khang.bm") if spec.get("assign_unit") else None
            out.append(tx.insert("invitations", {
                "meeting_id": meeting["id"], "user_id": None, "unit_id": self.units[unit],
                "assigned_user_id": assigned, "state": "confirmed" if assigned else "pending", "reason": None,
                "substitute_id": None, "responded_by": self.uid("daidien") if assigned else None,
                "responded_at": iso(self.now - timedelta(hours=3)) if assigned else None, "attendee_role": "delegate",
            }))
        # a guest from a district, who attends but does not vote
        out.append(tx.insert("invitations", {
            "meeting_id": meeting["id"], "user_id": self.uid("binh.pt"), "unit_id": None, "assigned_user_id": None,
            "state": "confirmed" if state not in ("draft", "awaiting_approval", "rejected") else "pending",
            "reason": None, "substitute_id": None, "responded_by": None, "responded_at": None, "attendee_role": "guest",
        }))
        return out

    def _document(self, tx: Tx, meeting: dict, item: dict, position: int) -> None:
        data = agenda_pdf(item["title"], meeting["title"], parse_start(meeting), pages=2 + position % 3)
        sha = self.store.put_bytes(data)
        if tx.conn.execute(sa.select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first() is None:
            tx.conn.execute(blobs.insert().values(sha256=sha, size=len(data), uploaded_by=meeting["registrar_id"],
                                                  created_at=iso(self.now)))
        tx.insert("documents", {
            "meeting_id": meeting["id"], "agenda_item_id": item["id"], "name": f"{position + 1:02d}. {item['title']}.pdf",
            "sha256": sha, "size": len(data), "mime": "application/pdf", "classification": "unclassified",
            "uploaded_by": meeting["registrar_id"], "position": position,
        })

    @staticmethod
    def _attendees(invitations: list[dict]) -> list[tuple[dict, str]]:
        out = []
        for inv in invitations:
            if inv["state"] == "declined":
                continue
            who = inv["substitute_id"] if inv["state"] == "delegated" else (inv["user_id"] or inv["assigned_user_id"])
            if who:
                out.append((inv, who))
        return out

    def _record(self, tx: Tx, meeting: dict, items: list[dict], invitations: list[dict], start: datetime,
                end: datetime) -> None:
        """An ended meeting: attendance, speeches, a vote, opinions and conclusions."""
        rng = self.rng
        mid = meeting["id"]
        attendees = self._attendees(invitations)
        present: list[str] = []
        for n, (inv, who) in enumerate(attendees):
            status = "excused" if n == len(attendees) - 2 else "present"
            late = timedelta(minutes=rng.choice([-10, -5, -2, 0, 3, 12]))
            tx.insert("checkins", {
                "id": checkin_id(mid, who), "meeting_id": mid, "user_id": who, "status": status,
                "method": rng.choice(["qr", "code", "secretary"]) if status == "present" else "secretary",
                "arrived_at": iso(start + late) if status == "present" else None, "left_at": None,
                "note": "Có lý do: đi công tác" if status == "excused" else None, "recorded_by": meeting["secretary_id"],
            })
            if status == "present":
                present.append(who)
        for inv in invitations:
            if inv["state"] == "declined":
                tx.insert("checkins", {
                    "id": checkin_id(mid, inv["user_id"]), "meeting_id": mid, "user_id": inv["user_id"],
                    "status": "absent", "method": "secretary", "arrived_at": None, "left_at": None,
                    "note": inv["reason"], "recorded_by": meeting["secretary_id"],
                })
        clock = start + timedelta(minutes=5)
        segments: list[str] = []
        for n, item in enumerate(items):
            speakers = rng.sample(present, min(2, len(present)))
            for k, who in enumerate(speakers):
                talk = timedelta(seconds=rng.randint(90, 420))
                tx.insert("speaker_requests", {
                    "meeting_id": mid, "agenda_item_id": item["id"], "user_id": who, "topic": OPINIONS[(n + k) % 4][:60],
                    "state": "done", "position": float(k + 1), "requested_at": iso(clock - timedelta(minutes=3)),
                    "started_at": iso(clock), "ended_at": iso(clock + talk), "limit_seconds": 300,
                })
                offset = int((clock - start).total_seconds() * 1000)
                seg = tx.insert("transcript_segments", {
                    "meeting_id": mid, "agenda_item_id": item["id"], "speaker_id": who, "start_ms": offset,
                    "end_ms": offset + int(talk.total_seconds() * 1000), "text": OPINIONS[(n + k) % 4], "language": "vi",
                })
                segments.append(seg["id"])
                tx.insert("opinions", {
                    "meeting_id": mid, "agenda_item_id": item["id"], "speaker_id": who, "text": OPINIONS[(n + k) % 4],
                    "segment_ids": [seg["id"]], "recorded_by": meeting["secretary_id"],
                })
                clock += talk + timedelta(minutes=2)
            tx.insert("conclusions", {"meeting_id": mid, "agenda_item_id": item["id"],
                                      "text": CONCLUSIONS[n % len(CONCLUSIONS)], "author_id": meeting["secretary_id"]})
        tx.insert("conclusions", {
            "meeting_id": mid, "agenda_item_id": None, "author_id": meeting["secretary_id"],
            "text": "Kết luận của chủ trì: " + " ".join(CONCLUSIONS),
        })
        # two votes: an open one with named ballots and a secret one with anonymous tallies only
        voters = [(inv, who) for inv, who in attendees if who in present and inv["attendee_role"] == "delegate"]
        members = sum(1 for inv in invitations if inv["attendee_role"] == "delegate" and (inv["user_id"] or inv["assigned_user_id"]))
        for secret in (False, True):
            options = ["Đồng ý", "Không đồng ý", "Không biểu quyết"]
            poll = {"id": new_id(), "meeting_id": mid, "agenda_item_id": items[0]["id"],
                    "question": ("Biểu quyết kín: " if secret else "") + f"Thông qua nội dung \"{items[0]['title']}\"",
                    "options": options, "secret": secret, "majority": "simple_present" if not secret else "two_thirds_all",
                    "allow_change": False, "state": "published", "created_by": meeting["secretary_id"],
                    "opened_at": iso(end - timedelta(minutes=30)), "closed_at": iso(end - timedelta(minutes=25))}
            tallies = {o: 0 for o in options}
            for k, (inv, who) in enumerate(voters):
                choice = options[0] if k % 5 else options[1 + (k // 5) % 2]
                tallies[choice] += 1
                if not secret:
                    tx.insert("ballots", {"meeting_id": mid, "poll_id": poll["id"], "voter_id": who,
                                          "on_behalf_of": inv["user_id"] if inv["state"] == "delegated" else None,
                                          "choice": choice})
                else:
                    tx.conn.execute(secret_participants.insert().values(poll_id=poll["id"], user_id=inv["user_id"] or who))
            if secret:
                for option, count in tallies.items():
                    tx.conn.execute(secret_tallies.insert().values(poll_id=poll["id"], option=option, count=count))
            poll["votes_cast"] = len(voters)
            poll["result"] = compute_result(poll, tallies, len(voters), len(voters), members)
            tx.insert("polls", poll)
        author = present[0] if present else meeting["chair_id"]
        tx.insert("comments", {
            "meeting_id": mid, "agenda_item_id": items[0]["id"], "document_id": None, "document_sha256": None,
            "page": None, "anchor": None, "parent_id": None, "author_id": author, "state": "open",
            "body": "Đề nghị cơ quan soạn thảo bổ sung phụ lục số liệu chi tiết theo từng huyện.",
        })

    def _live(self, tx: Tx, meeting: dict, items: list[dict], invitations: list[dict], start: datetime) -> None:
        """The meeting going on today: some people checked in, someone speaking, a vote ready to open."""
        mid = meeting["id"]
        tx.update("meetings", mid, {"current_agenda_item_id": items[1]["id"]})
        attendees = [(inv, who) for inv, who in self._attendees(invitations) if who != self.uid("daibieu")]
        for k, (_inv, who) in enumerate(attendees[:-2]):
            tx.insert("checkins", {
                "id": checkin_id(mid, who), "meeting_id": mid, "user_id": who, "status": "present",
                "method": ["qr", "code", "secretary"][k % 3], "arrived_at": iso(start + timedelta(minutes=k - 5)),
                "left_at": None, "note": None, "recorded_by": who if k % 3 != 2 else meeting["secretary_id"],
            })
        speakers = [who for _inv, who in attendees[:3]]
        for k, who in enumerate(speakers):
            state = ["done", "speaking", "queued"][k]
            begun = start + timedelta(minutes=20 + 8 * k)
            tx.insert("speaker_requests", {
                "meeting_id": mid, "agenda_item_id": items[1]["id"] if k else items[0]["id"], "user_id": who,
                "topic": OPINIONS[k][:60], "state": state, "position": float(k + 1),
                "requested_at": iso(start + timedelta(minutes=10 + k)),
                "started_at": iso(begun) if state != "queued" else None,
                "ended_at": iso(begun + timedelta(minutes=6)) if state == "done" else None, "limit_seconds": 300,
            })
        tx.insert("polls", {
            "id": new_id(), "meeting_id": mid, "agenda_item_id": items[1]["id"],
            "question": f"Thông qua \"{items[1]['title']}\"", "options": ["Đồng ý", "Không đồng ý", "Không biểu quyết"],
            "secret": False, "majority": "simple_present", "allow_change": True, "state": "draft", "opened_at": None,
            "closed_at": None, "votes_cast": 0, "result": None, "created_by": meeting["secretary_id"],
        })
        tx.insert("transcript_segments", {
            "meeting_id": mid, "agenda_item_id": items[0]["id"], "speaker_id": meeting["chair_id"], "start_ms": 0,
            "end_ms": 42_000, "language": "vi",
            "text": "Kính thưa các đồng chí, hôm nay Ủy ban nhân dân tỉnh họp phiên thường kỳ để xem xét các nội dung "
                    "quan trọng. Đề nghị các đồng chí tập trung thảo luận.",
        })

    def _opinion_polls(self) -> None:
        audience = [self.uid(u) for u in ("daibieu", "nam.lv", "phong.tq", "son.th", "kiet.ta", "hai.nv", "loc.tv")]
        with self.db.write(self.tenant) as tx:
            open_poll = tx.insert("opinion_polls", {
                "organisation_id": self.orgs["vp"], "title": "Lấy ý kiến dự thảo Quy chế làm việc của UBND tỉnh",
                "description": "Đề nghị các đồng chí cho ý kiến vào dự thảo Quy chế làm việc (sửa đổi).",
                "document_ids": [], "audience": audience, "deadline": iso(self.now + timedelta(days=4)),
                "state": "open", "created_by": self.uid("chutri"),
            })
            closed = tx.insert("opinion_polls", {
                "organisation_id": self.orgs["vp"], "title": "Lấy ý kiến về Kế hoạch tổ chức Hội nghị xúc tiến đầu tư",
                "description": "", "document_ids": [], "audience": audience, "deadline": iso(self.now - timedelta(days=2)),
                "state": "closed", "created_by": self.uid("tuan.lv"),
            })
            for who in audience[1:4]:
                tx.insert("opinion_poll_answers", {"id": opinion_answer_id(open_poll["id"], who), "poll_id": open_poll["id"],
                                                   "user_id": who, "choice": "Đồng ý", "comment": ""})
            for who in audience[:5]:
                tx.insert("opinion_poll_answers", {"id": opinion_answer_id(closed["id"], who), "poll_id": closed["id"],
                                                   "user_id": who, "choice": "Đồng ý",
                                                   "comment": "Đề nghị bổ sung nội dung về kinh phí tổ chức."})
            for who in audience:
                tx.insert("notifications", {"user_id": who, "kind": "opinion_poll", "meeting_id": None,
                                            "params": {"poll_id": open_poll["id"], "title": open_poll["title"]},
                                            "read_at": None})


def parse_start(meeting: dict) -> datetime:
    return datetime.fromisoformat(meeting["starts_at"])


# --- agenda PDFs -------------------------------------------------------------------------------------------------
_FONTS: dict[str, Any] = {}


def _fonts() -> tuple[Any, Any]:
    """DejaVu Sans (regular, bold) loaded once; MuPDF's built-in Helvetica if the files are missing."""
    import pymupdf

    if not _FONTS:
        if FONT_FILE.exists():
            _FONTS["regular"] = pymupdf.Font(fontfile=str(FONT_FILE))
            _FONTS["bold"] = pymupdf.Font(fontfile=str(FONT_BOLD_FILE if FONT_BOLD_FILE.exists() else FONT_FILE))
        else:  # pragma: no cover - Debian ships fonts-dejavu-core
            _FONTS["regular"] = pymupdf.Font("helv")
            _FONTS["bold"] = pymupdf.Font("hebo")
    return _FONTS["regular"], _FONTS["bold"]


_BODY_PAGES: list[bytes] = []


def _body_pages() -> list[bytes]:
    """One-page PDFs of body text (a section heading and five paragraphs), laid out once and reused:
    laying out justified text is what costs time."""
    import pymupdf

    if not _BODY_PAGES:
        regular, bold = _fonts()
        rng = random.Random(437)
        for variant in range(8):
            doc = pymupdf.open()
            page = doc.new_page(width=595, height=842)
            tw = pymupdf.TextWriter(page.rect)
            tw.append((60, 70), SECTIONS[variant % len(SECTIONS)], font=bold, fontsize=11.5)
            text = "\n\n".join(f"{k + 1}. {p}" for k, p in enumerate(rng.sample(PARAGRAPHS, 7)))
            tw.fill_textbox(pymupdf.Rect(60, 85, 535, 790), text, font=regular, fontsize=11,
                            align=pymupdf.TEXT_ALIGN_LEFT)
            tw.write_text(page)
            _BODY_PAGES.append(doc.tobytes())
            doc.close()
    return _BODY_PAGES


def agenda_pdf(title: str, meeting_title: str, when: datetime, pages: int = 3) -> bytes:
    """A real multi-page A4 PDF with Vietnamese text (DejaVu Sans embedded, subset): a cover page with the
    administrative header and the title, then body pages."""
    import pymupdf

    regular, bold = _fonts()
    bodies = _body_pages()
    doc = pymupdf.open()
    local = when.astimezone(VN_TZ)
    center = pymupdf.TEXT_ALIGN_CENTER
    page = doc.new_page(width=595, height=842)
    tw = pymupdf.TextWriter(page.rect)
    tw.append((60, 60), "ỦY BAN NHÂN DÂN", font=bold, fontsize=11)
    tw.append((60, 75), "TỈNH HẬU GIANG", font=bold, fontsize=11)
    tw.append((300, 60), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fontsize=10.5)
    tw.append((345, 75), "Độc lập - Tự do - Hạnh phúc", font=bold, fontsize=10.5)
    tw.append((330, 100), f"Hậu Giang, ngày {local.day:02d} tháng {local.month:02d} năm {local.year}",
              font=regular, fontsize=10)
    tw.fill_textbox(pymupdf.Rect(60, 130, 535, 175), title.upper(), font=bold, fontsize=13, align=center)
    tw.fill_textbox(pymupdf.Rect(60, 178, 535, 210), f"(Tài liệu phục vụ cuộc họp: {meeting_title})",
                    font=regular, fontsize=10.5, align=center)
    tw.fill_textbox(pymupdf.Rect(60, 225, 535, 500), PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[1], font=regular, fontsize=11,
                    align=pymupdf.TEXT_ALIGN_LEFT)
    tw.write_text(page)
    pick = random.Random(title)
    for _ in range(pages - 1):
        with pymupdf.open(stream=pick.choice(bodies)) as body:
            doc.insert_pdf(body)
    for number, pg in enumerate(doc):
        footer = pymupdf.TextWriter(pg.rect)
        footer.append((270, 815), f"Trang {number + 1}/{pages}", font=regular, fontsize=9)
        footer.write_text(pg)
    try:
        doc.subset_fonts()
    except Exception:  # noqa: BLE001 - subsetting only makes the file smaller
        log.debug("font subsetting failed", exc_info=True)
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data
