<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>OpinionDialog</name>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="95" />
        <source>Add to opinions</source>
        <translation>Thêm vào ý kiến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="108" />
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="109" />
        <source>Agenda item</source>
        <translation>Nội dung họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="110" />
        <source>Opinion</source>
        <translation>Ý kiến</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="293" />
        <source>Microphone:</source>
        <translation>Micrô:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="294" />
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="295" />
        <source>List the input devices again</source>
        <translation>Liệt kê lại các thiết bị thu âm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="297" />
        <source>Import recording…</source>
        <translation>Nhập bản ghi âm…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="298" />
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="299" />
        <source>Speaker (1–9):</source>
        <translation>Người phát biểu (1–9):</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="300" />
        <source>Agenda item:</source>
        <translation>Nội dung họp:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="301" />
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="301" />
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="301" />
        <source>Text</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="302" />
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="303" />
        <source>Join the selected utterances into one</source>
        <translation>Gộp các đoạn lời đã chọn thành một</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="304" />
        <source>Split</source>
        <translation>Tách</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="305" />
        <source>Split the utterance in two (Ctrl+Shift+S while editing: at the cursor)</source>
        <translation>Tách đoạn lời làm hai (Ctrl+Shift+S khi đang sửa: tại vị trí con trỏ)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="306" />
        <source>Add to opinions</source>
        <translation>Thêm vào ý kiến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="307" />
        <source>Play</source>
        <translation>Nghe lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="308" />
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="309" />
        <source>Input level</source>
        <translation>Mức âm thanh vào</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="318" />
        <source>Resume on this device</source>
        <translation>Tiếp tục trên thiết bị này</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="320" />
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="322" />
        <source>Loading the model…</source>
        <translation>Đang nạp mô hình…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="324" />
        <source>Start transcribing</source>
        <translation>Bắt đầu ghi lời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="326" />
        <source>Resume</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="326" />
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="358" />
        <source>Cannot capture audio: the PortAudio library is missing. Install libportaudio2 or reinstall the application. Recordings can still be imported.</source>
        <translation>Không thu được âm thanh: máy thiếu thư viện PortAudio. Hãy cài gói libportaudio2 hoặc cài lại ứng dụng. Vẫn có thể nhập tệp ghi âm.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="361" />
        <source>No microphone was found. Plug one in or pick another device, then try again.</source>
        <translation>Không tìm thấy micrô. Hãy cắm micrô hoặc chọn thiết bị khác rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="362" />
        <source>This microphone refuses every supported sample rate. Pick another device.</source>
        <translation>Micrô này không chấp nhận tần số lấy mẫu nào được hỗ trợ. Hãy chọn thiết bị khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="363" />
        <source>The microphone could not be opened. Pick another device.</source>
        <translation>Không mở được micrô. Hãy chọn thiết bị khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="365" />
        <source>The microphone stopped (unplugged?). The recording so far is kept: pick a device and press “Resume on this device”.</source>
        <translation>Micrô đã ngừng (bị rút ra?). Bản ghi đến lúc này vẫn được giữ: hãy chọn thiết bị và bấm “Tiếp tục trên thiết bị này”.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="368" />
        <source>The audio file was not found.</source>
        <translation>Không tìm thấy tệp âm thanh.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="369" />
        <source>This file is not a readable audio recording.</source>
        <translation>Tệp này không phải bản ghi âm đọc được.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="370" />
        <source>The speech model folder was not found. Choose it again in the settings.</source>
        <translation>Không tìm thấy thư mục mô hình nhận dạng giọng nói. Hãy chọn lại trong phần cài đặt.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="372" />
        <source>The speech model folder is incomplete (model.bin, config.json and tokenizer.json are required).</source>
        <translation>Thư mục mô hình nhận dạng giọng nói không đầy đủ (cần model.bin, config.json và tokenizer.json).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="374" />
        <source>The default speech model is damaged. Reinstall the application.</source>
        <translation>Mô hình nhận dạng giọng nói mặc định bị hỏng. Hãy cài lại ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="375" />
        <source>The default speech model is missing. Reinstall the application.</source>
        <translation>Thiếu mô hình nhận dạng giọng nói mặc định. Hãy cài lại ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="376" />
        <source>The speech model could not be loaded. Choose another model folder.</source>
        <translation>Không nạp được mô hình nhận dạng giọng nói. Hãy chọn thư mục mô hình khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="377" />
        <source>No speakers or headphones are available to play the audio.</source>
        <translation>Không có loa hoặc tai nghe để phát âm thanh.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="378" />
        <source>The recording could not be read.</source>
        <translation>Không đọc được bản ghi âm.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="379" />
        <source>Transcription stopped after an internal error; the recording is kept.</source>
        <translation>Việc chuyển lời thành văn bản dừng do lỗi nội bộ; bản ghi âm vẫn được giữ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="391" />
        <source>Something went wrong: %1</source>
        <translation>Đã xảy ra lỗi: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="405" />
        <source>System default</source>
        <translation>Mặc định của hệ thống</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="479" />
        <location filename="../../ecabinet_client/asr/panel.py" line="496" />
        <location filename="../../ecabinet_client/asr/panel.py" line="506" />
        <source>Transcribing…</source>
        <translation>Đang ghi lời…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="510" />
        <source>Paused: nothing is recorded until you resume.</source>
        <translation>Đã tạm dừng: không ghi gì cho đến khi bấm Tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="536" />
        <source>Transcription is %1 s behind the room; the audio is kept and the text will catch up.</source>
        <translation>Việc ghi lời đang chậm %1 giây so với phòng họp; âm thanh vẫn được giữ và văn bản sẽ theo kịp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="541" />
        <source>Transcription has caught up.</source>
        <translation>Việc ghi lời đã theo kịp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="551" />
        <source>Transcription stopped.</source>
        <translation>Đã dừng ghi lời.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="812" />
        <source>Added to the opinions of the meeting.</source>
        <translation>Đã thêm vào danh sách ý kiến của cuộc họp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="856" />
        <source>Export the transcript</source>
        <translation>Xuất bản ghi lời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="856" />
        <source>Text (*.txt);;SubRip subtitles (*.srt);;WebVTT subtitles (*.vtt)</source>
        <translation>Văn bản (*.txt);;Phụ đề SubRip (*.srt);;Phụ đề WebVTT (*.vtt)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="862" />
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="864" />
        <source>Transcript exported to %1</source>
        <translation>Đã xuất bản ghi lời ra %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="871" />
        <source>Import a recording</source>
        <translation>Nhập bản ghi âm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="871" />
        <source>Audio (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm);;All files (*)</source>
        <translation>Âm thanh (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="905" />
        <source>Transcribing %1…</source>
        <translation>Đang chuyển %1 thành văn bản…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet_client/asr/panel.py" line="932" />
        <source>Imported %n utterance(s).</source>
        <translation>
            <numerusform>Đã nhập %n đoạn lời.</numerusform></translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="938" />
        <source>Import cancelled.</source>
        <translation>Đã huỷ nhập bản ghi.</translation>
    </message>
</context>
</TS>