# Install sgs from the offline bundle (scripts/wheelhouse.py) on Windows, without network.
#   powershell -ExecutionPolicy Bypass -File install-offline.ps1 -Wheels .\windows-py3.11 [-Target C:\sgs]
param([Parameter(Mandatory=$true)][string]$Wheels, [string]$Target = "$env:USERPROFILE\sgs", [string]$Python = "py")
$ErrorActionPreference = "Stop"
& $Python -m venv $Target
& "$Target\Scripts\python.exe" -m pip install --no-index --find-links $Wheels --disable-pip-version-check -q "sgs-cli[web]"
& "$Target\Scripts\sgs.exe" --version
Write-Output "已安装：$Target\Scripts\sgs.exe"
