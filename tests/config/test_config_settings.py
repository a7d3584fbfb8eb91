"""Configuration precedence (command line > environment > user file > site file > defaults)
and the per-value origins that diagnostics show."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from config_helpers import ConfigFiles

from clienteling import config


def test_defaults_when_nothing_is_configured(config_files: ConfigFiles, tmp_path: Path) -> None:
    loaded = config.load()
    s = loaded.settings
    assert (s.server_url, s.store_code, s.language, s.log_level) == (None, None, "system", "INFO")
    assert s.sync_interval_seconds == 30
    assert s.data_dir == tmp_path / "data"
    assert {str(o) for o in loaded.origins.values()} == {"default"}
    assert loaded.files == ()
    assert loaded.httpx_verify() is True


def test_each_layer_overrides_the_one_below(
    config_files: ConfigFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_files.write_site(
        'server_url = "https://site.example"\nstore_code = "bcn01"\nlanguage = "en"\n'
        'log_level = "warning"\nsync_interval_seconds = 300\n'
    )
    user = config_files.write_user(
        'server_url = "https://user.example/"\nstore_code = "mad01"\nlanguage = "es"\n'
    )
    monkeypatch.setenv("CLIENTELING_SERVER_URL", "https://env.example")
    monkeypatch.setenv("CLIENTELING_STORE_CODE", "VAL01")
    loaded = config.load({"server_url": "https://cli.example", "log_level": None})
    s = loaded.settings
    assert s.server_url == "https://cli.example"
    assert s.store_code == "VAL01"
    assert s.language == "es"
    assert s.log_level == "WARNING"
    assert s.sync_interval_seconds == 300
    assert loaded.origins["server_url"] == config.Origin("command line")
    assert loaded.origins["store_code"] == config.Origin("environment", "CLIENTELING_STORE_CODE")
    assert loaded.origins["language"] == config.Origin("config file", str(user))
    assert loaded.origins["log_level"] == config.Origin("site config file", str(config_files.site))
    assert loaded.origins["data_dir"] == config.Origin("default")
    assert loaded.files == (user, config_files.site)
    rows = {r["setting"]: r for r in loaded.describe()}
    assert rows["store_code"] == {
        "setting": "store_code",
        "value": "VAL01",
        "source": "environment (CLIENTELING_STORE_CODE)",
    }


def test_environment_beats_file_and_is_parsed(
    config_files: ConfigFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_files.write_user("sync_interval_seconds = 30\n")
    monkeypatch.setenv("CLIENTELING_SYNC_INTERVAL_SECONDS", "120")
    loaded = config.load()
    assert loaded.settings.sync_interval_seconds == 120
    assert loaded.origins["sync_interval_seconds"].kind == "environment"


def test_config_file_named_by_environment(
    config_files: ConfigFiles, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "deploy.toml"
    other.write_text('store_code = "sev01"\n', encoding="utf-8")
    config_files.write_user('store_code = "mad01"\n')
    monkeypatch.setenv("CLIENTELING_CONFIG", str(other))
    loaded = config.load()
    assert loaded.settings.store_code == "SEV01"
    assert loaded.origins["store_code"] == config.Origin("config file", str(other))


def test_invalid_values_name_the_setting_and_its_source(
    config_files: ConfigFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_files.write_user('server_url = "clienteling.example"\n')
    with pytest.raises(config.ConfigError, match=r"server_url \(config file .*http"):
        config.load()
    config_files.write_user("")
    monkeypatch.setenv("CLIENTELING_SYNC_INTERVAL_SECONDS", "1")
    with pytest.raises(config.ConfigError, match=r"sync_interval_seconds .environment"):
        config.load()


def test_broken_toml_is_a_clear_error(config_files: ConfigFiles) -> None:
    config_files.write_user("server_url = \n")
    with pytest.raises(config.ConfigError, match="not valid TOML"):
        config.load()


def test_unknown_keys_are_reported_not_fatal(config_files: ConfigFiles) -> None:
    config_files.write_user('sever_url = "https://typo.example"\n')
    loaded = config.load()
    assert loaded.settings.server_url is None
    assert loaded.unknown_keys == (f"{config_files.user}: sever_url",)
    with pytest.raises(config.ConfigError, match="Unknown settings: colour"):
        config.load({"colour": "red"})


def test_ca_bundle_builds_an_ssl_context(config_files: ConfigFiles, tmp_path: Path) -> None:
    bundle = Path(ssl.get_default_verify_paths().cafile or "")
    if not bundle.is_file():
        pytest.skip("no system CA bundle file to use as a stand-in")
    loaded = config.load({"ca_bundle": bundle})
    verify = loaded.httpx_verify()
    assert isinstance(verify, ssl.SSLContext)
    assert verify.cert_store_stats()["x509_ca"] > 0
    with pytest.raises(config.ConfigError, match=r"ca_bundle .*no such file"):
        config.load({"ca_bundle": tmp_path / "missing.pem"})
