<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ViewerWidget</name>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="403"/>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="404"/>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="405"/>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="406"/>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="407"/>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="408"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="409"/>
        <source>Rotate</source>
        <translation>Xoay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="410"/>
        <source>Single page</source>
        <translation>Từng trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="411"/>
        <source>Night mode</source>
        <translation>Chế độ ban đêm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="412"/>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="413"/>
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="414"/>
        <source>Find previous</source>
        <translation>Tìm ngược lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="415"/>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="416"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="417"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="418"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1199"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1205"/>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="419"/>
        <source>Export annotated copy</source>
        <translation>Xuất bản có ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="420"/>
        <source>Export summary</source>
        <translation>Xuất tổng hợp ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="421"/>
        <source>Draw with finger</source>
        <translation>Vẽ bằng ngón tay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="422"/>
        <source>Share as comment</source>
        <translation>Chia sẻ thành góp ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="425"/>
        <source>Select text</source>
        <translation>Chọn chữ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="426"/>
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="427"/>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="428"/>
        <source>Strike through</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="429"/>
        <source>Pen</source>
        <translation>Bút</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="430"/>
        <source>Rectangle</source>
        <translation>Khung</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="431"/>
        <source>Arrow</source>
        <translation>Mũi tên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="432"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="918"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="433"/>
        <source>Eraser</source>
        <translation>Tẩy</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="441"/>
        <source>Pages</source>
        <translation>Trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="442"/>
        <source>Outline</source>
        <translation>Mục lục</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="443"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="444"/>
        <source>Comments</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="445"/>
        <source>Find in document (accents optional)</source>
        <translation>Tìm trong tài liệu (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="446"/>
        <source>Write a reply…</source>
        <translation>Viết trả lời…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="447"/>
        <source>Reply</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="456"/>
        <source>Drag to move it. When it is selected, the arrow keys move it by 1 pt, with Shift by 10 pt.</source>
        <translation>Kéo để di chuyển. Khi đã chọn, phím mũi tên dời 1 pt, giữ Shift thì dời 10 pt.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="891"/>
        <source>A reply needs text: write 1 to 20,000 characters.</source>
        <translation>Trả lời cần có nội dung: hãy viết từ 1 đến 20.000 ký tự.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="892"/>
        <source>A comment needs text: write 1 to 20,000 characters.</source>
        <translation>Góp ý cần có nội dung: hãy viết từ 1 đến 20.000 ký tự.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="894"/>
        <source>The text is too long: at most 20,000 characters, this one has %1.</source>
        <translation>Nội dung quá dài: tối đa 20.000 ký tự, nội dung này có %1 ký tự.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="910"/>
        <source>The mark was kept as a private note.</source>
        <translation>Nét đánh dấu được giữ làm ghi chú cá nhân.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="924"/>
        <source>A note needs text, so nothing was added.</source>
        <translation>Ghi chú cần có nội dung nên chưa có gì được thêm.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="952"/>
        <source>A highlight stays on its text: delete it and mark the new text.</source>
        <translation>Phần đánh dấu gắn với chữ của nó: hãy xoá rồi đánh dấu chữ mới.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="954"/>
        <source>Only its author can move this comment.</source>
        <translation>Chỉ người viết góp ý này mới di chuyển được góp ý.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="956"/>
        <source>A resolved comment cannot be moved. Reopen it first.</source>
        <translation>Góp ý đã giải quyết thì không di chuyển được. Hãy mở lại góp ý trước.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="958"/>
        <source>Comments cannot be moved here.</source>
        <translation>Ở đây không di chuyển được góp ý.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1012"/>
        <source>Saved on this device; sent to the server as soon as it can be.</source>
        <translation>Đã lưu trên thiết bị này; sẽ được gửi lên máy chủ ngay khi có thể.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1022"/>
        <source>Waiting to sync</source>
        <translation>Đang chờ đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1061"/>
        <source>Resolve</source>
        <translation>Giải quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="448"/>
        <source>Share</source>
        <translation>Chia sẻ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="449"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="450"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="451"/>
        <source>Line width</source>
        <translation>Độ dày nét</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="452"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="453"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="453"/>
        <source>Mine</source>
        <translation>Của tôi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="453"/>
        <source>Others&apos;</source>
        <translation>Của người khác</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="453"/>
        <source>Unresolved</source>
        <translation>Chưa giải quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="455"/>
        <source>Rendering…</source>
        <translation>Đang hiển thị…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet_client/viewer/widget.py" line="458"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="514"/>
        <source>of %n page(s)</source>
        <translation>
            <numerusform>/ %n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="520"/>
        <source>This file was damaged and has been repaired; some pages may be missing or incomplete.</source>
        <translation>Tệp này bị hỏng và đã được sửa tạm; có thể thiếu trang hoặc trang không đầy đủ. Hãy tải lại tài liệu nếu cần.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="562"/>
        <source>Wrong password. Enter the password of “%1”:</source>
        <translation>Mật khẩu không đúng. Nhập mật khẩu của “%1”:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="562"/>
        <source>Enter the password of “%1”:</source>
        <translation>Nhập mật khẩu của “%1”:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="563"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="751"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="761"/>
        <source>p. %1: %2</source>
        <translation>tr. %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet_client/viewer/widget.py" line="775"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n kết quả</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="819"/>
        <source>Copying text from this document is not allowed.</source>
        <translation>Không được phép sao chép nội dung của tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="882"/>
        <source>Text of the comment:</source>
        <translation>Nội dung góp ý:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="913"/>
        <source>A comment needs text, so the mark was kept as a private note.</source>
        <translation>Góp ý cần có nội dung, nên nét đánh dấu được giữ làm ghi chú cá nhân.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="918"/>
        <source>Text of the note:</source>
        <translation>Nội dung ghi chú:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1027"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="882"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1031"/>
        <source>Comment</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1031"/>
        <source>Private note</source>
        <translation>Ghi chú cá nhân</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1032"/>
        <source> (resolved)</source>
        <translation> (đã giải quyết)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1061"/>
        <source>Reopen</source>
        <translation>Mở lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1097"/>
        <source>Select the comment to reply to.</source>
        <translation>Hãy chọn góp ý cần trả lời.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1104"/>
        <source>Share the note as a comment before replying to it.</source>
        <translation>Hãy chia sẻ ghi chú thành góp ý trước khi trả lời.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1115"/>
        <source>A resolved comment cannot be reopened. Reply to it instead.</source>
        <translation>Góp ý đã giải quyết thì không mở lại được. Hãy trả lời góp ý đó.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1127"/>
        <source>A comment needs text: write what you want to say about this mark.</source>
        <translation>Góp ý cần có nội dung: hãy viết ý kiến của bạn về chỗ đánh dấu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1151"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1168"/>
        <source>Exporting this document is not allowed.</source>
        <translation>Không được phép xuất tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1186"/>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1186"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1190"/>
        <source>-annotated</source>
        <translation>-co-ghi-chu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1194"/>
        <source>-notes</source>
        <translation>-tong-hop-ghi-chu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1199"/>
        <source>Printing this document is not allowed.</source>
        <translation>Không được phép in tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1205"/>
        <source>Printing is not available here; export an annotated copy instead.</source>
        <translation>Máy này không in được; hãy xuất bản có ghi chú để in ở máy khác.</translation>
    </message>
</context>
<context>
    <name>ViewerWindow</name>
    <message>
        <location filename="../../ecabinet_client/viewer/window.py" line="73"/>
        <source>%1 — eCabinet</source>
        <translation>%1 — eCabinet</translation>
    </message>
</context>
</TS>
