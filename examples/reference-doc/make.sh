#!/bin/sh
# office-template.docx from office-template.fodt with LibreOffice, headless, in a profile
# of its own (run from this folder).
set -e
profile=$(mktemp -d)
soffice "-env:UserInstallation=file://$profile" --headless --convert-to docx \
  --outdir . office-template.fodt
rm -rf "$profile"
