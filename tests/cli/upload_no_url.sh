#!/usr/bin/env bash
# upload_no_url: upload needs a URL
"$BENCHGATE" upload
