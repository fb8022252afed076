"""The address guard: which hosts the checker may connect to.

By default only public addresses are fetched. A host is resolved first and refused when any of its
addresses is loopback, private, link-local (cloud metadata 169.254.169.254 included), shared (CGNAT),
unique-local, multicast, unspecified, reserved, or an IPv6 form that embeds such an IPv4 address
(mapped, compatible, 6to4, Teredo, NAT64). Numeric host
forms that browsers and C libraries accept (``0x7f000001``, ``127.1``, ``2130706433``, ``0177.0.0.1``)
are read as the address they stand for. Every redirect hop is checked again, and the connection goes
to the address that was vetted, never to a second answer for the same name.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)


class Refused(Exception):
    """The host may not be fetched; the message says why."""


def literal_address(host: str) -> Address | None:
    """The address a host name stands for when it is an address written some way, else None."""
    bare = host.strip("[]").lower()
    try:
        return ipaddress.ip_address(bare.split("%")[0])
    except ValueError:
        pass
    if _NUMERIC_HOST.match(bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def why_private(address: Address) -> str | None:
    """Why an address is not public, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        for form, embedded in _embedded_ipv4(address):
            reason = why_private(embedded)
            if reason is not None:
                return f"{form} {reason}"
    for test, reason in (
        (address.is_loopback, "loopback"),
        (address.is_link_local, "link-local"),
        (address.is_multicast, "multicast"),
        (address.is_unspecified, "unspecified"),
        (address.is_private, "private"),
        (address.is_reserved, "reserved"),
    ):
        if test:
            return reason
    if isinstance(address, ipaddress.IPv4Address) and address in ipaddress.IPv4Network("100.64.0.0/10"):
        return "shared (CGNAT)"
    if not address.is_global:
        return "not public"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address carries: mapped, compatible (`::a.b.c.d`), 6to4, Teredo
    (server and client) and NAT64 (`64:ff9b::/96`)."""
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if address.ipv4_mapped is not None:
        found.append(("IPv4-mapped", address.ipv4_mapped))
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 and int(address) > 1:
        found.append(("IPv4-compatible", low))
    if address in _NAT64:
        found.append(("NAT64", low))
    if address.sixtofour is not None:
        found.append(("6to4", address.sixtofour))
    if address.teredo is not None:
        found.extend(("Teredo", part) for part in address.teredo)
    return found


async def vetted_address(host: str, port: int, allowed: bool) -> Address | None:
    """The address to connect to for ``host``, resolved once and vetted, or raise Refused (a DNS
    failure raises OSError). The checker connects to exactly this address: resolving the name again
    to connect would let a name that answers a public address first and a private one second (DNS
    rebinding) slip past the guard. None when the host is an address already, or private addresses
    are allowed (then the name is resolved as usual)."""
    literal = literal_address(host)
    if literal is not None:
        addresses: list[Address] = [literal]
    else:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if allowed:
        return None
    for address in addresses:
        reason = why_private(address)
        if reason is not None:
            raise Refused(f"{host} is a {reason} address ({address}); --allow-private allows it")
    if literal is not None or not addresses:
        return None
    return sorted(addresses, key=lambda address: address.version)[
        0
    ]  # IPv4 first: reachable nearly everywhere
