"""HTTPS for office mode: ``sgs serve --cert FILE --key FILE`` serves the same application over TLS with
cheroot (CherryPy's pure-Python WSGI server, Python's own ssl module; runs on Windows), and
``sgs serve cert`` makes a self-signed certificate for the office's server (cryptography).

Over HTTPS the session cookie is marked Secure. Plain HTTP stays served by waitress."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
from pathlib import Path

from sgs_cli.errors import InputError, UsageError

#: a self-signed certificate is valid this many days (the office makes a new one when it expires)
DAYS = 825


def require_tls_stack() -> None:
    try:
        import cheroot  # noqa: F401
        import cryptography  # noqa: F401
    except ImportError:
        raise UsageError("HTTPS 需要额外的组件，尚未安装",
                         "请运行 pip install 'sgs-cli[web]'（离线安装包已包含）") from None


def check_pair(cert: Path, key: Path) -> None:
    """The certificate and key can be loaded together (a clear message instead of an ssl traceback)."""
    import ssl

    for p, what in ((cert, "证书"), (key, "私钥")):
        if not Path(p).is_file():
            raise InputError(f"{what}文件“{p}”不存在", "可用 sgs serve cert --data 数据目录 生成自签名证书")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        ctx.load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, OSError, ValueError) as e:
        raise InputError(f"无法使用证书“{cert}”和私钥“{key}”：{e}", "请确认两者是同一对（PEM 格式），私钥没有密码") from None


def make_self_signed(folder: Path, names: list[str], force: bool = False) -> tuple[Path, Path, str]:
    """A self-signed certificate for the names (host names and IP addresses the departments type into
    the browser) in folder/sgs-cert.pem and folder/sgs-key.pem (the key readable by its owner only).
    Returns (cert, key, SHA-256 fingerprint)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "sgs-cert.pem", folder / "sgs-key.pem"
    if not force and (cert_path.exists() or key_path.exists()):
        raise UsageError(f"“{cert_path}”已存在，未覆盖", "如需重新生成，请加 --force（部门电脑需重新信任新证书）")
    names = [n.strip() for n in names if n.strip()] or ["127.0.0.1", socket.gethostname()]
    alt: list[x509.GeneralName] = []
    for n in dict.fromkeys(names):
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            alt.append(x509.DNSName(n))
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0]),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "双公示数据工具（自签名）")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=DAYS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(key, hashes.SHA256()))
    key_bytes = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    for p in (cert_path, key_path):
        p.unlink(missing_ok=True)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(key_bytes)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    fingerprint = cert.fingerprint(hashes.SHA256()).hex(":").upper()
    return cert_path, key_path, fingerprint


def https_server(app, host: str, port: int, cert: Path, key: Path, threads: int):
    """A cheroot server with TLS, bound (port 0 = any free port); ``.serve()`` runs it, ``.stop()`` ends it."""
    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    server = wsgi.Server((host, port), app, numthreads=threads, server_name="sgs")
    server.ssl_adapter = BuiltinSSLAdapter(str(cert), str(key))
    server.prepare()
    return server
