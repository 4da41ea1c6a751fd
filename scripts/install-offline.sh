#!/bin/sh
# Install sgs from the offline bundle (scripts/wheelhouse.py) into a virtual environment, without network.
#   sh install-offline.sh WHEELHOUSE_FOLDER [TARGET_FOLDER]
# e.g. sh install-offline.sh ./linux-py3.11 /opt/sgs   then   /opt/sgs/bin/sgs --help
set -eu
WHEELS=${1:?"用法：sh install-offline.sh 离线安装包文件夹 [安装目录]"}
TARGET=${2:-"$HOME/sgs"}
PY=${PYTHON:-python3}
"$PY" -m venv "$TARGET"
"$TARGET/bin/python" -m pip install --no-index --find-links "$WHEELS" --disable-pip-version-check -q "sgs-cli[web]"
"$TARGET/bin/sgs" --version
echo "已安装：$TARGET/bin/sgs"
