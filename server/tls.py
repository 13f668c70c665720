"""`python -m server tls init`: a local certificate authority and a certificate for the LAN.

Phones trust the authority's root once (installed from http://<server>/tapcast-ca.crt, see
README "HTTPS at home"); nginx then terminates TLS with the server certificate for every name
and address the household uses. The authority is kept and reused, so renewing the server
certificate (run init again) needs no reinstall on the phones.
"""

import datetime
import ipaddress
import os
import socket
from pathlib import Path

import click
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from server.config import PROJECT_ROOT

CA_DAYS = 3650
SERVER_DAYS = 825  # the longest validity Apple devices accept for a server certificate
FILES = {"ca_key": "ca.key", "ca_cert": "ca.crt", "key": "server.key", "cert": "server.crt"}


def write_private(path, data, mode=0o600):
    """Write through a temporary name and rename, so a crash leaves the old file or none."""
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


def pem_key(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def pem_cert(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def build(subject, issuer, public_key, signing_key, days, extensions):
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(public_key).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=days)))
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    return builder.sign(signing_key, hashes.SHA256())


def load_or_create_ca(folder, label):
    """The authority's (key, certificate): the existing pair, or a new one."""
    key_path, cert_path = folder / FILES["ca_key"], folder / FILES["ca_cert"]
    if key_path.is_file() and cert_path.is_file():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return key, x509.load_pem_x509_certificate(cert_path.read_bytes()), False
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{label} local authority")])
    cert = build(name, name, key.public_key(), key, CA_DAYS, [
        (x509.BasicConstraints(ca=True, path_length=0), True),
        (x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                       content_commitment=False, key_encipherment=False,
                       data_encipherment=False, key_agreement=False, encipher_only=False,
                       decipher_only=False), True),
        (x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False),
    ])
    write_private(key_path, pem_key(key))
    write_private(cert_path, pem_cert(cert), 0o644)
    return key, cert, True


def alternative_names(names, addresses):
    """The names and addresses the certificate covers (localhost and the host's name too)."""
    dns = list(dict.fromkeys([*names, "localhost", socket.gethostname()]))
    ips = list(dict.fromkeys([*addresses, "127.0.0.1"]))
    return [x509.DNSName(name) for name in dns] + [
        x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]


def issue_server_certificate(folder, names, addresses, label="Tapcast"):
    """Create (or reuse) the authority, then a fresh server key and certificate; the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca_cert, created = load_or_create_ca(folder, label)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, (names or ["localhost"])[0])])
    cert = build(subject, ca_cert.subject, key.public_key(), ca_key, SERVER_DAYS, [
        (x509.SubjectAlternativeName(alternative_names(names, addresses)), False),
        (x509.BasicConstraints(ca=False, path_length=None), True),
        (x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False),
        (x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False),
    ])
    write_private(folder / FILES["key"], pem_key(key))
    write_private(folder / FILES["cert"], pem_cert(cert) + pem_cert(ca_cert), 0o644)
    return {kind: folder / name for kind, name in FILES.items()}, created


@click.group("tls")
def tls_group():
    """HTTPS for the home network: a local certificate authority and server certificate."""


@tls_group.command("init")
@click.option("--dir", "folder", type=click.Path(path_type=Path),
              default=PROJECT_ROOT / "var" / "tls", show_default=True)
@click.option("--name", "names", multiple=True, help="A DNS name (repeat), e.g. tapcast.local")
@click.option("--ip", "addresses", multiple=True, help="A LAN address (repeat)")
def tls_init_command(folder, names, addresses):
    """Create the authority once, and a server certificate for these names and addresses."""
    try:
        paths, created = issue_server_certificate(folder, list(names), list(addresses))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'created' if created else 'reused'} the local authority: {paths['ca_cert']}")
    click.echo(f"server certificate: {paths['cert']} (key {paths['key']})")
    click.echo("install the authority's root once on each phone: http://<server>/tapcast-ca.crt")
