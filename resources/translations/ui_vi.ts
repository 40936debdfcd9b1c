<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="29"/>
        <source>Change password</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="31"/>
        <source>Your password has expired: the regulation asks for a change every month. Choose a new password of at least 8 characters.</source>
        <translation>Mật khẩu của bạn đã hết hạn: quy chế yêu cầu đổi mật khẩu hằng tháng. Hãy chọn mật khẩu mới có ít nhất 8 ký tự.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="42"/>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="43"/>
        <source>Current password</source>
        <translation>Mật khẩu hiện tại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="44"/>
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="45"/>
        <source>New password again</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="60"/>
        <source>The two new passwords differ. Type the same password twice.</source>
        <translation>Hai mật khẩu mới khác nhau. Hãy nhập cùng một mật khẩu hai lần.</translation>
    </message>
</context>
<context>
    <name>ClientController</name>
    <message>
        <location filename="../../ecabinet_client/ui/app.py" line="92"/>
        <source>eCabinet — sign in</source>
        <translation>eCabinet — đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/app.py" line="190"/>
        <source>Changes you made offline have not been sent yet, so they were kept on this device. Sign in again to send them.</source>
        <translation>Các thay đổi bạn thực hiện khi ngoại tuyến chưa được gửi nên vẫn được giữ trên thiết bị này. Hãy đăng nhập lại để gửi.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/crash.py" line="74"/>
        <source>Unexpected error</source>
        <translation>Lỗi không mong muốn</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/crash.py" line="77"/>
        <source>Something went wrong in eCabinet. Your data and pending changes are safe.
You can keep working; if it happens again, copy the details and send them to your administrator.</source>
        <translation>eCabinet gặp sự cố. Dữ liệu và các thay đổi chờ đồng bộ của bạn vẫn an toàn.
Bạn có thể tiếp tục làm việc; nếu lỗi lặp lại, hãy sao chép chi tiết và gửi cho quản trị hệ thống.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/crash.py" line="86"/>
        <source>Copy details</source>
        <translation>Sao chép chi tiết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/crash.py" line="87"/>
        <source>Show details</source>
        <translation>Xem chi tiết</translation>
    </message>
</context>
<context>
    <name>DeclineDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="82"/>
        <source>Decline the invitation</source>
        <translation>Từ chối tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="84"/>
        <source>Reason (required):</source>
        <translation>Lý do (bắt buộc):</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="13"/>
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="13"/>
        <source>Awaiting approval</source>
        <translation>Chờ phê duyệt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="13"/>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="14"/>
        <source>Rejected</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="14"/>
        <source>Ongoing</source>
        <translation>Đang diễn ra</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="14"/>
        <source>Ended</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="14"/>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="20"/>
        <source>Not invited in person</source>
        <translation>Không được mời đích danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="20"/>
        <source>Not answered</source>
        <translation>Chưa phản hồi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="20"/>
        <source>Attending</source>
        <translation>Tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="21"/>
        <source>Declined</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="21"/>
        <source>Substitute sent</source>
        <translation>Cử người dự thay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="26"/>
        <source>Urgent</source>
        <translation>Đột xuất</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/labels.py" line="26"/>
        <source>Regular</source>
        <translation>Thường kỳ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="187"/>
        <source>eCabinet — paperless meeting room</source>
        <translation>eCabinet — phòng họp không giấy</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="188"/>
        <source>Week calendar</source>
        <translation>Lịch tuần</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="188"/>
        <source>Upcoming</source>
        <translation>Sắp diễn ra</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="188"/>
        <source>Ongoing</source>
        <translation>Đang diễn ra</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="189"/>
        <source>Awaiting approval</source>
        <translation>Chờ phê duyệt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="189"/>
        <source>Finished</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="190"/>
        <source>Register a meeting</source>
        <translation>Đăng ký cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="190"/>
        <source>Unit invitations</source>
        <translation>Giấy mời đơn vị</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="195"/>
        <source>⟳ Sync now</source>
        <translation>⟳ Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="196"/>
        <source>Sync now (F5)</source>
        <translation>Đồng bộ ngay (F5)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="197"/>
        <source>⚙ Settings</source>
        <translation>⚙ Cài đặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="198"/>
        <source>Settings (Ctrl+,)</source>
        <translation>Cài đặt (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="202"/>
        <source>eCabinet</source>
        <translation>eCabinet</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="267"/>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="267"/>
        <source>Offline</source>
        <translation>Ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="270"/>
        <source>Last sync: %1</source>
        <translation>Đồng bộ lần cuối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="271"/>
        <source>Not synced yet</source>
        <translation>Chưa đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="273"/>
        <source>%1 change(s) waiting to sync</source>
        <translation>%1 thay đổi chờ đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="273"/>
        <source>All changes synced</source>
        <translation>Mọi thay đổi đã được đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="282"/>
        <source>The server refused a change: %1</source>
        <translation>Máy chủ từ chối một thay đổi: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="283"/>
        <source>A change was refused</source>
        <translation>Một thay đổi bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="287"/>
        <source>New invitation</source>
        <translation>Giấy mời mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="287"/>
        <source>A meeting you attend has changed</source>
        <translation>Cuộc họp bạn tham dự đã thay đổi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="288"/>
        <source>Meeting starts soon</source>
        <translation>Cuộc họp sắp bắt đầu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="297"/>
        <source>Starts at %1</source>
        <translation>Bắt đầu lúc %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="299"/>
        <source>%1 new notifications</source>
        <translation>%1 thông báo mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/mainwindow.py" line="300"/>
        <source>New invitations and changes to your meetings: see the week calendar.</source>
        <translation>Có giấy mời mới và thay đổi về các cuộc họp của bạn: xem lịch tuần.</translation>
    </message>
</context>
<context>
    <name>MeetingList</name>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="129"/>
        <source>Upcoming meetings</source>
        <translation>Cuộc họp sắp diễn ra</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="129"/>
        <source>Ongoing meetings</source>
        <translation>Cuộc họp đang diễn ra</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="130"/>
        <source>Meetings awaiting approval</source>
        <translation>Cuộc họp chờ phê duyệt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="130"/>
        <source>Finished meetings</source>
        <translation>Cuộc họp đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="132"/>
        <source>Search by title (accents optional)</source>
        <translation>Tìm theo tên cuộc họp (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="133"/>
        <location filename="../../ecabinet_client/ui/lists.py" line="138"/>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="134"/>
        <source>Unit or organisation</source>
        <translation>Đơn vị hoặc cơ quan</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="135"/>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="136"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="137"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="137"/>
        <source>Title</source>
        <translation>Tên cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="137"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="137"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="138"/>
        <source>My response</source>
        <translation>Phản hồi của tôi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="138"/>
        <source>Room</source>
        <translation>Phòng họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="169"/>
        <source>No meetings here.</source>
        <translation>Không có cuộc họp nào.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="27"/>
        <source>Not possible</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="212"/>
        <source>◀ Back</source>
        <translation>◀ Quay lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="213"/>
        <source>Back (Esc)</source>
        <translation>Quay lại (Esc)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="214"/>
        <source>Details</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="215"/>
        <source>My response</source>
        <translation>Phản hồi của tôi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="216"/>
        <source>Attend</source>
        <translation>Tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="217"/>
        <source>Decline…</source>
        <translation>Từ chối…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="218"/>
        <source>Send a substitute…</source>
        <translation>Cử người dự thay…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="219"/>
        <source>Share with an assistant…</source>
        <translation>Chia sẻ cho trợ lý…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="220"/>
        <source>Open the meeting console</source>
        <translation>Điều hành cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="221"/>
        <source>Check-in, roll call, agenda, votes, speakers and the conclusion</source>
        <translation>Điểm danh, chương trình, biểu quyết, phát biểu và kết luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="222"/>
        <source>Join the live meeting</source>
        <translation>Tham gia cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="223"/>
        <source>Follow the agenda, check in, ask to speak and vote</source>
        <translation>Theo dõi chương trình, điểm danh, đăng ký phát biểu và biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="224"/>
        <source>Agenda and documents</source>
        <translation>Chương trình và tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="225"/>
        <source>Item / document</source>
        <translation>Nội dung / tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="225"/>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="225"/>
        <location filename="../../ecabinet_client/ui/meeting.py" line="256"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="226"/>
        <source>Attendees</source>
        <translation>Thành phần tham dự</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="227"/>
        <source>Invitee</source>
        <translation>Người được mời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="227"/>
        <source>Response</source>
        <translation>Phản hồi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="227"/>
        <source>Substitute / reason</source>
        <translation>Người dự thay / lý do</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="228"/>
        <source>Conclusion</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="246"/>
        <source>This meeting is no longer available to you.</source>
        <translation>Bạn không còn quyền xem cuộc họp này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="255"/>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="257"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="258"/>
        <source>Room</source>
        <translation>Phòng họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="259"/>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="260"/>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="261"/>
        <source>Approver</source>
        <translation>Người phê duyệt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="285"/>
        <source>No conclusion recorded yet.</source>
        <translation>Chưa có kết luận.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="289"/>
        <source>✔ Available offline</source>
        <translation>✔ Có sẵn ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="289"/>
        <source>Not downloaded — double-click to download</source>
        <translation>Chưa tải — nhấp đúp để tải về</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="300"/>
        <source>You are not invited in person to this meeting.</source>
        <translation>Bạn không được mời đích danh dự cuộc họp này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="306"/>
        <source>Your response: &lt;b&gt;%1&lt;/b&gt;. Respond before %2.</source>
        <translation>Phản hồi của bạn: &lt;b&gt;%1&lt;/b&gt;. Hạn phản hồi: trước %2.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="309"/>
        <source>Substitute: %1.</source>
        <translation>Người dự thay: %1.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="311"/>
        <source>Reason: %1.</source>
        <translation>Lý do: %1.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="313"/>
        <source>(waiting to sync)</source>
        <translation>(chờ đồng bộ)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="316"/>
        <source>Refused by the server: %1</source>
        <translation>Máy chủ từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="318"/>
        <source>The response deadline has passed.</source>
        <translation>Đã quá hạn phản hồi.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="396"/>
        <source>Send a substitute</source>
        <translation>Cử người dự thay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="397"/>
        <source>Choose a colleague of your organisation to attend in your place.</source>
        <translation>Chọn một người cùng cơ quan dự họp thay bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="407"/>
        <source>Share with an assistant</source>
        <translation>Chia sẻ cho trợ lý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="410"/>
        <source>The assistant will follow this meeting for you and remind you of it.</source>
        <translation>Trợ lý sẽ theo dõi cuộc họp này và nhắc bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="455"/>
        <source>Download failed</source>
        <translation>Tải về không thành công</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="456"/>
        <source>The document could not be downloaded. Check the connection and try again.</source>
        <translation>Không tải được tài liệu. Hãy kiểm tra kết nối rồi thử lại.</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../ecabinet_client/ui/meeting.py" line="48"/>
        <source>Search by name, title or unit (accents optional)</source>
        <translation>Tìm theo họ tên, chức vụ hoặc đơn vị (có dấu hoặc không dấu)</translation>
    </message>
</context>
<context>
    <name>RegisterPlaceholder</name>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="188"/>
        <source>Register a meeting</source>
        <translation>Đăng ký cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="189"/>
        <source>The registration form (content, chair, secretary, approver, time, room, attendees and documents, submitted for approval) comes with the registration and approval feature. It is not available in this version yet.</source>
        <translation>Biểu mẫu đăng ký cuộc họp (nội dung, chủ trì, thư ký, người phê duyệt, thời gian, phòng họp, thành phần và tài liệu, gửi phê duyệt) sẽ có cùng chức năng đăng ký và phê duyệt. Phiên bản này chưa có.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="250"/>
        <source>Delegate</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="251"/>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="252"/>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="253"/>
        <source>Approver</source>
        <translation>Người phê duyệt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="254"/>
        <source>Registrar</source>
        <translation>Người đăng ký</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="255"/>
        <source>Unit representative</source>
        <translation>Đại diện đơn vị</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="256"/>
        <source>Assistant</source>
        <translation>Trợ lý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="257"/>
        <source>Administrator</source>
        <translation>Quản trị</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="75"/>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="76"/>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="77"/>
        <source>Reading font size</source>
        <translation>Cỡ chữ khi đọc</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="78"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="79"/>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="110"/>
        <source>Offline data</source>
        <translation>Dữ liệu ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="80"/>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="101"/>
        <source>Free space</source>
        <translation>Giải phóng dung lượng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="81"/>
        <source>Delete downloaded documents. Changes waiting to sync are never deleted.</source>
        <translation>Xóa các tài liệu đã tải về. Các thay đổi chờ đồng bộ không bao giờ bị xóa.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="82"/>
        <source>Change location…</source>
        <translation>Đổi vị trí…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="83"/>
        <source>Also delete this device&apos;s cached data</source>
        <translation>Xóa luôn dữ liệu lưu trên thiết bị này</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="84"/>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="94"/>
        <source>%1
Used: %2 · free on disk: %3</source>
        <translation>%1
Đã dùng: %2 · còn trống trên đĩa: %3</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="101"/>
        <source>%1 freed. Changes waiting to sync were kept.</source>
        <translation>Đã giải phóng %1. Các thay đổi chờ đồng bộ được giữ lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="106"/>
        <source>Location of offline data</source>
        <translation>Vị trí dữ liệu ngoại tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/settings_dialog.py" line="111"/>
        <source>The new location is used from the next sign-in.</source>
        <translation>Vị trí mới được dùng từ lần đăng nhập sau.</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="146"/>
        <source>eCabinet</source>
        <translation>eCabinet</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="147"/>
        <source>Paperless meeting room. Sign in with your account or official e-mail.</source>
        <translation>Phòng họp không giấy. Đăng nhập bằng tài khoản hoặc thư điện tử công vụ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="148"/>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="149"/>
        <source>Username or e-mail</source>
        <translation>Tên đăng nhập hoặc e-mail</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="150"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="151"/>
        <source>Remember this device</source>
        <translation>Ghi nhớ thiết bị này</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="152"/>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="153"/>
        <source>Open my saved data offline</source>
        <translation>Mở dữ liệu đã lưu (ngoại tuyến)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="154"/>
        <source>Try a demo account:</source>
        <translation>Dùng thử tài khoản mẫu:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="156"/>
        <source>Choose a role…</source>
        <translation>Chọn vai trò…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="177"/>
        <source>Type your username (or e-mail) and your password.</source>
        <translation>Hãy nhập tên đăng nhập (hoặc e-mail) và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="179"/>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="203"/>
        <source>Sign-in failed unexpectedly. Try again; if it keeps failing, contact your administrator.</source>
        <translation>Đăng nhập không thành công do lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, hãy liên hệ quản trị.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="216"/>
        <source>Cannot reach the server. Check the address and your network connection, then try again.</source>
        <translation>Không kết nối được máy chủ. Hãy kiểm tra địa chỉ và kết nối mạng rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="218"/>
        <source>Wrong username or password. Check them and try again.</source>
        <translation>Sai tên đăng nhập hoặc mật khẩu. Hãy kiểm tra và thử lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="220"/>
        <source>Your session has ended. Sign in again.</source>
        <translation>Phiên làm việc đã kết thúc. Hãy đăng nhập lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="222"/>
        <source>This device&apos;s access has been revoked. Contact your administrator.</source>
        <translation>Thiết bị này đã bị thu hồi quyền truy cập. Hãy liên hệ quản trị.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/signin.py" line="224"/>
        <source>Your password has expired. Choose a new one to continue.</source>
        <translation>Mật khẩu đã hết hạn. Hãy đặt mật khẩu mới để tiếp tục.</translation>
    </message>
</context>
<context>
    <name>UnitInvitations</name>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="219"/>
        <source>Invitations to my unit</source>
        <translation>Giấy mời gửi đơn vị</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="220"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="220"/>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="220"/>
        <source>Attends for the unit</source>
        <translation>Người dự thay mặt đơn vị</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="220"/>
        <source>Response</source>
        <translation>Phản hồi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="221"/>
        <source>Who attends:</source>
        <translation>Người tham dự:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="222"/>
        <location filename="../../ecabinet_client/ui/lists.py" line="254"/>
        <source>Assign</source>
        <translation>Phân công</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="230"/>
        <source>Not assigned yet</source>
        <translation>Chưa phân công</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="232"/>
        <source>(waiting to sync)</source>
        <translation>(chờ đồng bộ)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/lists.py" line="254"/>
        <source>Choose an invitation in the list and a person first.</source>
        <translation>Hãy chọn một giấy mời trong danh sách và một người trước.</translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Mon</source>
        <translation>T2</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Tue</source>
        <translation>T3</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Wed</source>
        <translation>T4</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Thu</source>
        <translation>T5</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Fri</source>
        <translation>T6</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Sat</source>
        <translation>T7</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="66"/>
        <source>Sun</source>
        <translation>CN</translation>
    </message>
</context>
<context>
    <name>WeekView</name>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="207"/>
        <source>◀ Previous week</source>
        <translation>◀ Tuần trước</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="208"/>
        <source>Previous week (Alt+Left)</source>
        <translation>Tuần trước (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="209"/>
        <source>Next week ▶</source>
        <translation>Tuần sau ▶</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="210"/>
        <source>Next week (Alt+Right)</source>
        <translation>Tuần sau (Alt+→)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="211"/>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="212"/>
        <source>This week (Alt+Home)</source>
        <translation>Tuần này (Alt+Home)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/calendar.py" line="227"/>
        <source>Week of %1 – %2</source>
        <translation>Tuần %1 – %2</translation>
    </message>
</context>
</TS>
