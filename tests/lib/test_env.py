"""The strict environment parser: a value that cannot be understood is an error."""

from __future__ import annotations

import pytest

from styrmodell.lib.env import Env, EnvError


def env(**values: str) -> Env:
    return Env(values)


class TestStr:
    def test_missing_value_gives_the_default(self):
        assert env().str("NAME", "fallback") == "fallback"

    def test_blank_value_counts_as_missing(self):
        assert env(NAME="   ").str("NAME", "fallback") == "fallback"
        assert env(NAME="").str("NAME") is None

    def test_value_is_stripped(self):
        assert env(NAME="  styrmodell \n").str("NAME") == "styrmodell"

    def test_is_set_ignores_blank_values(self):
        assert env(A="x").is_set("A")
        assert not env(A=" ").is_set("A")
        assert not env().is_set("A")

    def test_reads_os_environ_when_no_mapping_is_given(self, monkeypatch):
        monkeypatch.setenv("STYRMODELL_TEST_VALUE", "från miljön")
        assert Env().str("STYRMODELL_TEST_VALUE") == "från miljön"


class TestBool:
    @pytest.mark.parametrize("raw", ["1", "true", "TRUE", "Yes", "on", " true "])
    def test_true_words(self, raw):
        assert env(DEBUG=raw).bool("DEBUG", default=False) is True

    @pytest.mark.parametrize("raw", ["0", "false", "False", "NO", "off"])
    def test_false_words(self, raw):
        assert env(DEBUG=raw).bool("DEBUG", default=True) is False

    def test_missing_value_gives_the_default(self):
        assert env().bool("DEBUG", default=True) is True
        assert env(DEBUG="").bool("DEBUG", default=False) is False

    @pytest.mark.parametrize("raw", ["ture", "flase", "2", "y", "enabled", "sant"])
    def test_typo_is_an_error_not_a_default(self, raw):
        with pytest.raises(EnvError) as error:
            env(DEBUG=raw).bool("DEBUG", default=False)
        assert "DEBUG" in str(error.value)
        assert repr(raw) in str(error.value)

    def test_env_error_is_a_value_error(self):
        assert issubclass(EnvError, ValueError)


class TestInt:
    def test_reads_a_whole_number(self):
        assert env(N="42").int("N", 0) == 42
        assert env(N=" -7 ").int("N", 0) == -7

    def test_missing_value_gives_the_default(self):
        assert env().int("N", 31_536_000) == 31_536_000

    @pytest.mark.parametrize("raw", ["4.5", "ten", "1e3", "12 000"])
    def test_not_a_whole_number_is_an_error(self, raw):
        with pytest.raises(EnvError, match="N="):
            env(N=raw).int("N", 0)

    def test_below_minimum_is_an_error(self):
        with pytest.raises(EnvError, match="below the minimum 0"):
            env(N="-1").int("N", 0, minimum=0)

    def test_minimum_itself_is_allowed(self):
        assert env(N="0").int("N", 5, minimum=0) == 0


class TestList:
    def test_splits_on_commas_and_strips_items(self):
        assert env(HOSTS="a.se, b.se ,c.se").list("HOSTS") == ["a.se", "b.se", "c.se"]

    def test_single_item(self):
        assert env(HOSTS="styrmodell.example.se").list("HOSTS") == ["styrmodell.example.se"]

    def test_missing_value_gives_a_copy_of_the_default(self):
        default = ["localhost"]
        value = env().list("HOSTS", default)
        assert value == ["localhost"]
        value.append("changed")
        assert default == ["localhost"]

    def test_missing_value_without_default_is_empty(self):
        assert env().list("HOSTS") == []

    @pytest.mark.parametrize("raw", ["a.se,,b.se", "a.se,", ",a.se", "a.se, ,b.se"])
    def test_empty_item_is_an_error(self, raw):
        with pytest.raises(EnvError, match="empty item"):
            env(HOSTS=raw).list("HOSTS")


class TestChoice:
    def test_accepts_a_listed_value(self):
        assert env(LEVEL="DEBUG").choice("LEVEL", ("DEBUG", "INFO"), "INFO") == "DEBUG"

    def test_missing_value_gives_the_default(self):
        assert env().choice("LEVEL", ("DEBUG", "INFO"), "INFO") == "INFO"

    def test_value_is_case_sensitive(self):
        with pytest.raises(EnvError, match="not one of: DEBUG, INFO"):
            env(LEVEL="debug").choice("LEVEL", ("DEBUG", "INFO"), "INFO")

    def test_unknown_value_is_an_error(self):
        with pytest.raises(EnvError, match="LEVEL='VERBOSE'"):
            env(LEVEL="VERBOSE").choice("LEVEL", ("DEBUG", "INFO"), "INFO")


class TestUrl:
    SCHEMES = ("sqlite", "postgres", "postgresql")

    @pytest.mark.parametrize(
        "raw",
        ["sqlite:////tmp/db.sqlite3", "postgres://u@db/styrmodell", "postgresql://db:5432/x"],
    )
    def test_accepts_allowed_schemes(self, raw):
        assert env(DATABASE_URL=raw).url("DATABASE_URL", self.SCHEMES) == raw

    def test_missing_value_gives_the_default(self):
        assert env().url("DATABASE_URL", self.SCHEMES, "sqlite:///x") == "sqlite:///x"
        assert env().url("REDIS_URL", ("redis",)) is None

    @pytest.mark.parametrize("raw", ["mysql://db/x", "postgress://db/x", "db.example.se/x", "x"])
    def test_other_scheme_is_an_error(self, raw):
        with pytest.raises(EnvError) as error:
            env(DATABASE_URL=raw).url("DATABASE_URL", self.SCHEMES)
        message = str(error.value)
        assert message.startswith("DATABASE_URL must start with")
        assert "postgres://" in message

    def test_scheme_is_matched_exactly(self):
        with pytest.raises(EnvError):
            env(REDIS_URL="REDIS://cache:6379/0").url("REDIS_URL", ("redis", "rediss"))
