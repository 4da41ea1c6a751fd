#!/bin/sh
# The offline installation, as a 信用办 without internet does it (Linux, needs root for unshare -n):
# 1. builds the Linux wheelhouse for this Python (network), and checks that Windows x64 has a wheel of
#    every dependency for every supported Python;
# 2. in a network namespace with no network at all (unshare -n): makes a venv, installs with --no-index
#    from the wheelhouse only, and runs the quick start (validate the example, start office mode, log in).
#   sh bench/offline_install.sh            (prints the sizes and times)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-python3}
VER=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "== wheelhouse (Linux x86-64, Python $VER)"
"$PY" "$ROOT/scripts/wheelhouse.py" --platform linux --python "$VER" --out "$WORK/wheelhouse"
echo "== Windows x64: a wheel of every dependency for every supported Python"
"$PY" "$ROOT/scripts/wheelhouse.py" --platform windows --check-only
cp -r "$ROOT/examples" "$WORK/examples"
cp "$ROOT/scripts/install-offline.sh" "$WORK/"
echo "== install and quick start with no network (unshare -n)"
unshare -n env PYTHON="$PY" sh -eu -c '
  cd "$1"
  ip link set lo up  # the namespace has a loopback interface only, down: the quick start serves on 127.0.0.1
  python3 -c "import socket; socket.create_connection((\"pypi.org\", 443), 3)" 2>/dev/null && { echo "network is reachable"; exit 1; } || true
  start=$(date +%s)
  PYTHON="$2" sh install-offline.sh "$1/wheelhouse/linux-py$3" "$1/venv"
  echo "安装用时 $(( $(date +%s) - start )) 秒，环境 $(du -sm "$1/venv" | cut -f1) MB"
  "$1/venv/bin/sgs" validate examples/双公示台账_2019-11.xlsx | tail -1 || true
  printf "Zhengzhou2019\n" | "$1/venv/bin/sgs" serve user add xyb --unit 县信用办 --role office --data "$1/data" --password-stdin
  "$1/venv/bin/sgs" serve --data "$1/data" --port 0 --no-browser > "$1/serve.log" 2>&1 &
  pid=$!
  for i in $(seq 1 100); do grep -q "http://127.0.0.1:" "$1/serve.log" && break; sleep 0.2; done
  port=$(sed -n "s#.*http://127.0.0.1:\([0-9]*\)/.*#\1#p" "$1/serve.log" | head -1)
  "$1/venv/bin/python" -c "import urllib.request,sys; r=urllib.request.urlopen(\"http://127.0.0.1:$port/login\"); print(\"登录页\", r.status); sys.exit(r.status != 200)"
  kill -TERM $pid; wait $pid || true
  tail -1 "$1/serve.log"
' sh "$WORK" "$PY" "$VER"
echo "== OK"
