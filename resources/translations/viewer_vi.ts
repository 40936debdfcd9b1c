<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>ViewerWidget</name>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="392"/>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="393"/>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="394"/>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="395"/>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="396"/>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="397"/>
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="398"/>
        <source>Rotate</source>
        <translation>Xoay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="399"/>
        <source>Single page</source>
        <translation>Từng trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="400"/>
        <source>Night mode</source>
        <translation>Chế độ ban đêm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="401"/>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="402"/>
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="403"/>
        <source>Find previous</source>
        <translation>Tìm ngược lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="404"/>
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="405"/>
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="406"/>
        <source>Redo</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="407"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1063"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1069"/>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="408"/>
        <source>Export annotated copy</source>
        <translation>Xuất bản có ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="409"/>
        <source>Export summary</source>
        <translation>Xuất tổng hợp ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="410"/>
        <source>Draw with finger</source>
        <translation>Vẽ bằng ngón tay</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="411"/>
        <source>Share as comment</source>
        <translation>Chia sẻ thành góp ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="414"/>
        <source>Select text</source>
        <translation>Chọn chữ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="415"/>
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="416"/>
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="417"/>
        <source>Strike through</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="418"/>
        <source>Pen</source>
        <translation>Bút</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="419"/>
        <source>Rectangle</source>
        <translation>Khung</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="420"/>
        <source>Arrow</source>
        <translation>Mũi tên</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="421"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="861"/>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="422"/>
        <source>Eraser</source>
        <translation>Tẩy</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="430"/>
        <source>Pages</source>
        <translation>Trang</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="431"/>
        <source>Outline</source>
        <translation>Mục lục</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="432"/>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="433"/>
        <source>Comments</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="434"/>
        <source>Find in document (accents optional)</source>
        <translation>Tìm trong tài liệu (gõ có dấu hoặc không dấu)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="435"/>
        <source>Write a reply…</source>
        <translation>Viết trả lời…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="436"/>
        <source>Reply</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="437"/>
        <source>Resolve</source>
        <translation>Đã giải quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="438"/>
        <source>Share</source>
        <translation>Chia sẻ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="439"/>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="440"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="441"/>
        <source>Line width</source>
        <translation>Độ dày nét</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="442"/>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="443"/>
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="443"/>
        <source>Mine</source>
        <translation>Của tôi</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="443"/>
        <source>Others&apos;</source>
        <translation>Của người khác</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="443"/>
        <source>Unresolved</source>
        <translation>Chưa giải quyết</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="445"/>
        <source>Rendering…</source>
        <translation>Đang hiển thị…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet_client/viewer/widget.py" line="447"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="502"/>
        <source>of %n page(s)</source>
        <translation>
            <numerusform>/ %n trang</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="509"/>
        <source>This file was damaged and has been repaired; some pages may be missing or incomplete.</source>
        <translation>Tệp này bị hỏng và đã được sửa tạm; có thể thiếu trang hoặc trang không đầy đủ. Hãy tải lại tài liệu nếu cần.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="546"/>
        <source>Wrong password. Enter the password of “%1”:</source>
        <translation>Mật khẩu không đúng. Nhập mật khẩu của “%1”:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="546"/>
        <source>Enter the password of “%1”:</source>
        <translation>Nhập mật khẩu của “%1”:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="547"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="713"/>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="723"/>
        <source>p. %1: %2</source>
        <translation>tr. %1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet_client/viewer/widget.py" line="737"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n kết quả</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="781"/>
        <source>Copying text from this document is not allowed.</source>
        <translation>Không được phép sao chép nội dung của tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="844"/>
        <source>Text of the comment:</source>
        <translation>Nội dung góp ý:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="856"/>
        <source>A comment needs text, so the mark was kept as a private note.</source>
        <translation>Góp ý cần có nội dung, nên nét đánh dấu được giữ làm ghi chú cá nhân.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="861"/>
        <source>Text of the note:</source>
        <translation>Nội dung ghi chú:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="918"/>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="844"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="922"/>
        <source>Comment</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="922"/>
        <source>Private note</source>
        <translation>Ghi chú cá nhân</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="923"/>
        <source> (resolved)</source>
        <translation> (đã giải quyết)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="973"/>
        <source>Share the note as a comment before replying to it.</source>
        <translation>Hãy chia sẻ ghi chú thành góp ý trước khi trả lời.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="983"/>
        <source>A resolved comment cannot be reopened. Reply to it instead.</source>
        <translation>Góp ý đã giải quyết thì không mở lại được. Hãy trả lời góp ý đó.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="995"/>
        <source>A comment needs text: write what you want to say about this mark.</source>
        <translation>Góp ý cần có nội dung: hãy viết ý kiến của bạn về chỗ đánh dấu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1015"/>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1032"/>
        <source>Exporting this document is not allowed.</source>
        <translation>Không được phép xuất tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1050"/>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1050"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1054"/>
        <source>-annotated</source>
        <translation>-co-ghi-chu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1058"/>
        <source>-notes</source>
        <translation>-tong-hop-ghi-chu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1063"/>
        <source>Printing this document is not allowed.</source>
        <translation>Không được phép in tài liệu này.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/viewer/widget.py" line="1069"/>
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
