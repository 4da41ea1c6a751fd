"""Build the offline installation bundle of sgs (for a 信用办 or a department PC without internet).

    python scripts/wheelhouse.py                         # every supported platform and Python version
    python scripts/wheelhouse.py --platform linux --python 3.11
    python scripts/wheelhouse.py --check-only            # only check that every dependency has a wheel

For each platform (Windows x64, Linux x86-64) and each supported Python version the folder
``dist/wheelhouse/<platform>-py<version>/`` gets the wheel of sgs and a wheel of every dependency (with
the web extra), downloaded with ``pip download --only-binary=:all: --platform … --python-version …``: no
source package, so nothing is compiled on the office's machine. ``pip download`` fails when a dependency
has no wheel for that platform and version: that is the check that a version is supported. Copy the
folder and ``scripts/install-offline.sh`` / ``install-offline.ps1`` to the machine, then run the script
there (``pip install --no-index``: it never reaches the network).

Needs internet (the machine that builds the bundle), pip >= 23."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: supported Python versions (README, pyproject's requires-python): each one has wheels of every dependency
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
#: pip platform tags; manylinux2014 covers CentOS 7 / Kylin / UOS and newer (glibc 2.17), and pip also
#: accepts the newer manylinux_2_28 wheels some packages ship only
PLATFORMS = {
    "windows": ["win_amd64"],
    "linux": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
}
EXTRAS = "web"


def build_sgs_wheel(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True)
    return next(out.glob("sgs_cli-*.whl"))


def download(wheel: Path, platform: str, python: str, dest: Path) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--implementation", "cp",
           "--python-version", python, "-d", str(dest), "-q", "--disable-pip-version-check"]
    for tag in PLATFORMS[platform]:
        cmd += ["--platform", tag]
    cmd.append(f"{wheel}[{EXTRAS}]")
    return subprocess.run(cmd, capture_output=True, text=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--platform", choices=sorted(PLATFORMS), action="append")
    ap.add_argument("--python", choices=PYTHONS, action="append")
    ap.add_argument("--out", type=Path, default=ROOT / "dist" / "wheelhouse")
    ap.add_argument("--check-only", action="store_true", help="download into a temporary folder and remove it")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="sgs-wheel-"))
    try:
        wheel = build_sgs_wheel(tmp / "sgs")
        failed = []
        for platform in args.platform or sorted(PLATFORMS):
            for python in args.python or PYTHONS:
                dest = (tmp / "check" if args.check_only else args.out) / f"{platform}-py{python}"
                dest.mkdir(parents=True, exist_ok=True)
                r = download(wheel, platform, python, dest)
                if r.returncode != 0:
                    last = (r.stderr.strip().splitlines() or ["?"])[-1]
                    failed.append(f"{platform} Python {python}: {last}")
                    print(f"失败 {platform} Python {python}: {last}")
                    continue
                shutil.copy2(wheel, dest / wheel.name)
                size = sum(p.stat().st_size for p in dest.glob("*.whl"))
                print(f"{platform} Python {python}: {len(list(dest.glob('*.whl')))} 个 wheel，{size / 1e6:.0f} MB"
                      + ("" if args.check_only else f" → {dest}"))
                if args.check_only:
                    shutil.rmtree(dest)
        if failed:
            print("以下平台/版本缺少 wheel，不能离线安装：\n  " + "\n  ".join(failed))
            return 1
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
