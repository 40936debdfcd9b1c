from __future__ import annotations

import shutil

import pytest

from ecabinet_client.asr.errors import ModelError
from ecabinet_client.asr.models import (
    DEFAULT_MODEL_SHA256,
    default_model_dir,
    default_model_sources,
    install_default_model,
    is_installed,
    resolve_model_dir,
    validate_model_dir,
)


def test_default_model_is_installed_once_with_progress(model_dir, data_dir):
    assert model_dir == default_model_dir(data_dir)
    assert is_installed(model_dir)
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.json"):
        assert (model_dir / name).is_file()
    calls = []
    mtime = (model_dir / "model.bin").stat().st_mtime_ns
    assert install_default_model(data_dir, lambda *a: calls.append(a)) == model_dir
    assert calls == []  # already installed: nothing joined again
    assert (model_dir / "model.bin").stat().st_mtime_ns == mtime


def test_env_var_chooses_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ECABINET_DATA_DIR", str(tmp_path))
    assert default_model_dir() == tmp_path / "models" / "whisper-base"


def test_checksum_mismatch_is_refused_and_leaves_nothing(tmp_path):
    calls = []
    with pytest.raises(ModelError) as err:
        install_default_model(tmp_path, lambda d, t, _: calls.append((d, t)), expected_sha256="0" * 64)
    assert err.value.code == "model_checksum"
    assert "SHA-256" in err.value.vi and "SHA-256" in err.value.en
    assert calls and calls[-1][0] == calls[-1][1]  # progress reached the end before the check
    assert not default_model_dir(tmp_path).exists()
    assert list((tmp_path / "models").iterdir()) == []  # no .part folder left


def test_corrupt_part_is_refused(tmp_path):
    src = default_model_sources()
    bad = tmp_path / "model.bin.part2"
    bad.write_bytes(b"\0" * 1024)
    with pytest.raises(ModelError) as err:
        install_default_model(tmp_path / "data", sources={**src, "part2": bad})
    assert err.value.code == "model_checksum"
    assert DEFAULT_MODEL_SHA256 not in str(err.value)


def test_folder_without_tokenizer_is_refused(model_dir, tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    for name in ("config.json", "vocabulary.json"):
        shutil.copy(model_dir / name, folder / name)
    (folder / "model.bin").symlink_to(model_dir / "model.bin")
    with pytest.raises(ModelError) as err:
        validate_model_dir(folder)
    assert err.value.code == "model_incomplete"
    assert "tokenizer.json" in err.value.vi and "tokenizer.json" in err.value.en
    assert "refused" in err.value.en and "từ chối" in err.value.vi
    with pytest.raises(ModelError):
        resolve_model_dir(folder)


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(ModelError) as err:
        validate_model_dir(tmp_path / "nowhere")
    assert err.value.code == "model_not_found"


def test_unreadable_model_bin_gives_a_clear_error(model_dir, tmp_path):
    from ecabinet_client.asr.engine import AsrModel

    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copy(model_dir / name, folder / name)
    (folder / "model.bin").write_bytes(b"not a model")
    with pytest.raises(ModelError) as err:
        AsrModel(folder, cpu_threads=1)
    assert err.value.code == "model_unreadable"
