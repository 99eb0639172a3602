"""The client address behind reverse proxies (config.network): one function decides it for everything."""

import logging

import pytest
from django.test import RequestFactory

from config.network import ClientAddressLogFilter, ClientAddressMiddleware, client_ip, rate_limit_subject

PROXY = "10.0.0.5"


def request_from(remote_addr: str, forwarded_for: str | None = None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "127.0.0.1"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_from_an_untrusted_peer_the_header_is_ignored(behind_proxy):
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_from_a_trusted_proxy_the_forwarded_client_wins(behind_proxy):
    assert client_ip(request_from(PROXY, "198.51.100.1")) == "198.51.100.1"


def test_a_forged_left_part_of_the_header_is_never_reached(behind_proxy):
    # The client wrote "1.1.1.1, 10.0.0.7"; the proxy appended the real client 198.51.100.1.
    assert client_ip(request_from(PROXY, "1.1.1.1, 10.0.0.7, 198.51.100.1")) == "198.51.100.1"


def test_every_trusted_hop_on_the_right_is_skipped(behind_proxy):
    assert client_ip(request_from(PROXY, "198.51.100.1, 10.0.0.9, 127.0.0.1")) == "198.51.100.1"


def test_a_chain_of_trusted_proxies_only_is_the_left_most_of_them(behind_proxy):
    assert client_ip(request_from(PROXY, "10.0.0.9")) == "10.0.0.9"


def test_garbage_where_a_proxy_wrote_an_address_stops_at_the_last_trusted_hop(behind_proxy):
    assert client_ip(request_from(PROXY, "not-an-address, 10.0.0.9")) == "10.0.0.9"


def test_ports_and_brackets_are_removed(behind_proxy):
    assert client_ip(request_from(PROXY, "[2001:db8::7]:443")) == "2001:db8::7"


def test_ipv4_mapped_ipv6_peer_is_read_as_ipv4(behind_proxy):
    assert client_ip(request_from("::ffff:10.0.0.5", "198.51.100.1")) == "198.51.100.1"


def test_a_missing_peer_is_unknown():
    assert client_ip(request_from("")) == "unknown"


def test_rate_limits_count_an_ipv6_client_by_its_64():
    assert rate_limit_subject("2001:db8:1:2:aaaa::1") == rate_limit_subject("2001:db8:1:2:bbbb::9")


def test_rate_limits_count_ipv4_clients_apart():
    assert rate_limit_subject("198.51.100.1") != rate_limit_subject("198.51.100.2")


def test_log_lines_written_during_a_request_carry_the_client(behind_proxy):
    records = []

    def view(request):
        record = logging.LogRecord("tthc", logging.INFO, __file__, 1, "xin chào", None, None)
        ClientAddressLogFilter().filter(record)
        records.append(record)
        return None

    ClientAddressMiddleware(view)(request_from(PROXY, "198.51.100.1"))

    assert records[0].client_ip == "198.51.100.1"
