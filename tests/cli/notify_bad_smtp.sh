#!/usr/bin/env bash
# notify_bad_smtp: the SMTP URL must be smtp:// or smtps://
"$BENCHGATE" notify --notify-smtp-url=http://mail.example.test "$SRC/fixtures/results/small"
