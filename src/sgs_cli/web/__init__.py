"""`sgs serve`: the sgs pages in a browser (optional extra: pip install 'sgs-cli[web]')."""
