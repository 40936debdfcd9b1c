<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AnalogVoteDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="199"/>
        <source>Record a show of hands</source>
        <translation>Ghi nhận biểu quyết giơ tay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="205"/>
        <source>%1 members present may vote.</source>
        <translation>%1 thành viên có mặt được biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="206"/>
        <source>Enter the counts</source>
        <translation>Nhập số phiếu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="207"/>
        <source>Enter each member&apos;s choice</source>
        <translation>Nhập lựa chọn của từng thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="227"/>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="227"/>
        <source>Choice</source>
        <translation>Lựa chọn</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="243"/>
        <source>Record</source>
        <translation>Ghi nhận</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../ecabinet_client/ui/banner.py" line="25"/>
        <source>The service cannot be reached. Check the network and try again.</source>
        <translation>Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/banner.py" line="26"/>
        <source>Something went wrong: %1</source>
        <translation>Đã xảy ra lỗi: %1</translation>
    </message>
</context>
<context>
    <name>CameraScanDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="299"/>
        <source>Scan the QR code</source>
        <translation>Quét mã QR</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="300"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="300"/>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="312"/>
        <source>No camera found. Type the code under the QR code, or choose a photo.</source>
        <translation>Không tìm thấy camera. Hãy nhập mã dưới mã QR, hoặc chọn một ảnh chụp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="314"/>
        <source>The camera stopped sending pictures. Type the code under the QR code, or choose a photo.</source>
        <translation>Camera đã ngừng gửi hình. Hãy nhập mã dưới mã QR, hoặc chọn một ảnh chụp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="316"/>
        <source>Starting the camera…</source>
        <translation>Đang bật camera…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="318"/>
        <source>This is the poster at the door. Now point the camera at the code on the room screen.</source>
        <translation>Đây là áp phích ở cửa. Bây giờ hãy hướng camera vào mã trên màn hình phòng họp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="320"/>
        <source>This QR code belongs to another meeting.</source>
        <translation>Mã QR này thuộc một cuộc họp khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="322"/>
        <source>This is not an eCabinet check-in code.</source>
        <translation>Đây không phải mã điểm danh eCabinet.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/camera.py" line="324"/>
        <source>Point the camera at the code on the screen…</source>
        <translation>Hướng camera vào mã trên màn hình…</translation>
    </message>
</context>
<context>
    <name>CheckInBox</name>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="244"/>
        <location filename="../../ecabinet_client/ui/checkin.py" line="246"/>
        <source>Check in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="245"/>
        <source>6-digit code under the QR code on the room screen</source>
        <translation>Mã 6 chữ số dưới mã QR trên màn hình phòng họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="247"/>
        <source>Scan with camera</source>
        <translation>Quét bằng camera</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="248"/>
        <source>Scan a photo of the QR code…</source>
        <translation>Quét ảnh chụp mã QR…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="262"/>
        <source>✔ You are marked present (arrived at %1).</source>
        <translation>✔ Bạn đã được ghi nhận có mặt (đến lúc %1).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="265"/>
        <source>You are recorded as having left the room. Check in again when you are back.</source>
        <translation>Bạn được ghi nhận đã rời phòng họp. Hãy điểm danh lại khi quay lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="268"/>
        <source>Scan the QR code at the room&apos;s entrance or type the code shown under it.</source>
        <translation>Quét mã QR ở cửa phòng họp hoặc nhập mã hiển thị bên dưới mã QR.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="279"/>
        <source>This QR code belongs to another meeting.</source>
        <translation>Mã QR này thuộc một cuộc họp khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="284"/>
        <source>Meeting found. Now type the 6-digit code shown on the room screen.</source>
        <translation>Đã nhận ra cuộc họp. Bây giờ hãy nhập mã 6 chữ số hiển thị trên màn hình phòng họp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="286"/>
        <source>Type the 6-digit code shown under the QR code.</source>
        <translation>Hãy nhập mã 6 chữ số hiển thị bên dưới mã QR.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="289"/>
        <source>The code has 6 digits.</source>
        <translation>Mã gồm 6 chữ số.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="297"/>
        <source>Check-in sent; waiting for the service to confirm…</source>
        <translation>Đã gửi điểm danh; đang chờ máy chủ xác nhận…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="314"/>
        <source>Choose a photo of the QR code</source>
        <translation>Chọn ảnh chụp mã QR</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="315"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.bmp *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="331"/>
        <source>No eCabinet check-in QR code was found in this image. Try again or type the code.</source>
        <translation>Không tìm thấy mã QR điểm danh eCabinet trong ảnh này. Hãy thử lại hoặc nhập mã.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="339"/>
        <source>This file could not be read as an image.</source>
        <translation>Không đọc được tệp này dưới dạng ảnh.</translation>
    </message>
</context>
<context>
    <name>CheckInPane</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="409"/>
        <source>Print the A4 poster (PDF)…</source>
        <translation>In áp phích A4 (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="410"/>
        <source>Show the code on the room screen</source>
        <translation>Hiển thị mã trên màn hình phòng họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="411"/>
        <location filename="../../ecabinet_client/ui/console.py" line="417"/>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="412"/>
        <source>invited</source>
        <translation>được mời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="412"/>
        <source>confirmed</source>
        <translation>xác nhận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="412"/>
        <source>substitutes</source>
        <translation>dự thay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="413"/>
        <source>present</source>
        <translation>có mặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="413"/>
        <source>absent / excused</source>
        <translation>vắng / có phép</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="413"/>
        <source>quorum</source>
        <translation>đủ túc số</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="416"/>
        <source>Attendee</source>
        <translation>Người dự họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="416"/>
        <source>Seat</source>
        <translation>Tư cách</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="416"/>
        <source>Invitation</source>
        <translation>Giấy mời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="417"/>
        <source>Arrived</source>
        <translation>Đến lúc</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="417"/>
        <source>Left</source>
        <translation>Rời đi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="418"/>
        <source>Reason or note (for absent, excused)</source>
        <translation>Lý do hoặc ghi chú (khi vắng, có phép)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="419"/>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="419"/>
        <source>Departed</source>
        <translation>Rời phòng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="419"/>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="420"/>
        <source>Excused</source>
        <translation>Vắng có phép</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="456"/>
        <source>The code cannot be fetched: %1</source>
        <translation>Không lấy được mã: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="464"/>
        <source>New code in %1 s</source>
        <translation>Mã mới sau %1 giây</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="484"/>
        <source>quorum (%1 needed)</source>
        <translation>túc số (cần %1)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="486"/>
        <source>Members present / needed for the quorum (more than half of %1 members)</source>
        <translation>Thành viên có mặt / số cần để đủ túc số (quá nửa của %1 thành viên)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="490"/>
        <source>declined</source>
        <translation>từ chối</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="492"/>
        <source>Absent: %1</source>
        <translation>Vắng: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="501"/>
        <source>substitute for %1</source>
        <translation>dự thay %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="503"/>
        <source>guest (does not vote)</source>
        <translation>khách mời (không biểu quyết)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="505"/>
        <source>member</source>
        <translation>thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="558"/>
        <source>Save the check-in poster</source>
        <translation>Lưu áp phích điểm danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="560"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="562"/>
        <source>check-in poster.pdf</source>
        <translation>ap-phich-diem-danh.pdf</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="575"/>
        <source>The poster could not be saved: %1</source>
        <translation>Không lưu được áp phích: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="577"/>
        <source>Poster saved: %1. Print it on A4 and post it at the entrance.</source>
        <translation>Đã lưu áp phích: %1. Hãy in trên khổ A4 và dán ở cửa phòng họp.</translation>
    </message>
</context>
<context>
    <name>CheckInPoster</name>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="137"/>
        <source>MEETING CHECK-IN</source>
        <translation>ĐIỂM DANH CUỘC HỌP</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="147"/>
        <source>1. Open eCabinet on your tablet and scan this code (or choose the meeting and tap “Check in”).
2. Type the 6-digit code shown on the screen in the room, or scan the code on that screen.
The code on the screen changes every 30 seconds: a photo of it does not work outside the room.</source>
        <translation>1. Mở eCabinet trên máy tính bảng và quét mã này (hoặc chọn cuộc họp rồi chạm “Điểm danh”).
2. Nhập mã 6 chữ số hiển thị trên màn hình trong phòng họp, hoặc quét mã QR trên màn hình đó.
Mã trên màn hình thay đổi sau mỗi 30 giây: ảnh chụp mã không dùng được ở ngoài phòng họp.</translation>
    </message>
</context>
<context>
    <name>ConclusionsPane</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1083"/>
        <source>Conclusion of:</source>
        <translation>Kết luận cho:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1084"/>
        <source>The conclusion as the chair states it…</source>
        <translation>Nội dung kết luận của chủ trì…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1085"/>
        <source>Save the conclusion</source>
        <translation>Lưu kết luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1096"/>
        <location filename="../../ecabinet_client/ui/console.py" line="1105"/>
        <source>The whole meeting</source>
        <translation>Toàn cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1106"/>
        <source> (waiting for the service)</source>
        <translation> (đang chờ máy chủ)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1118"/>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1118"/>
        <location filename="../../ecabinet_client/ui/console.py" line="1130"/>
        <source>Waiting for the service…</source>
        <translation>Đang chờ máy chủ…</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="63"/>
        <source>more than half of those present</source>
        <translation>quá nửa số thành viên có mặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="64"/>
        <source>more than half of all members</source>
        <translation>quá nửa tổng số thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="65"/>
        <source>at least two thirds of those present</source>
        <translation>ít nhất hai phần ba số thành viên có mặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="66"/>
        <source>at least two thirds of all members</source>
        <translation>ít nhất hai phần ba tổng số thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="72"/>
        <source>Prepared</source>
        <translation>Đã soạn</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="73"/>
        <source>Voting</source>
        <translation>Đang biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="74"/>
        <source>Closed</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="75"/>
        <source>Published</source>
        <translation>Đã công bố</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="83"/>
        <source>Passed</source>
        <translation>Thông qua</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="84"/>
        <source>Not passed</source>
        <translation>Không thông qua</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="85"/>
        <source>No quorum</source>
        <translation>Không đủ túc số</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="91"/>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="92"/>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="93"/>
        <source>Excused</source>
        <translation>Vắng có phép</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="94"/>
        <source>Left</source>
        <translation>Rời đi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="95"/>
        <source>Not checked in</source>
        <translation>Chưa điểm danh</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1315"/>
        <source>Meeting console</source>
        <translation>Bàn điều khiển cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1316"/>
        <source>Start the meeting</source>
        <translation>Bắt đầu cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1317"/>
        <location filename="../../ecabinet_client/ui/console.py" line="1446"/>
        <source>End the meeting</source>
        <translation>Kết thúc cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1318"/>
        <source>Agenda</source>
        <translation>Chương trình họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1319"/>
        <source>Now discussing:</source>
        <translation>Đang thảo luận:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1320"/>
        <source>◀ Previous</source>
        <translation>◀ Nội dung trước</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1321"/>
        <source>Previous agenda item (Alt+Left)</source>
        <translation>Nội dung trước (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1322"/>
        <source>Next ▶</source>
        <translation>Nội dung sau ▶</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1323"/>
        <source>Next agenda item (Alt+Right)</source>
        <translation>Nội dung sau (Alt+→)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1324"/>
        <source>Full screen</source>
        <translation>Toàn màn hình</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1325"/>
        <source>Check-in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1325"/>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1325"/>
        <source>Speakers</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1325"/>
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1326"/>
        <source>Conclusions</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1326"/>
        <source>Transcript</source>
        <translation>Bản ghi lời nói</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1369"/>
        <source>Present %1/%2 members</source>
        <translation>Có mặt %1/%2 thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1370"/>
        <source>quorum</source>
        <translation>đủ túc số</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1370"/>
        <source>no quorum yet</source>
        <translation>chưa đủ túc số</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1388"/>
        <source>(no item)</source>
        <translation>(chưa có nội dung)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1409"/>
        <source>Refused by the service: %1</source>
        <translation>Máy chủ từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1414"/>
        <source>Offline: changes wait and are sent when the service answers.</source>
        <translation>Mất kết nối: các thay đổi đang chờ và sẽ được gửi khi máy chủ trả lời.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1447"/>
        <source>End the meeting now? Votes still open stay open until you close them; the record (conclusions, transcript) can still be completed.</source>
        <translation>Kết thúc cuộc họp ngay bây giờ? Các biểu quyết đang mở vẫn mở cho đến khi bạn đóng; biên bản (kết luận, bản ghi lời nói) vẫn có thể được hoàn thiện.</translation>
    </message>
</context>
<context>
    <name>DocumentsPane</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="998"/>
        <source>Add to:</source>
        <translation>Thêm vào:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="999"/>
        <source>Add a document…</source>
        <translation>Thêm tài liệu…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1007"/>
        <location filename="../../ecabinet_client/ui/console.py" line="1016"/>
        <source>(the whole meeting)</source>
        <translation>(toàn cuộc họp)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1017"/>
        <source> (waiting for the service)</source>
        <translation> (đang chờ máy chủ)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1023"/>
        <source>Choose the document to add</source>
        <translation>Chọn tài liệu cần thêm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1025"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1047"/>
        <source>Document added: %1. Every participant receives it now.</source>
        <translation>Đã thêm tài liệu: %1. Mọi người dự họp nhận được ngay.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1049"/>
        <source>The document could not be added: %1</source>
        <translation>Không thêm được tài liệu: %1</translation>
    </message>
</context>
<context>
    <name>LivePanel</name>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="177"/>
        <source>Live meeting</source>
        <translation>Cuộc họp trực tuyến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="178"/>
        <source>Now discussing</source>
        <translation>Đang thảo luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="179"/>
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="180"/>
        <source>Speaking</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="181"/>
        <source>Topic (optional)</source>
        <translation>Chủ đề (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="182"/>
        <source>Conclusions</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="231"/>
        <source>The meeting has not started yet.</source>
        <translation>Cuộc họp chưa bắt đầu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="233"/>
        <source>(no item)</source>
        <translation>(chưa có nội dung)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="263"/>
        <source>● Online</source>
        <translation>● Đang kết nối</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="263"/>
        <source>● Offline</source>
        <translation>● Mất kết nối</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="286"/>
        <source>Secret ballot: nobody can see your choice.</source>
        <translation>Bỏ phiếu kín: không ai thấy được lựa chọn của bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="286"/>
        <source>Named vote.</source>
        <translation>Biểu quyết công khai.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="288"/>
        <source>%1 have voted so far.</source>
        <translation>Đã có %1 người biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="313"/>
        <source>You follow this vote; you do not vote in it.</source>
        <translation>Bạn theo dõi biểu quyết này; bạn không tham gia biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="315"/>
        <source>Check in first: only members present in the room vote.</source>
        <translation>Hãy điểm danh trước: chỉ thành viên có mặt trong phòng họp mới được biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="317"/>
        <source>✔ Your secret ballot was sent.</source>
        <translation>✔ Phiếu kín của bạn đã được gửi.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="320"/>
        <source>✔ You chose “%1”.</source>
        <translation>✔ Bạn đã chọn “%1”.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="322"/>
        <source>(waiting to be sent)</source>
        <translation>(đang chờ gửi)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="324"/>
        <source>You may change your choice while the vote is open.</source>
        <translation>Bạn có thể thay đổi lựa chọn khi biểu quyết còn mở.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="326"/>
        <source>Tap your choice.</source>
        <translation>Chạm vào lựa chọn của bạn.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="328"/>
        <source>You are offline: a choice is sent when the connection returns, and it does not count if the vote has closed by then.</source>
        <translation>Bạn đang mất kết nối: lựa chọn sẽ được gửi khi có kết nối lại, và không được tính nếu biểu quyết đã kết thúc trước đó.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="345"/>
        <source>Result: %1 (%2 took part).</source>
        <translation>Kết quả: %1 (%2 người tham gia).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="348"/>
        <source>The vote is closed; the chair has not published the result yet.</source>
        <translation>Biểu quyết đã kết thúc; chủ trì chưa công bố kết quả.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="350"/>
        <source>You chose “%1”.</source>
        <translation>Bạn đã chọn “%1”.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="352"/>
        <source>The vote closed while you were offline; you did not vote.</source>
        <translation>Biểu quyết đã kết thúc khi bạn mất kết nối; bạn chưa biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="362"/>
        <source>You have the floor.</source>
        <translation>Bạn đang phát biểu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="363"/>
        <source>Request to speak again</source>
        <translation>Đăng ký phát biểu tiếp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="367"/>
        <source>You are number %1 of %2 in the queue.</source>
        <translation>Bạn đang ở vị trí số %1 trong %2 người chờ phát biểu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="369"/>
        <source>Withdraw my request</source>
        <translation>Rút đăng ký phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="373"/>
        <source>%1 has the floor.</source>
        <translation>%1 đang phát biểu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="374"/>
        <source>Nobody has the floor.</source>
        <translation>Chưa có ai phát biểu.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="375"/>
        <source>Request to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="389"/>
        <source>You have the floor: %1</source>
        <translation>Bạn đang phát biểu: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="404"/>
        <source>The vote “%1” closed while you were offline: you did not vote in it.</source>
        <translation>Biểu quyết “%1” đã kết thúc khi bạn mất kết nối: bạn chưa biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="432"/>
        <source>Your vote on “%1” did not count: the vote closed before it reached the service (you were offline).</source>
        <translation>Phiếu của bạn cho “%1” không được tính: biểu quyết đã kết thúc trước khi phiếu đến máy chủ (bạn mất kết nối).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="435"/>
        <source>Your vote was refused: %1</source>
        <translation>Phiếu của bạn bị từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="437"/>
        <source>Check-in refused: %1</source>
        <translation>Điểm danh bị từ chối: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/live.py" line="439"/>
        <source>Your request was refused: %1</source>
        <translation>Yêu cầu của bạn bị từ chối: %1</translation>
    </message>
</context>
<context>
    <name>NewPollDialog</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="109"/>
        <source>New vote</source>
        <translation>Tạo biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="113"/>
        <source>Question</source>
        <translation>Nội dung biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="115"/>
        <source>(the whole meeting)</source>
        <translation>(toàn cuộc họp)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="120"/>
        <source>Agenda item</source>
        <translation>Nội dung họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="121"/>
        <source>Agree / Disagree / Abstain</source>
        <translation>Đồng ý / Không đồng ý / Không biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="122"/>
        <source>Custom options (one per line)</source>
        <translation>Phương án khác (mỗi dòng một phương án)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="126"/>
        <source>Option A
Option B</source>
        <translation>Phương án A
Phương án B</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="134"/>
        <source>Options</source>
        <translation>Phương án</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="135"/>
        <source>Secret ballot (nobody can see who voted what)</source>
        <translation>Bỏ phiếu kín (không ai biết ai chọn gì)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="137"/>
        <source>Members may change their choice while the vote is open</source>
        <translation>Thành viên được thay đổi lựa chọn khi biểu quyết còn mở</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="145"/>
        <source>of the members present</source>
        <translation>số thành viên có mặt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="146"/>
        <source>of all members</source>
        <translation>tổng số thành viên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="149"/>
        <source>more than half</source>
        <translation>quá nửa</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="150"/>
        <source>at least two thirds</source>
        <translation>ít nhất hai phần ba</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="154"/>
        <source>Passes with</source>
        <translation>Thông qua khi được</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="161"/>
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="168"/>
        <source>Agree</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="168"/>
        <source>Disagree</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="168"/>
        <source>Abstain</source>
        <translation>Không biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="183"/>
        <source>Write the question members vote on.</source>
        <translation>Hãy nhập nội dung cần biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="185"/>
        <source>Give at least two different options.</source>
        <translation>Hãy nhập ít nhất hai phương án khác nhau.</translation>
    </message>
</context>
<context>
    <name>QrScreen</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="272"/>
        <source>Scan with eCabinet or type the code. It changes every 30 seconds.</source>
        <translation>Quét bằng eCabinet hoặc nhập mã. Mã thay đổi sau mỗi 30 giây.</translation>
    </message>
</context>
<context>
    <name>QrWidget</name>
    <message>
        <location filename="../../ecabinet_client/ui/checkin.py" line="181"/>
        <source>The code appears when the service answers</source>
        <translation>Mã sẽ hiện khi máy chủ trả lời</translation>
    </message>
</context>
<context>
    <name>SpeakersPane</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="862"/>
        <source>Has the floor</source>
        <translation>Đang phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="863"/>
        <source>Time limit (minutes, 0 = none):</source>
        <translation>Giới hạn thời gian (phút, 0 = không giới hạn):</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="864"/>
        <source>Take back the floor</source>
        <translation>Kết thúc lượt phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="866"/>
        <source>Requests to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="867"/>
        <source>Move up</source>
        <translation>Lên trên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="869"/>
        <source>Move down</source>
        <translation>Xuống dưới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="871"/>
        <source>Give the floor</source>
        <translation>Mời phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="873"/>
        <source>Speaking time in this meeting</source>
        <translation>Thời gian phát biểu trong cuộc họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="874"/>
        <source>Person</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="874"/>
        <source>Turns</source>
        <translation>Số lượt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="874"/>
        <source>Total</source>
        <translation>Tổng thời gian</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="914"/>
        <source>not yet</source>
        <translation>chưa phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="921"/>
        <source>Nobody has the floor.</source>
        <translation>Chưa có ai phát biểu.</translation>
    </message>
</context>
<context>
    <name>TranscriptPane</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1155"/>
        <source>The transcript panel opens here when this tab is shown.</source>
        <translation>Bảng ghi lời phát biểu mở tại đây khi chọn thẻ này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1157"/>
        <source>The meeting&apos;s secretary records the transcript; it appears in the meeting&apos;s record.</source>
        <translation>Thư ký cuộc họp ghi lời phát biểu; nội dung được lưu trong hồ sơ cuộc họp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="1170"/>
        <source>The transcript panel could not be opened; see the log.</source>
        <translation>Không mở được bảng ghi lời nói; xem nhật ký.</translation>
    </message>
</context>
<context>
    <name>VotesPane</name>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="642"/>
        <source>New vote…</source>
        <translation>Tạo biểu quyết…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="644"/>
        <source>Open the vote</source>
        <translation>Mở biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="645"/>
        <source>Close the vote</source>
        <translation>Kết thúc biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="646"/>
        <source>Publish the result</source>
        <translation>Công bố kết quả</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="647"/>
        <source>Show of hands…</source>
        <translation>Biểu quyết giơ tay…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="648"/>
        <source>Question</source>
        <translation>Nội dung biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="648"/>
        <source>Ballot</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="648"/>
        <source>Passes with</source>
        <translation>Thông qua khi được</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="649"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="649"/>
        <source>Voted</source>
        <translation>Đã biểu quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="649"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="650"/>
        <source>The selected vote</source>
        <translation>Biểu quyết đang chọn</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="670"/>
        <source>secret</source>
        <translation>bỏ phiếu kín</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="670"/>
        <source>named</source>
        <translation>công khai</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="707"/>
        <source>No vote yet. Create one with “New vote” (Ctrl+N).</source>
        <translation>Chưa có biểu quyết. Tạo bằng “Tạo biểu quyết” (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="713"/>
        <source>Agenda item: %1</source>
        <translation>Nội dung họp: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="713"/>
        <source>(the whole meeting)</source>
        <translation>(toàn cuộc họp)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="714"/>
        <source>Passes with %1.</source>
        <translation>Thông qua khi được %1 đồng ý.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="716"/>
        <source>Secret ballot: only how many have voted is known, never who chose what.</source>
        <translation>Bỏ phiếu kín: chỉ biết số người đã bỏ phiếu, không bao giờ biết ai chọn gì.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="718"/>
        <source>%1 of %2 members present have voted.</source>
        <translation>%1 trên %2 thành viên có mặt đã biểu quyết.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="722"/>
        <source>%1 — %2 took part; %3 members present of %4; %5 needed to pass.</source>
        <translation>%1 — %2 người tham gia; %3 thành viên có mặt trên tổng số %4; cần %5 phiếu để thông qua.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="727"/>
        <source>Recorded by show of hands.</source>
        <translation>Ghi nhận bằng hình thức giơ tay.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="751"/>
        <source>Vote created: %1</source>
        <translation>Đã tạo biểu quyết: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="761"/>
        <source>No quorum</source>
        <translation>Không đủ túc số</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/ui/console.py" line="762"/>
        <source>Only %1 of %2 members are present; %3 are needed for a quorum. The result of a vote without a quorum is recorded as “no quorum”. Open the vote anyway?</source>
        <translation>Chỉ có %1 trên %2 thành viên có mặt; cần %3 để đủ túc số. Kết quả biểu quyết khi không đủ túc số được ghi là “không đủ túc số”. Vẫn mở biểu quyết?</translation>
    </message>
</context>
</TS>
