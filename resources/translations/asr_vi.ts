<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>OpinionDialog</name>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="109"/>
        <source>Add to opinions</source>
        <translation>Thêm vào ý kiến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="122"/>
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="123"/>
        <source>Agenda item</source>
        <translation>Nội dung họp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="124"/>
        <source>Opinion</source>
        <translation>Ý kiến</translation>
    </message>
</context>
<context>
    <name>TranscriptPanel</name>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="333"/>
        <source>Microphone:</source>
        <translation>Micrô:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="334"/>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="335"/>
        <source>List the input devices again</source>
        <translation>Liệt kê lại các thiết bị thu âm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="337"/>
        <source>Import recording…</source>
        <translation>Nhập bản ghi âm…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="338"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="339"/>
        <source>Speaker (1–9):</source>
        <translation>Người phát biểu (1–9):</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="340"/>
        <source>Agenda item:</source>
        <translation>Nội dung họp:</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="341"/>
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="341"/>
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="341"/>
        <source>Text</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="342"/>
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="343"/>
        <source>Join the selected utterances into one</source>
        <translation>Gộp các đoạn lời đã chọn thành một</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="344"/>
        <source>Split</source>
        <translation>Tách</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="345"/>
        <source>Split the utterance in two (Ctrl+Shift+S while editing: at the cursor)</source>
        <translation>Tách đoạn lời làm hai (Ctrl+Shift+S khi đang sửa: tại vị trí con trỏ)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="346"/>
        <source>Add to opinions</source>
        <translation>Thêm vào ý kiến</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="347"/>
        <source>Play</source>
        <translation>Nghe lại</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="348"/>
        <source>Export…</source>
        <translation>Xuất…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="349"/>
        <source>Input level</source>
        <translation>Mức âm thanh vào</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="350"/>
        <source>Speech model…</source>
        <translation>Mô hình giọng nói…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="352"/>
        <source>Choose a CTranslate2 Whisper model folder (for example a PhoWhisper conversion for better Vietnamese)</source>
        <translation>Chọn thư mục mô hình Whisper dạng CTranslate2 (ví dụ bản chuyển đổi PhoWhisper để nhận dạng tiếng Việt tốt hơn)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="354"/>
        <source>Default model</source>
        <translation>Mô hình mặc định</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="355"/>
        <source>Use the Whisper base model installed with the application</source>
        <translation>Dùng mô hình Whisper base được cài cùng ứng dụng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="367"/>
        <source>Resume on this device</source>
        <translation>Tiếp tục trên thiết bị này</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="369"/>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="371"/>
        <source>Loading the model…</source>
        <translation>Đang nạp mô hình…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="373"/>
        <source>Start transcribing</source>
        <translation>Bắt đầu ghi lời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="375"/>
        <source>Resume</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="375"/>
        <source>Pause</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="407"/>
        <source>Cannot capture audio: the PortAudio library is missing. Install libportaudio2 or reinstall the application. Recordings can still be imported.</source>
        <translation>Không thu được âm thanh: máy thiếu thư viện PortAudio. Hãy cài gói libportaudio2 hoặc cài lại ứng dụng. Vẫn có thể nhập tệp ghi âm.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="410"/>
        <source>No microphone was found. Plug one in or pick another device, then try again.</source>
        <translation>Không tìm thấy micrô. Hãy cắm micrô hoặc chọn thiết bị khác rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="411"/>
        <source>This microphone refuses every supported sample rate. Pick another device.</source>
        <translation>Micrô này không chấp nhận tần số lấy mẫu nào được hỗ trợ. Hãy chọn thiết bị khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="412"/>
        <source>The microphone could not be opened. Pick another device.</source>
        <translation>Không mở được micrô. Hãy chọn thiết bị khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="414"/>
        <source>The microphone stopped (unplugged?). The recording so far is kept: pick a device and press “Resume on this device”.</source>
        <translation>Micrô đã ngừng (bị rút ra?). Bản ghi đến lúc này vẫn được giữ: hãy chọn thiết bị và bấm “Tiếp tục trên thiết bị này”.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="417"/>
        <source>The audio file was not found.</source>
        <translation>Không tìm thấy tệp âm thanh.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="418"/>
        <source>This file is not a readable audio recording.</source>
        <translation>Tệp này không phải bản ghi âm đọc được.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="419"/>
        <source>The speech model folder was not found. Choose it again in the settings.</source>
        <translation>Không tìm thấy thư mục mô hình nhận dạng giọng nói. Hãy chọn lại trong phần cài đặt.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="421"/>
        <source>The speech model folder is incomplete (model.bin, config.json and tokenizer.json are required).</source>
        <translation>Thư mục mô hình nhận dạng giọng nói không đầy đủ (cần model.bin, config.json và tokenizer.json).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="423"/>
        <source>The default speech model is damaged. Reinstall the application.</source>
        <translation>Mô hình nhận dạng giọng nói mặc định bị hỏng. Hãy cài lại ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="424"/>
        <source>The default speech model is missing. Reinstall the application.</source>
        <translation>Thiếu mô hình nhận dạng giọng nói mặc định. Hãy cài lại ứng dụng.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="425"/>
        <source>The speech model could not be loaded. Choose another model folder.</source>
        <translation>Không nạp được mô hình nhận dạng giọng nói. Hãy chọn thư mục mô hình khác.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="426"/>
        <source>No speakers or headphones are available to play the audio.</source>
        <translation>Không có loa hoặc tai nghe để phát âm thanh.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="427"/>
        <source>The recording could not be read.</source>
        <translation>Không đọc được bản ghi âm.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="428"/>
        <source>Transcription stopped after an internal error; the recording is kept.</source>
        <translation>Việc chuyển lời thành văn bản dừng do lỗi nội bộ; bản ghi âm vẫn được giữ.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="440"/>
        <source>Something went wrong: %1</source>
        <translation>Đã xảy ra lỗi: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="358"/>
        <location filename="../../ecabinet_client/asr/panel.py" line="454"/>
        <source>System default</source>
        <translation>Mặc định của hệ thống</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="471"/>
        <source>The settings could not be saved: %1</source>
        <translation>Không lưu được cài đặt: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="479"/>
        <source>Model: %1</source>
        <translation>Mô hình: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="482"/>
        <source>Model: Whisper base (default)</source>
        <translation>Mô hình: Whisper base (mặc định)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="489"/>
        <source>Choose the speech model folder</source>
        <translation>Chọn thư mục mô hình nhận dạng giọng nói</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="500"/>
        <source>The folder %1 does not exist. Choose the speech model folder again.</source>
        <translation>Thư mục %1 không tồn tại. Hãy chọn lại thư mục mô hình nhận dạng giọng nói.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="506"/>
        <source>The folder %1 is not a usable speech model: %2 is missing. Choose a CTranslate2 Whisper model folder with model.bin, config.json and tokenizer.json (without tokenizer.json the model would need the Internet).</source>
        <translation>Thư mục %1 không dùng được làm mô hình nhận dạng giọng nói: thiếu %2. Hãy chọn thư mục mô hình Whisper dạng CTranslate2 có đủ model.bin, config.json và tokenizer.json (thiếu tokenizer.json thì mô hình sẽ cần kết nối Internet).</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="523"/>
        <source>Speech model folder: %1. It is used from the next start.</source>
        <translation>Thư mục mô hình nhận dạng giọng nói: %1. Mô hình này được dùng từ lần bắt đầu ghi lời tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="530"/>
        <source>The default speech model is used from the next start.</source>
        <translation>Mô hình nhận dạng giọng nói mặc định được dùng từ lần bắt đầu ghi lời tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="606"/>
        <location filename="../../ecabinet_client/asr/panel.py" line="633"/>
        <location filename="../../ecabinet_client/asr/panel.py" line="643"/>
        <source>Transcribing…</source>
        <translation>Đang ghi lời…</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="647"/>
        <source>Paused: nothing is recorded until you resume.</source>
        <translation>Đã tạm dừng: không ghi gì cho đến khi bấm Tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="673"/>
        <source>Transcription is %1 s behind the room; the audio is kept and the text will catch up.</source>
        <translation>Việc ghi lời đang chậm %1 giây so với phòng họp; âm thanh vẫn được giữ và văn bản sẽ theo kịp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="678"/>
        <source>Transcription has caught up.</source>
        <translation>Việc ghi lời đã theo kịp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="689"/>
        <source>Transcription stopped.</source>
        <translation>Đã dừng ghi lời.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="757"/>
        <source>The transcript could not be saved: %1</source>
        <translation>Không lưu được lời phát biểu: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="775"/>
        <source>The service refused a change of the transcript: %1</source>
        <translation>Máy chủ từ chối một thay đổi của biên bản ghi lời: %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="998"/>
        <source>Added to the opinions of the meeting.</source>
        <translation>Đã thêm vào danh sách ý kiến của cuộc họp.</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1042"/>
        <source>Export the transcript</source>
        <translation>Xuất bản ghi lời</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1042"/>
        <source>Text (*.txt);;SubRip subtitles (*.srt);;WebVTT subtitles (*.vtt)</source>
        <translation>Văn bản (*.txt);;Phụ đề SubRip (*.srt);;Phụ đề WebVTT (*.vtt)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1048"/>
        <source>Could not write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1050"/>
        <source>Transcript exported to %1</source>
        <translation>Đã xuất bản ghi lời ra %1</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1057"/>
        <source>Import a recording</source>
        <translation>Nhập bản ghi âm</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1057"/>
        <source>Audio (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm);;All files (*)</source>
        <translation>Âm thanh (*.wav *.flac *.mp3 *.m4a *.ogg *.opus *.webm);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1091"/>
        <source>Transcribing %1…</source>
        <translation>Đang chuyển %1 thành văn bản…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ecabinet_client/asr/panel.py" line="1118"/>
        <source>Imported %n utterance(s).</source>
        <translation>
            <numerusform>Đã nhập %n đoạn lời.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ecabinet_client/asr/panel.py" line="1124"/>
        <source>Import cancelled.</source>
        <translation>Đã huỷ nhập bản ghi.</translation>
    </message>
</context>
</TS>
